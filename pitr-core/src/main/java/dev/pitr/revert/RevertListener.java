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

    /** Where the revert is, every progress interval. */
    default void progress(Progress progress) {
    }

    /** A key left alone because its item changed since the window (keys only, never values). */
    default void conflict(Key key) {
    }

    /**
     * A snapshot of a revert's progress.
     *
     * @param keysDone  keys of the window decided so far (every run of this revert)
     * @param keysTotal keys the window changed
     * @param counts    what was done so far
     * @param elapsed   time since this run started
     */
    record Progress(long keysDone, long keysTotal, RevertReport.Counts counts, Duration elapsed) {
    }
}
