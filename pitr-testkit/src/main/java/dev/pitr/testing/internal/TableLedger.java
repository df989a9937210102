package dev.pitr.testing.internal;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Which items exist and at which version, in compact form: items are numbered from 0 in
 * insertion order; an item never touched since its insertion is live at version 0 and costs
 * nothing; a touched one costs one map entry (version, deleted flag, and the export that last
 * touched it, so an export touches a key at most once). Keys deleted before the current export
 * are kept in a list to draw re-inserts from.
 *
 * <p>Memory is proportional to the keys incremental exports change, never to the items a FULL
 * export holds or to their size.
 */
public final class TableLedger {
    private static final long ABSENT = Long.MIN_VALUE;
    private static final long DELETED = 1L << 32;
    private static final int RANDOM_TRIES = 64;

    private final IntLongMap touched = new IntLongMap();
    private int nextIndex;
    private int[] deleted = new int[16];
    private int deletedCount;
    private int[] deletedNow = new int[16];
    private int deletedNowCount;
    private int export;

    /** Items numbered so far (live or deleted). */
    public int indexCount() {
        return nextIndex;
    }

    /** Items that exist now. */
    public long liveCount() {
        return (long) nextIndex - deletedCount - deletedNowCount;
    }

    /** Deleted keys that a re-insert of the current export may bring back. */
    public int reinsertable() {
        return deletedCount;
    }

    /** Whether item {@code index} exists now. */
    public boolean isLive(int index) {
        long s = touched.get(index, ABSENT);
        return index < nextIndex && (s == ABSENT || (s & DELETED) == 0);
    }

    /** The current (or, for a deleted item, last) version of item {@code index}. */
    public int version(int index) {
        long s = touched.get(index, ABSENT);
        return s == ABSENT ? 0 : (int) s;
    }

    /** Starts an export: keys touched from now on are not handed out again until {@link #endExport()}. */
    public void beginExport() {
        export++;
    }

    /** Ends an export: keys it deleted become candidates for later re-inserts. */
    public void endExport() {
        for (int i = 0; i < deletedNowCount; i++) {
            deleted = push(deleted, deletedCount++, deletedNow[i]);
        }
        deletedNowCount = 0;
    }

    /** Numbers {@code n} new items at version 0, all live; returns the first new index. */
    public int addUntouched(int n) {
        if ((long) nextIndex + n > Integer.MAX_VALUE - 1) {
            throw new IllegalArgumentException("too many items: " + ((long) nextIndex + n));
        }
        int first = nextIndex;
        nextIndex += n;
        return first;
    }

    /** A new item inserted by the current export, at version 0. */
    public int insert() {
        int index = addUntouched(1);
        touched.put(index, pack(0, false));
        return index;
    }

    /**
     * A live item the current export has not touched yet, drawn at random.
     *
     * @throws IllegalStateException when there is none
     */
    public int pickLive(SplittableRandom r) {
        if (nextIndex > 0) {
            for (int i = 0; i < RANDOM_TRIES; i++) {
                int index = r.nextInt(nextIndex);
                if (isLiveUntouched(index)) {
                    return index;
                }
            }
            // Few eligible keys left: scan from a random place.
            int start = r.nextInt(nextIndex);
            for (int k = 0; k < nextIndex; k++) {
                int index = (int) (((long) start + k) % nextIndex);
                if (isLiveUntouched(index)) {
                    return index;
                }
            }
        }
        throw new IllegalStateException("no live item left that this export has not changed already");
    }

    private boolean isLiveUntouched(int index) {
        long s = touched.get(index, ABSENT);
        return s == ABSENT || ((s & DELETED) == 0 && (int) (s >>> 33) != export);
    }

    /**
     * An item deleted by an earlier export, drawn at random and removed from the candidates.
     *
     * @throws IllegalStateException when there is none
     */
    public int pickDeleted(SplittableRandom r) {
        if (deletedCount == 0) {
            throw new IllegalStateException("no deleted item left to re-insert");
        }
        int at = r.nextInt(deletedCount);
        int index = deleted[at];
        deleted[at] = deleted[--deletedCount];
        return index;
    }

    /** Records that the current export leaves item {@code index} live at {@code version}. */
    public void setLive(int index, int version) {
        touched.put(index, pack(version, false));
    }

    /** Records that the current export deletes item {@code index} (keeping its last version). */
    public void setDeleted(int index) {
        touched.put(index, pack(version(index), true));
        deletedNow = push(deletedNow, deletedNowCount++, index);
    }

    private long pack(int version, boolean isDeleted) {
        return ((long) export << 33) | (isDeleted ? DELETED : 0) | (version & 0xffff_ffffL);
    }

    private static int[] push(int[] array, int at, int value) {
        int[] a = at == array.length ? Arrays.copyOf(array, array.length * 2) : array;
        a[at] = value;
        return a;
    }
}
