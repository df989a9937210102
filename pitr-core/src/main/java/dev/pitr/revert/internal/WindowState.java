package dev.pitr.revert.internal;

import dev.pitr.PitrException;
import dev.pitr.decode.DataFileReader;
import dev.pitr.decode.DecodeOptions;
import dev.pitr.decode.internal.JsonRecordDecoder;
import dev.pitr.model.Change;
import dev.pitr.model.Item;
import dev.pitr.model.KeySchema;
import dev.pitr.model.Origin;
import dev.pitr.plan.RestorePlan;
import dev.pitr.state.internal.ParallelFiles;
import dev.pitr.state.internal.RocksStore;
import dev.pitr.state.internal.StateKeys;
import dev.pitr.write.internal.DynamoDbJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;

/**
 * What a window of INCREMENTAL exports did to each key, on disk in key order: the key's image
 * before the window (the {@code OldImage} of the first export that holds the key) and after it
 * (the {@code NewImage} of the last one). Exports are ingested in the plan's order; one export
 * holds a key at most once, so its files are read in parallel. An export is marked ingested
 * once all its files are; a build killed midway resumes with that export (reading its records
 * again keeps each key's first old image and sets the same new image).
 */
public final class WindowState implements AutoCloseable {
    private static final byte[] META_CHAIN = "\0pitr:window".getBytes(StandardCharsets.US_ASCII);

    private final RocksStore store;
    private final int readerThreads;
    private final DecodeOptions decodeOptions;

    /** Opens (or creates) the state in {@code directory}. */
    public WindowState(Path directory, int readerThreads, DecodeOptions decodeOptions) {
        this.store = RocksStore.open(directory, "revert state", true);
        this.readerThreads = readerThreads;
        this.decodeOptions = decodeOptions;
    }

    /**
     * Ingests the exports of {@code plan} not ingested yet (a state of another window in the
     * directory is refused: remove it, or give another directory).
     *
     * @return records read now
     */
    public long ingest(RestorePlan plan, KeySchema schema, Runnable afterEachExport) {
        List<String> chain = plan.fingerprint();
        byte[] had = store.get(META_CHAIN);
        List<String> done = had == null ? List.of() : List.of(new String(had, StandardCharsets.UTF_8).split("\n"));
        if (done.size() > chain.size() || !chain.subList(0, done.size()).equals(done)) {
            throw new PitrException("The revert state in " + store.directory() + " is of another window of exports;"
                    + " remove the folder, or give another state directory");
        }
        long records = 0;
        for (int k = done.size(); k < plan.steps().size(); k++) {
            records += ingestExport(plan.steps().get(k), schema);
            store.flush();
            store.put(META_CHAIN, String.join("\n", chain.subList(0, k + 1)).getBytes(StandardCharsets.UTF_8));
            store.flush();
            afterEachExport.run();
        }
        return records;
    }

    private long ingestExport(RestorePlan.Step step, KeySchema schema) {
        return ParallelFiles.read(step, readerThreads, "pitr-revert-reader", () -> {
            DynamoDbJson json = new DynamoDbJson();
            JsonRecordDecoder decoder = new JsonRecordDecoder(true, decodeOptions.maxLineBytes());
            return (st, file) -> {
                long n = 0;
                try (DataFileReader reader = DataFileReader.open(st.source(), st.export(), file, decodeOptions)) {
                    for (Change c = reader.nextChange(); c != null; c = reader.nextChange()) {
                        record(c, schema, json, decoder);
                        n++;
                    }
                }
                return n;
            };
        });
    }

    /** Keeps the key's first old image, and sets its new image. */
    private void record(Change c, KeySchema schema, DynamoDbJson json, JsonRecordDecoder decoder) {
        byte[] key = StateKeys.of(c.key(), schema);
        byte[] had = store.get(key);
        Item before = c.oldImage();
        if (had != null) {
            Change earlier = decode(had, decoder, 1);
            before = earlier.oldImage();
        }
        store.put(key, encode(c, before, json));
    }

    private static byte[] encode(Change c, @Nullable Item before, DynamoDbJson json) {
        json.reset();
        json.ascii("{\"Keys\":");
        json.attributes(c.key().attributes());
        if (before != null) {
            json.ascii(",\"OldImage\":");
            json.attributes(before.attributes());
        }
        if (c.newImage() != null) {
            json.ascii(",\"NewImage\":");
            json.attributes(c.newImage().attributes());
        }
        json.ascii("}");
        return json.toByteArray();
    }

    private static Change decode(byte[] value, JsonRecordDecoder decoder, long position) {
        return decoder.decodeChange(value, 0, value.length, new Origin("revert state", position));
    }

    /** A cursor over the keys in key order: each key's image before and after the window. */
    public Cursor cursor() {
        long estimate;
        try {
            estimate = store.db().getLongProperty("rocksdb.estimate-num-keys");
        } catch (RocksDBException e) {
            estimate = 0; // progress shows the keys walked so far instead
        }
        return new Cursor(store.iterator(), new JsonRecordDecoder(true, decodeOptions.maxLineBytes()), estimate);
    }

    @Override
    public void close() {
        store.close();
    }

    /** Closes the state and removes its directory. */
    public void closeAndDelete() {
        store.closeAndDelete();
    }

    /** Walks the window's keys in key order. Not thread-safe. */
    public static final class Cursor implements WindowChanges {
        private final RocksIterator it;
        private final long estimate;
        private final JsonRecordDecoder decoder;
        private boolean started;
        private long position;
        private @Nullable Change change;

        Cursor(RocksIterator it, JsonRecordDecoder decoder, long estimate) {
            this.it = it;
            this.decoder = decoder;
            this.estimate = estimate;
        }

        @Override
        public long keysTotal() {
            return estimate;
        }

        @Override
        public boolean next() {
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
                change = null;
                return false;
            }
            position++;
            change = decode(it.value(), decoder, position);
            return true;
        }

        @Override
        public Change change() {
            if (change == null) {
                throw new IllegalStateException("no current key");
            }
            return change;
        }

        @Override
        public byte[] keyBytes() {
            return it.key();
        }

        /** 1-based position of the current key in key order. */
        @Override
        public long position() {
            return position;
        }

        @Override
        public void close() {
            it.close();
        }
    }
}
