package dev.pitr.model.internal;

/**
 * The hash index shared by the array-backed maps and sets of this package: an open-addressing
 * table of positions into an array of keys (slot value {@code p + 1}, {@code 0} for empty), with
 * linear probing. Arrays of up to {@link #LINEAR} keys need no index: a scan is faster.
 */
final class SlotIndex {
    /** Arrays this short are searched by a scan. */
    static final int LINEAR = 8;

    private SlotIndex() {
    }

    /** A table for up to {@code n} keys (at most half full). */
    static int[] table(int n) {
        return new int[Integer.highestOneBit(Math.max(8, n) * 2 - 1) << 1];
    }

    /**
     * For builders: the table to use once {@code keys[size]} is added, {@code table} itself or a
     * new one holding {@code keys[0, size)} when a scan stops being enough or the table is full.
     */
    static int[] grow(int[] table, Object[] keys, int size) {
        if ((table == null && size == LINEAR) || (table != null && table.length < 2 * (size + 1))) {
            table = table(size * 2);
            for (int i = 0; i < size; i++) {
                insert(table, keys, i);
            }
        }
        return table;
    }

    /** For builders: records {@code keys[size]} after {@link #grow}; false when an equal key is there. */
    static boolean add(int[] table, Object[] keys, int size) {
        return table != null ? insert(table, keys, size) : find(null, keys, size, keys[size]) < 0;
    }

    /** The position of {@code key} in {@code keys[0, n)}, or {@code -1}. */
    static int find(int[] table, Object[] keys, int n, Object key) {
        if (table == null) {
            int h = key.hashCode(); // cached by String; compared first, it spares most equals calls
            for (int i = 0; i < n; i++) {
                Object k = keys[i];
                if (k == key || (k.hashCode() == h && k.equals(key))) {
                    return i;
                }
            }
            return -1;
        }
        int mask = table.length - 1;
        for (int s = spread(key.hashCode()) & mask; ; s = (s + 1) & mask) {
            int p = table[s];
            if (p == 0) {
                return -1;
            }
            if (keys[p - 1].equals(key)) {
                return p - 1;
            }
        }
    }

    /**
     * Records that {@code keys[position]} is in the table, unless an equal key is there already.
     *
     * @return false when an equal key is in the table (nothing recorded)
     */
    static boolean insert(int[] table, Object[] keys, int position) {
        int mask = table.length - 1;
        Object key = keys[position];
        for (int s = spread(key.hashCode()) & mask; ; s = (s + 1) & mask) {
            int p = table[s];
            if (p == 0) {
                table[s] = position + 1;
                return true;
            }
            if (keys[p - 1].equals(key)) {
                return false;
            }
        }
    }

    /** A table holding {@code keys[0, n)}, which must be distinct; null when a scan will do. */
    static int[] build(Object[] keys, int n) {
        if (n <= LINEAR) {
            return null;
        }
        int[] table = table(n);
        for (int i = 0; i < n; i++) {
            if (!insert(table, keys, i)) {
                throw new IllegalArgumentException("duplicate key at position " + i);
            }
        }
        return table;
    }

    private static int spread(int h) {
        return h ^ (h >>> 16);
    }
}
