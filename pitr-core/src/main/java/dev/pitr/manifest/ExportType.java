package dev.pitr.manifest;

/** The kind of export: the whole table at one time, or the changes of a time window. */
public enum ExportType {
    /** The table as of {@code exportTime}. A summary without {@code exportType} is one. */
    FULL_EXPORT,
    /** The last state of every key changed in {@code [exportFromTime, exportToTime)}. */
    INCREMENTAL_EXPORT
}
