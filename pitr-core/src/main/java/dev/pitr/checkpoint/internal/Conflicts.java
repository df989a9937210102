package dev.pitr.checkpoint.internal;

import dev.pitr.checkpoint.CheckpointConflictException;

/** The one wording of a lost conditional save, shared by every store. */
public final class Conflicts {
    private Conflicts() {
    }

    /**
     * The exception for a save whose expected version is not the stored one.
     *
     * @param where the store's name for the checkpoint (a path, a URI, a table)
     */
    public static CheckpointConflictException stale(String restoreId, String where, String expected, String found) {
        return new CheckpointConflictException("Checkpoint of restore \"" + restoreId + "\" in " + where
                + " was saved by someone else (expected version " + (expected == null ? "none" : expected)
                + ", found " + (found == null ? "none" : found) + "): another restorer is running with this restore id");
    }
}
