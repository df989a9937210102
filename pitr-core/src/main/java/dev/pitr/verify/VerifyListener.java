package dev.pitr.verify;

import dev.pitr.manifest.ExportDescriptor;
import dev.pitr.model.Key;
import dev.pitr.plan.RestorePlan;
import java.time.Duration;

/**
 * Hears a verify as it goes. Calls never overlap (the verifier serialises them), but may come
 * from any of its threads: keep them short.
 */
public interface VerifyListener {

    /** The chain is planned; nothing is read yet. */
    default void planned(RestorePlan plan) {
    }

    /** The state already held the first {@code exports} exports of {@code count} (a resumed build). */
    default void stateResumed(int exports, int count) {
    }

    /** Export {@code index} (0-based) of {@code count} is in the chain's state. */
    default void stateExportIngested(ExportDescriptor export, int index, int count, long records) {
    }

    /** Where the verify is, every progress interval and at the end of each phase. */
    default void progress(Progress progress) {
    }

    /** One key that differs (keys only: values never reach a listener). */
    default void difference(Difference difference) {
    }

    /** What a verify is doing. */
    enum Phase {
        /** Reading the chain's exports into its final state. */
        BUILDING_STATE,
        /** Reading the table (a scan, or the sampled keys). */
        READING_TABLE,
        /** Walking the chain's state and the table's digests side by side. */
        COMPARING,
        /** Reading the table again after a repair, and comparing. */
        CHECKING_REPAIR
    }

    /**
     * A snapshot of a verify's progress.
     *
     * @param phase         what it is doing
     * @param tableItems    table items read so far (every pass)
     * @param capacityUnits read capacity units consumed so far
     * @param keysChecked   keys compared so far in this pass
     * @param differences   differences found so far in this pass
     * @param elapsed       time since the verify started
     */
    record Progress(Phase phase, long tableItems, double capacityUnits, long keysChecked, long differences,
                    Duration elapsed) {
    }

    /**
     * A key on which the table and the chain's state differ.
     *
     * @param kind what differs
     * @param key  the key (never the item)
     * @param pass 1 for the verify, 2 for the check after a repair
     */
    record Difference(Kind kind, Key key, int pass) {
    }

    /** How a key differs. */
    enum Kind {
        /** In the chain's state, not in the table. */
        MISSING,
        /** In the table, not in the chain's state (never written by the chain, or deleted by it). */
        EXTRA,
        /** On both sides, with items that are not the same value. */
        DIFFERENT;

        /** The lower-case name used in reports and diff files. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
