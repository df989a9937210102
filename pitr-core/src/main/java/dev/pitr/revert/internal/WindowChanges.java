package dev.pitr.revert.internal;

import dev.pitr.model.Change;

/**
 * The keys a window changed, one at a time, each with its image before and after the window, in
 * an order that is the same on every run (so a position is a resume point).
 */
public interface WindowChanges extends AutoCloseable {

    /** Moves to the next key; false at the end. */
    boolean next();

    /** The current key's images before (old) and after (new) the window. */
    Change change();

    /** The current key's canonical bytes. */
    byte[] keyBytes();

    /**
     * How many keys the window changed: exact for a streamed export, RocksDB's estimate for an
     * on-disk state (good for progress, not for counts).
     */
    long keysTotal();

    /** 1-based position of the current key. */
    long position();

    @Override
    void close();
}
