package dev.pitr.state;

import dev.pitr.PitrException;
import dev.pitr.decode.DataFileReader;
import dev.pitr.decode.DecodeOptions;
import dev.pitr.decode.internal.JsonRecordDecoder;
import dev.pitr.internal.Check;
import dev.pitr.manifest.DataFile;
import dev.pitr.manifest.ExportDescriptor;
import dev.pitr.model.Item;
import dev.pitr.model.Key;
import dev.pitr.model.KeySchema;
import dev.pitr.model.Origin;
import dev.pitr.model.WriteOp;
import dev.pitr.plan.RestorePlan;
import dev.pitr.state.internal.ParallelFiles;
import dev.pitr.state.internal.RocksStore;
import dev.pitr.state.internal.StateKeys;
import dev.pitr.write.OperationKeys;
import dev.pitr.write.internal.DynamoDbJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The final state of every key of a chain, kept out of core: each key's last item, or the fact
 * that it was deleted, after the chain's exports are applied in order. The state lives in an
 * embedded RocksDB under a working directory (sorted, compressed, off the Java heap), so memory
 * stays flat whatever the chain's size and the disk it takes is near the chain's compressed
 * size.
 *
 * <pre>{@code
 * try (ChainState state = ChainState.builder().directory(dir).build()) {
 *     state.ingest(plan, keySchema);           // resumes after the last export fully ingested
 *     try (StateCursor c = state.cursor()) {
 *         while (c.next()) { ... c.key(), c.item() (null: deleted) ... }
 *     }
 * }
 * }</pre>
 *
 * <p>Ingest reads each export's data files in parallel, through the same sources, checksums and
 * decoders as a restore: the last export that holds a key wins. An export is marked ingested
 * only once all its files are; a build killed midway resumes with the export it was in (applying
 * its records again is harmless: one export holds each key once).
 */
public final class ChainState implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ChainState.class);
    private static final byte[] META_CHAIN = "\0pitr:chain".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] META_INGESTED = "\0pitr:ingested".getBytes(StandardCharsets.US_ASCII);
    private static final byte PUT = 1;
    private static final byte DELETE = 0;
    private static final int BATCH = 512;

    private final Path directory;
    private final int readerThreads;
    private final DecodeOptions decodeOptions;
    private final Listener listener;
    private final RocksStore store;

    private ChainState(Path directory, int readerThreads, DecodeOptions decodeOptions, Listener listener) {
        this.directory = directory;
        this.listener = listener;
        this.readerThreads = readerThreads;
        this.decodeOptions = decodeOptions;
        this.store = RocksStore.open(directory, "chain state", true);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Hears the state being built; called on the ingesting thread. */
    public interface Listener {
        /** Export {@code index} (0-based) of {@code count} is in the state: a build killed after this resumes past it. */
        default void exportIngested(ExportDescriptor export, int index, int count, long records) {
        }

        /** The directory held the first {@code exports} exports of the chain already. */
        default void resumed(int exports, int count) {
        }
    }

    /** What {@link #ingest} did. */
    public record IngestReport(int exportsIngestedBefore, int exportsIngested, long records) {
    }

    /**
     * Ingests the exports of {@code plan} that are not ingested yet. State built for another
     * chain in the same directory is dropped first; one built for a prefix of this chain is
     * continued.
     *
     * @param schema the table's key schema (keys are kept by value under it)
     * @throws PitrException for bad input (file and line named), as a restore would
     */
    public IngestReport ingest(RestorePlan plan, KeySchema schema) {
        List<String> chain = plan.fingerprint();
        int done = ingestedPrefix(chain);
        if (done > 0) {
            listener.resumed(done, chain.size());
        }
        long records = 0;
        for (int k = done; k < plan.steps().size(); k++) {
            RestorePlan.Step step = plan.steps().get(k);
            long n = ingestExport(step, schema);
            records += n;
            put(META_CHAIN, String.join("\n", chain.subList(0, k + 1)).getBytes(StandardCharsets.UTF_8));
            put(META_INGESTED, Integer.toString(k + 1).getBytes(StandardCharsets.US_ASCII));
            store.flush(); // the export's records and its marker in sorted, compressed files; the log is let go
            LOG.info("pitr state: export {}/{} {} ingested ({} records)", k + 1, plan.steps().size(),
                    step.export().exportId(), n);
            listener.exportIngested(step.export(), k, plan.steps().size(), n);
        }
        if (done < plan.steps().size()) {
            store.compact(); // one version per key, in the bottom level's stronger compression
        }
        return new IngestReport(done, plan.steps().size() - done, records);
    }

    private static byte[] value(java.util.Map<String, dev.pitr.model.AttributeValue> attributes, byte kind,
                                DynamoDbJson json) {
        json.reset();
        json.item(attributes);
        byte[] value = new byte[json.size() + 1];
        value[0] = kind;
        System.arraycopy(json.toByteArray(), 0, value, 1, json.size());
        return value;
    }

    /** How many leading exports of {@code chain} the directory holds; drops the state of another chain. */
    private int ingestedPrefix(List<String> chain) {
        try {
            byte[] stored = store.get(META_CHAIN);
            if (stored == null) {
                return 0;
            }
            List<String> had = List.of(new String(stored, StandardCharsets.UTF_8).split("\n"));
            if (had.size() <= chain.size() && chain.subList(0, had.size()).equals(had)) {
                LOG.info("pitr state: {} of {} exports already ingested in {}", had.size(), chain.size(), directory);
                return had.size();
            }
            LOG.info("pitr state: {} holds the state of another chain; starting afresh", directory);
            try (RocksIterator it = store.iterator()) {
                it.seekToFirst();
                if (it.isValid()) {
                    byte[] first = it.key();
                    it.seekToLast();
                    store.db().deleteRange(first, successor(it.key()));
                }
            }
            return 0;
        } catch (RocksDBException e) {
            throw store.failure("read", e);
        }
    }

    private long ingestExport(RestorePlan.Step step, KeySchema schema) {
        return ParallelFiles.read(step, readerThreads, "pitr-state-reader", () -> {
            DynamoDbJson json = new DynamoDbJson();
            return (st, file) -> ingestFile(st, file, schema, json);
        });
    }

    private long ingestFile(RestorePlan.Step step, DataFile file, KeySchema schema, DynamoDbJson json) {
        long n = 0;
        try (DataFileReader reader = DataFileReader.open(step.source(), step.export(), file, decodeOptions);
             WriteBatch batch = new WriteBatch()) {
            for (WriteOp op = reader.next(); op != null; op = reader.next()) {
                Key key = OperationKeys.keyOf(op, schema);
                byte[] value = op instanceof WriteOp.Put p ? value(p.item().attributes(), PUT, json)
                        : value(key.attributes(), DELETE, json);
                batch.put(StateKeys.of(key, schema), value);
                if (++n % BATCH == 0) {
                    store.write(batch);
                    batch.clear();
                }
            }
            store.write(batch);
            return n;
        } catch (RocksDBException e) {
            throw store.failure("write", e);
        }
    }

    /** A cursor over every key of the state, in key order, from the first. */
    public StateCursor cursor() {
        return new StateCursor(store.iterator(), decodeOptions.maxLineBytes());
    }

    /** The working directory. */
    public Path directory() {
        return directory;
    }

    /** Bytes the state takes on disk now. */
    public long diskBytes() {
        return store.diskBytes();
    }

    private void put(byte[] key, byte[] value) {
        store.put(key, value);
    }

    private static byte[] successor(byte[] key) {
        byte[] next = java.util.Arrays.copyOf(key, key.length + 1);
        return next;
    }

    /** Closes the store; the directory stays, so a later run resumes or reads it. */
    @Override
    public void close() {
        store.close();
    }

    /** Closes the store and removes its directory. */
    public void closeAndDelete() {
        store.closeAndDelete();
    }

    /**
     * Walks the state in key order. Not thread-safe.
     */
    public static final class StateCursor implements AutoCloseable {
        private final RocksIterator it;
        private final JsonRecordDecoder decoder;
        private boolean started;
        private @Nullable Item item;
        private @Nullable Item keyItem;
        private long position;

        StateCursor(RocksIterator it, int maxLineBytes) {
            this.it = it;
            this.decoder = new JsonRecordDecoder(false, maxLineBytes);
        }

        /** Moves to the next key; false at the end. */
        public boolean next() {
            if (!advance()) {
                item = null;
                keyItem = null;
                return false;
            }
            byte[] v = it.value();
            Item decoded = ((WriteOp.Put) decoder.decode(v, 1, v.length - 1, new Origin("chain state", position))).item();
            if (v[0] == PUT) {
                item = decoded;
                keyItem = null;
            } else {
                item = null;
                keyItem = decoded;
            }
            return true;
        }

        /** Skips {@code n} keys without reading their items; false when the state ends first. */
        public boolean skip(long n) {
            for (long i = 0; i < n; i++) {
                if (!advance()) {
                    return false;
                }
            }
            return true;
        }

        private boolean advance() {
            if (!started) {
                it.seekToFirst();
                started = true;
            } else if (it.isValid()) {
                it.next();
            }
            while (it.isValid() && it.key().length > 0 && it.key()[0] == 0) {
                it.next(); // the state's own records
            }
            if (!it.isValid()) {
                return false;
            }
            position++;
            return true;
        }

        /** The key's final item, or {@code null} when the chain deleted it. */
        public @Nullable Item item() {
            return item;
        }

        /** Whether the chain's last word on this key is a delete. */
        public boolean isDeleted() {
            return item == null;
        }

        /** The key (its attributes), under {@code schema}. */
        public Key key(KeySchema schema) {
            Item source = item != null ? item : Objects.requireNonNull(keyItem, "no current key");
            return schema.keyOf(source);
        }

        /** The current key's canonical bytes: two states order their keys alike by them. */
        public byte[] keyBytes() {
            return it.key();
        }

        /** 1-based position of the current key in key order. */
        public long position() {
            return position;
        }

        @Override
        public void close() {
            it.close();
        }
    }

    /** Builds a {@link ChainState}. */
    public static final class Builder {
        private @Nullable Path directory;
        private int readerThreads = 4;
        private DecodeOptions decodeOptions = DecodeOptions.defaults();
        private Listener listener = new Listener() {
        };

        private Builder() {
        }

        /** Hears exports go into the state. */
        public Builder listener(Listener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** Where the state is kept; created when missing. Required. */
        public Builder directory(Path directory) {
            this.directory = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /** Data files read in parallel inside one export. Default 4. */
        public Builder readerThreads(int n) {
            this.readerThreads = Check.inRange("readerThreads", n, 1, 256);
            return this;
        }

        /** How data files are read. */
        public Builder decodeOptions(DecodeOptions options) {
            this.decodeOptions = Objects.requireNonNull(options, "decodeOptions");
            return this;
        }

        /** Opens (or reopens) the state in the directory. */
        public ChainState build() {
            if (directory == null) {
                throw new IllegalStateException("no directory: set where the state is kept with directory(...)");
            }
            return new ChainState(directory.toAbsolutePath().normalize(), readerThreads, decodeOptions, listener);
        }
    }
}
