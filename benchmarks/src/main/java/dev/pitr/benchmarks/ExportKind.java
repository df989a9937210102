package dev.pitr.benchmarks;

/** Which export of a generated chain a benchmark reads. */
public enum ExportKind {
    /** A FULL export: one {@code Item} a line, every one a Put. */
    FULL,
    /**
     * An INCREMENTAL export (NEW_AND_OLD_IMAGES): half updates (both images, a Put), a quarter
     * deletes (a Delete), a quarter inserts (a Put).
     */
    INCREMENTAL
}
