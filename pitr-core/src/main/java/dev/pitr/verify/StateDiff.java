package dev.pitr.verify;

import dev.pitr.model.Item;
import dev.pitr.model.Key;
import dev.pitr.model.KeySchema;
import dev.pitr.state.ChainState;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Compares two states key by key without holding either in memory: the chain's final state, and
 * a table's items read into a state of their own ({@link ChainState#ingestItems}). Both walk in
 * the same key order (keys by value), so one merge pass finds what the chain holds and the table
 * lacks ({@code missing}), what only the table holds ({@code extra}), and keys whose items differ
 * ({@link SameValue}). Keys the chain deleted count as absent.
 */
public final class StateDiff {
    /** What a comparison found. */
    public record Counts(long checked, long missing, long extra, long different) {
        /** Whether the two sides hold the same items. */
        public boolean equal() {
            return missing == 0 && extra == 0 && different == 0;
        }
    }

    /** Hears each difference, by key (never values), in key order. */
    public interface Listener {
        /** The key is in the chain's state and not in the table. */
        default void missing(Key key, Item expected) {
        }

        /** The key is in the table only. */
        default void extra(Key key, Item actual) {
        }

        /** The key is on both sides with other items. */
        default void different(Key key, Item expected, Item actual) {
        }
    }

    private StateDiff() {
    }

    /** Compares {@code expected} (the chain's state) with {@code actual} (the table's items). */
    public static Counts compare(ChainState expected, ChainState actual, KeySchema schema, Listener listener) {
        long checked = 0;
        long missing = 0;
        long extra = 0;
        long different = 0;
        try (ChainState.StateCursor e = expected.cursor(); ChainState.StateCursor a = actual.cursor()) {
            boolean moreE = nextLive(e);
            boolean moreA = nextLive(a);
            while (moreE || moreA) {
                int order = !moreE ? 1 : !moreA ? -1 : Arrays.compareUnsigned(e.keyBytes(), a.keyBytes());
                checked++;
                if (order < 0) {
                    missing++;
                    listener.missing(e.key(schema), item(e));
                    moreE = nextLive(e);
                } else if (order > 0) {
                    extra++;
                    listener.extra(a.key(schema), item(a));
                    moreA = nextLive(a);
                } else {
                    if (!SameValue.items(item(e), item(a))) {
                        different++;
                        listener.different(e.key(schema), item(e), item(a));
                    }
                    moreE = nextLive(e);
                    moreA = nextLive(a);
                }
            }
        }
        return new Counts(checked, missing, extra, different);
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
        @Nullable Item item = c.item();
        if (item == null) {
            throw new IllegalStateException("no item at the cursor");
        }
        return item;
    }
}
