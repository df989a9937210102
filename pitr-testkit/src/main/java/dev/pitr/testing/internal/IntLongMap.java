package dev.pitr.testing.internal;

import java.util.Arrays;

/**
 * An open-addressing map from non-negative {@code int} to {@code long}: 12 bytes a slot at most
 * two thirds full (18 to 36 bytes an entry) instead of the ~80 of a {@code HashMap<Integer, Long>}:
 * the ledger keeps one entry per
 * key an incremental export touched, which can be millions for benchmark exports.
 */
final class IntLongMap {
    private static final int FREE = -1;

    private int[] keys;
    private long[] values;
    private int size;
    private int mask;

    IntLongMap() {
        allocate(64);
    }

    private void allocate(int capacity) {
        keys = new int[capacity];
        Arrays.fill(keys, FREE);
        values = new long[capacity];
        mask = capacity - 1;
    }

    int size() {
        return size;
    }

    /** The value of {@code key}, or {@code missing}. */
    long get(int key, long missing) {
        int at = slot(key);
        return keys[at] == key ? values[at] : missing;
    }

    void put(int key, long value) {
        if (key < 0) {
            throw new IllegalArgumentException("negative key " + key);
        }
        int at = slot(key);
        if (keys[at] != key) {
            keys[at] = key;
            size++;
        }
        values[at] = value;
        if (size * 3L > keys.length * 2L) {
            grow();
        }
    }

    private int slot(int key) {
        int at = (int) Seeds.mix(key) & mask;
        while (keys[at] != FREE && keys[at] != key) {
            at = (at + 1) & mask;
        }
        return at;
    }

    private void grow() {
        int[] oldKeys = keys;
        long[] oldValues = values;
        allocate(oldKeys.length * 2);
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != FREE) {
                int at = slot(oldKeys[i]);
                keys[at] = oldKeys[i];
                values[at] = oldValues[i];
            }
        }
    }
}
