package dev.pitr.restore;

import dev.pitr.PitrException;
import dev.pitr.model.Item;
import dev.pitr.model.Key;
import dev.pitr.model.KeySchema;
import dev.pitr.model.WriteOp;
import dev.pitr.write.ItemSink;
import dev.pitr.write.SinkStats;
import dev.pitr.write.WriteOutcome;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A sink that applies operations to a map, acknowledging them later and out of order on its own
 * threads (as a real table would), and can be told to fail after so many operations. A test
 * double of the restorer's own SPI, not of an AWS client.
 */
public final class MapItemSink implements ItemSink {
    public final Map<Key, Item> table;
    private final KeySchema schema;
    private final ExecutorService acks = Executors.newFixedThreadPool(3);
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong puts = new AtomicLong();
    private final AtomicLong deletes = new AtomicLong();
    private volatile long failAfter = Long.MAX_VALUE;
    private volatile String target;

    public MapItemSink(KeySchema schema) {
        this(schema, new ConcurrentHashMap<>());
    }

    /** A sink over an existing table map, for a second run after a crash. */
    MapItemSink(KeySchema schema, Map<Key, Item> table) {
        this.schema = schema;
        this.table = table;
    }

    MapItemSink failAfter(long operations) {
        this.failAfter = operations;
        return this;
    }

    /** Names the sink's target, as a real table's sink does. */
    MapItemSink named(String target) {
        this.target = target;
        return this;
    }

    @Override
    public String target() {
        return target;
    }

    @Override
    public Optional<Boolean> holdsItems() {
        return Optional.of(!table.isEmpty());
    }

    long written() {
        return written.get();
    }

    @Override
    public KeySchema open() {
        return schema;
    }

    @Override
    public CompletableFuture<WriteOutcome> write(WriteOp op) {
        Key key = op.key(schema);
        return CompletableFuture.supplyAsync(() -> {
            if (ThreadLocalRandom.current().nextInt(8) == 0) {
                Thread.yield(); // let later operations overtake this one now and then
            }
            if (written.get() >= failAfter) {
                throw new PitrException("injected failure after " + failAfter + " operations");
            }
            if (op instanceof WriteOp.Put p) {
                table.put(key, p.item());
                puts.incrementAndGet();
            } else {
                table.remove(key);
                deletes.incrementAndGet();
            }
            written.incrementAndGet();
            return WriteOutcome.WRITTEN;
        }, acks);
    }

    @Override
    public void flush() {
    }

    @Override
    public SinkStats stats() {
        return new SinkStats(puts.get(), deletes.get(), 0, 0, 0, 0, 0, 0, 0, 0);
    }

    @Override
    public void close() {
        acks.shutdown();
        try {
            acks.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
