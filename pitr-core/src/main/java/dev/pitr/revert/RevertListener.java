package dev.pitr.revert;

import dev.pitr.model.Key;
import dev.pitr.plan.RestorePlan;
import java.time.Duration;

/** Hears a revert as it goes; calls come from the reverting thread. Keep them short. */
public interface RevertListener {

    /** The window is planned; nothing is read yet. */
    default void planned(RestorePlan plan) {
    }

    /** Export {@code index} (0-based) of {@code count} is read into the revert's state. */
    default void exportRead(int index, int count) {
    }

    /**
     * The run starts deciding keys, after the {@code keysDone} keys that earlier runs of this revert
     * decided and checkpointed (0 and {@link RevertReport.Counts#ZERO} for a new revert, a dry run,
     * or one without a checkpoint store). Called once, before any {@link #conflict}.
     *
     * <p>A listener that keeps conflicts across runs keeps the first {@code counts.conflicts()} it
     * was told of: those are the ones the checkpoint counts. Conflicts it heard of after them came
     * from keys a killed run decided but did not checkpoint; this run decides those keys again and
     * tells of them again.
     *
     * @param keysDone keys decided by earlier runs, in the revert's order
     * @param counts   what earlier runs did, as checkpointed
     */
    default void started(long keysDone, RevertReport.Counts counts) {
    }

    /** Where the revert is, every progress interval. */
    default void progress(Progress progress) {
    }

    /**
     * A key left alone because its item changed since the window (keys only, never values), in the
     * order keys are decided (see {@link PitrReverter}), before the checkpoint that counts it is saved.
     */
    default void conflict(Key key) {
    }

    /**
     * A snapshot of a revert's progress.
     *
     * @param keysDone  keys of the window decided so far (every run of this revert)
     * @param keysTotal keys the window changed: exact for a window of one export, an estimate for
     *                  several until their keys have all been walked
     * @param counts    what was done so far
     * @param elapsed   time since this run started
     */
    record Progress(long keysDone, long keysTotal, RevertReport.Counts counts, Duration elapsed) {
    }
}
