package dev.pitr.state.internal;

import dev.pitr.PitrException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.rocksdb.CompressionType;
import org.rocksdb.FlushOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An embedded RocksDB in a working directory, as pitr's on-disk stores use it: sorted by key
 * bytes, compressed (LZ4, the bottom level ZSTD), two 32 MB write buffers, off the Java heap.
 * Failures become {@link PitrException}s that name the store and its directory.
 */
public final class RocksStore implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RocksStore.class);

    static {
        RocksDB.loadLibrary();
    }

    private final Path directory;
    private final String name;
    private final Options options;
    private final RocksDB db;
    private final WriteOptions writeOptions;

    private RocksStore(Path directory, String name, boolean log) {
        this.directory = directory;
        this.name = name;
        this.options = new Options().setCreateIfMissing(true)
                .setCompressionType(CompressionType.LZ4_COMPRESSION)
                .setBottommostCompressionType(CompressionType.ZSTD_COMPRESSION)
                .setWriteBufferSize(32L << 20).setMaxWriteBufferNumber(2)
                .setMaxBackgroundJobs(2);
        this.writeOptions = new WriteOptions().setDisableWAL(!log);
        try {
            Files.createDirectories(directory);
            this.db = RocksDB.open(options, directory.toString());
        } catch (IOException | RocksDBException e) {
            options.close();
            writeOptions.close();
            throw new PitrException("Cannot open the " + name + " in " + directory + ": " + e.getMessage(), e);
        }
    }

    /**
     * Opens (or creates) the store in {@code directory}.
     *
     * @param name what it holds, for messages ("chain state")
     * @param log  whether writes go through the write-ahead log first (a store that must survive
     *             a crash between flushes); without it, only flushed writes last
     */
    public static RocksStore open(Path directory, String name, boolean log) {
        return new RocksStore(directory, name, log);
    }

    /** The database. */
    public RocksDB db() {
        return db;
    }

    /** The value of {@code key}, or {@code null}. */
    public byte[] get(byte[] key) {
        try {
            return db.get(key);
        } catch (RocksDBException e) {
            throw failure("read", e);
        }
    }

    /** Puts one entry. */
    public void put(byte[] key, byte[] value) {
        try {
            db.put(writeOptions, key, value);
        } catch (RocksDBException e) {
            throw failure("write", e);
        }
    }

    /** Writes a batch atomically. */
    public void write(WriteBatch batch) {
        try {
            db.write(writeOptions, batch);
        } catch (RocksDBException e) {
            throw failure("write", e);
        }
    }

    /** Writes what is in memory to sorted files, and waits. */
    public void flush() {
        try (FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
            db.flush(flush);
        } catch (RocksDBException e) {
            throw failure("write", e);
        }
    }

    /** Compacts every level: one version per key, in the bottom level's compression. */
    public void compact() {
        try {
            db.compactRange();
        } catch (RocksDBException e) {
            throw failure("compact", e);
        }
    }

    /** An iterator over the store, not positioned yet; the caller closes it. */
    public RocksIterator iterator() {
        return db.newIterator();
    }

    /** A failure of this store. */
    public PitrException failure(String verb, RocksDBException e) {
        return new PitrException("Cannot " + verb + " the " + name + " in " + directory + ": " + e.getMessage(), e);
    }

    /** The working directory. */
    public Path directory() {
        return directory;
    }

    /** Bytes the store takes on disk now, or -1 when the directory cannot be read. */
    public long diskBytes() {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        } catch (IOException e) {
            return -1;
        }
    }

    /** Closes the store; the directory stays. */
    @Override
    public void close() {
        db.close();
        writeOptions.close();
        options.close();
    }

    /** Closes the store and removes its directory. */
    public void closeAndDelete() {
        close();
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            LOG.warn("pitr: could not remove the {} in {}: {}", name, directory, e.toString());
        }
    }
}
