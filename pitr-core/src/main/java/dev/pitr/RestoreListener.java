package dev.pitr;

import dev.pitr.checkpoint.Checkpoint;
import dev.pitr.manifest.DataFile;
import dev.pitr.manifest.ExportDescriptor;
import dev.pitr.plan.RestorePlan;

/**
 * Hears what a restore does, for progress bars, dashboards and logs. Methods are called from
 * the restorer's threads and must return quickly; all do nothing by default.
 */
public interface RestoreListener {
    /** The chain was read and validated; nothing is written yet. */
    default void planned(RestorePlan plan) {
    }

    /** Export {@code index} (0-based) of {@code count} starts. */
    default void exportStarted(ExportDescriptor export, int index, int count) {
    }

    /** A data file was applied completely and its checksum verified. */
    default void fileFinished(ExportDescriptor export, DataFile file) {
    }

    /** An export was applied completely. */
    default void exportFinished(RestoreReport.ExportReport report) {
    }

    /** Periodic progress, at the restorer's progress interval. */
    default void progress(RestoreProgress progress) {
    }

    /**
     * Another run holds the restore id and stopped saving: this run waits until its lease lapses
     * (or a stop request), then takes over.
     *
     * @param holder who holds it (its run, and its process and host when known)
     * @param since  when the holder last saved
     * @param until  when its lease lapses
     */
    default void waitingForLease(String holder, java.time.Instant since, java.time.Instant until) {
    }

    /** A checkpoint was saved. */
    default void checkpointSaved(Checkpoint checkpoint) {
    }

    /** A listener that does nothing. */
    static RestoreListener none() {
        return new RestoreListener() {
        };
    }
}
