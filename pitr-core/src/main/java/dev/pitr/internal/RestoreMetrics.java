package dev.pitr.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The restorer's meters, registered once so the hot path is one increment:
 * {@code pitr.restore.operations} (tag {@code type=put|delete}), {@code pitr.restore.skipped},
 * {@code pitr.restore.bytes.read} (tag {@code encoding=compressed|uncompressed}),
 * {@code pitr.restore.checkpoints}, and gauges {@code pitr.restore.files.done},
 * {@code pitr.restore.files.total}, {@code pitr.restore.items.done} (acknowledged by the sink),
 * {@code pitr.restore.items.read} (decoded and handed to the sink) and {@code pitr.restore.items.total}.
 */
public final class RestoreMetrics {
    public final Counter puts;
    public final Counter deletes;
    public final Counter skipped;
    public final Counter compressedBytes;
    public final Counter uncompressedBytes;
    public final Counter checkpoints;
    public final AtomicLong filesDone = new AtomicLong();
    public final AtomicLong filesTotal = new AtomicLong();
    public final AtomicLong itemsDone = new AtomicLong();
    public final AtomicLong itemsTotal = new AtomicLong();
    /** Records handed to the sink in the export in progress; an adder, as every reader thread adds to it. */
    private final LongAdder itemsRead = new LongAdder();
    private volatile long itemsReadBefore;

    public RestoreMetrics(MeterRegistry registry) {
        puts = Counter.builder("pitr.restore.operations").tag("type", "put")
                .description("Operations applied").register(registry);
        deletes = Counter.builder("pitr.restore.operations").tag("type", "delete")
                .description("Operations applied").register(registry);
        skipped = Counter.builder("pitr.restore.skipped")
                .description("Operations set aside by the failure policy").register(registry);
        compressedBytes = Counter.builder("pitr.restore.bytes.read").tag("encoding", "compressed")
                .baseUnit("bytes").register(registry);
        uncompressedBytes = Counter.builder("pitr.restore.bytes.read").tag("encoding", "uncompressed")
                .baseUnit("bytes").register(registry);
        checkpoints = Counter.builder("pitr.restore.checkpoints").description("Checkpoints saved").register(registry);
        Gauge.builder("pitr.restore.files.done", filesDone, AtomicLong::get).register(registry);
        Gauge.builder("pitr.restore.files.total", filesTotal, AtomicLong::get).register(registry);
        Gauge.builder("pitr.restore.items.done", itemsDone, AtomicLong::get).register(registry);
        Gauge.builder("pitr.restore.items.read", this, RestoreMetrics::itemsRead)
                .description("Records decoded and handed to the sink").register(registry);
        Gauge.builder("pitr.restore.items.total", itemsTotal, AtomicLong::get).register(registry);
    }

    /**
     * Starts counting the records read of an export; {@code before} are those of the chain read
     * already (earlier exports, and lines a checkpoint says are applied). Called while no reader runs.
     */
    public void startItemsRead(long before) {
        itemsRead.reset();
        itemsReadBefore = before;
    }

    /** One record decoded and handed to the sink. */
    public void itemRead() {
        itemsRead.increment();
    }

    /** Records read over the whole chain, those a checkpoint says are applied included. */
    public long itemsRead() {
        return itemsReadBefore + itemsRead.sum();
    }
}
