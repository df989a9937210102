package dev.pitr.verify.internal;

import dev.pitr.state.internal.RocksStore;
import java.nio.file.Path;
import org.rocksdb.RocksIterator;

/**
 * What a verify keeps of the table it scanned: each key's canonical bytes and its item's
 * {@link dev.pitr.verify.ItemDigest}, on disk in key order, so a table of any size is compared
 * in one merge pass with the chain's state while the items themselves are never kept. Written
 * from the scan's threads at once; gone when closed.
 */
public final class TableDigests implements AutoCloseable {
    private final RocksStore store;

    /** A new, empty store in {@code directory} (anything there is dropped). */
    public TableDigests(Path directory) {
        RocksStore.open(directory, "table digests", false).closeAndDelete();
        this.store = RocksStore.open(directory, "table digests", false);
    }

    /** Records the digest of the item under {@code keyBytes}. Thread-safe. */
    public void put(byte[] keyBytes, byte[] digest) {
        store.put(keyBytes, digest);
    }

    /** Makes what was put readable from sorted files (call once the scan is done). */
    public void seal() {
        store.flush();
    }

    /** A cursor over the keys in key order. */
    public Cursor cursor() {
        return new Cursor(store.iterator());
    }

    /** Bytes on disk now. */
    public long diskBytes() {
        return store.diskBytes();
    }

    /** Closes the store and removes its directory. */
    @Override
    public void close() {
        store.closeAndDelete();
    }

    /** Walks the digests in key order. Not thread-safe. */
    public static final class Cursor implements AutoCloseable {
        private final RocksIterator it;
        private boolean started;

        Cursor(RocksIterator it) {
            this.it = it;
        }

        /** Moves to the next key; false at the end. */
        public boolean next() {
            if (!started) {
                it.seekToFirst();
                started = true;
            } else {
                it.next();
            }
            return it.isValid();
        }

        /** The current key's canonical bytes. */
        public byte[] keyBytes() {
            return it.key();
        }

        /** The current item's digest. */
        public byte[] digest() {
            return it.value();
        }

        @Override
        public void close() {
            it.close();
        }
    }
}
