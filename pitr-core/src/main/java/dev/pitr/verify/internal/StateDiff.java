package dev.pitr.verify.internal;

import dev.pitr.model.Item;
import dev.pitr.model.Key;
import dev.pitr.model.KeySchema;
import dev.pitr.state.ChainState;
import dev.pitr.state.internal.StateKeys;
import dev.pitr.verify.ItemDigest;
import dev.pitr.verify.VerifyReport;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * Compares the chain's state with the table's digests in one merge pass: both walk in key order
 * (canonical key bytes), so a key on one side only is {@code missing} or {@code extra}, and a key
 * on both whose item digests differ is {@code different}. Keys the chain deleted count as absent.
 * Neither side is held in memory.
 */
public final class StateDiff {
    /** Hears each difference in key order, and each key compared. */
    public interface Listener {
        /** The chain's state holds {@code expected} under {@code key}; the table holds nothing. */
        void missing(Key key, Item expected);

        /** The table holds an item under {@code key}; the chain's state holds none. */
        void extra(Key key);

        /** Both hold an item under {@code key}, not the same value; {@code expected} is the state's. */
        void different(Key key, Item expected);

        /** One more key compared. */
        default void checked() {
        }
    }

    /** What a comparison found, and both sides' fingerprints. */
    public record Result(VerifyReport.Counts counts, String stateFingerprint, String tableFingerprint) {
    }

    private StateDiff() {
    }

    /**
     * Compares {@code expected} (the chain's state) with {@code actual} (the table's digests).
     *
     * @param stop checked between keys: when true, the comparison ends early (its result is partial)
     */
    public static Result compare(ChainState expected, TableDigests actual, KeySchema schema, Listener listener,
                                 BooleanSupplier stop) {
        long checked = 0;
        long missing = 0;
        long extra = 0;
        long different = 0;
        Fingerprint stateFingerprint = new Fingerprint();
        Fingerprint tableFingerprint = new Fingerprint();
        try (ChainState.StateCursor e = expected.cursor(); TableDigests.Cursor a = actual.cursor()) {
            boolean moreE = nextLive(e);
            boolean moreA = a.next();
            byte[] expectedDigest = moreE ? ItemDigest.of(item(e)) : null;
            while ((moreE || moreA) && !stop.getAsBoolean()) {
                int order = !moreE ? 1 : !moreA ? -1 : Arrays.compareUnsigned(e.keyBytes(), a.keyBytes());
                checked++;
                if (order <= 0) {
                    stateFingerprint.add(e.keyBytes(), expectedDigest);
                }
                if (order >= 0) {
                    tableFingerprint.add(a.keyBytes(), a.digest());
                }
                if (order < 0) {
                    missing++;
                    listener.missing(e.key(schema), item(e));
                } else if (order > 0) {
                    extra++;
                    listener.extra(StateKeys.keyOf(a.keyBytes(), schema));
                } else if (!Arrays.equals(expectedDigest, a.digest())) {
                    different++;
                    listener.different(e.key(schema), item(e));
                }
                listener.checked();
                if (order <= 0) {
                    moreE = nextLive(e);
                    expectedDigest = moreE ? ItemDigest.of(item(e)) : null;
                }
                if (order >= 0) {
                    moreA = a.next();
                }
            }
        }
        return new Result(new VerifyReport.Counts(checked, missing, extra, different), stateFingerprint.hex(),
                tableFingerprint.hex());
    }

    private static boolean nextLive(ChainState.StateCursor c) {
        while (c.next()) {
            if (!c.isDeleted()) {
                return true;
            }
        }
        return false;
    }

    private static Item item(ChainState.StateCursor c) {
        return Objects.requireNonNull(c.item(), "no item at the cursor");
    }
}
