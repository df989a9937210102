package dev.pitr.decode.internal;

import java.util.Arrays;

/**
 * Attribute names by their bytes, for the scanners: a fixed table of recent names, so a name
 * repeated on every line of a file is one {@code String} for the whole file. Bounded: a name
 * longer than {@value #MAX_NAME} bytes is not kept, and a new name replaces its slot's entry.
 * Not thread-safe: one per scanner.
 */
final class NameCache {
    private static final int SLOTS = 512;
    static final int MAX_NAME = 64;

    private final byte[][] bytes = new byte[SLOTS][];
    private final int[] hashes = new int[SLOTS];
    private final String[] strings = new String[SLOTS];

    /** The name kept for the bytes {@code b[from, to)}, which hash to {@code h}; null when none is. */
    String find(byte[] b, int from, int to, int h) {
        int slot = slot(h);
        byte[] cached = bytes[slot];
        return cached != null && hashes[slot] == h && Arrays.equals(cached, 0, cached.length, b, from, to)
                ? strings[slot]
                : null;
    }

    /** Keeps {@code name}, decoded from {@code b[from, to)} whose hash is {@code h}. */
    void put(byte[] b, int from, int to, int h, String name) {
        if (to - from <= MAX_NAME) {
            int slot = slot(h);
            bytes[slot] = Arrays.copyOfRange(b, from, to);
            hashes[slot] = h;
            strings[slot] = name;
        }
    }

    private static int slot(int h) {
        return (h ^ (h >>> 16)) & (SLOTS - 1);
    }
}
