package dev.pitr.manifest;

/** What an incremental export writes for each changed key. */
public enum OutputView {
    /** The item after the window ({@code NewImage}), or {@code Keys} alone for a delete. */
    NEW_IMAGE,
    /** Also the item before the window ({@code OldImage}), which restoring does not need. */
    NEW_AND_OLD_IMAGES
}
