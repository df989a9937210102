package dev.pitr.internal;

import dev.pitr.PitrException;
import dev.pitr.RestoreListener;
import dev.pitr.RestoreProgress;
import dev.pitr.RestoreReport;
import dev.pitr.RestoreStoppedException;
import dev.pitr.checkpoint.Checkpoint;
import dev.pitr.model.KeySchema;
import dev.pitr.model.Origin;
import dev.pitr.model.WriteOp;
import dev.pitr.plan.RestorePlan;
import dev.pitr.state.ChainState;
import dev.pitr.write.ItemSink;
import dev.pitr.write.WriteOutcome;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A compacted restore: builds the chain's final state ({@link ChainState}), then writes each key
 * once, in key order: a put of its last item, or a delete where the key may exist in the target
 * (none when a chain that starts with a FULL export goes onto an empty table). Progress is a
 * watermark over the keys in order, saved as the one "file" {@link #STATE_FILE} of the checkpoint.
 */
public final class CompactRun {
    private static final Logger LOG = LoggerFactory.getLogger(CompactRun.class);
    /**
     * What a compacted restore's checkpoint is tied to: a marker naming the state time, then the
     * plan's export ARNs. A plain restore's checkpoint, or one compacted to another time, never
     * matches it: a watermark over one state's keys means nothing for another.
     */
    public static java.util.List<String> chain(RestorePlan plan) {
        java.util.List<String> chain = new java.util.ArrayList<>();
        chain.add("pitr:compacted-to-" + plan.stateTime());
        chain.addAll(plan.fingerprint());
        return chain;
    }
    /** The checkpoint entry that holds how many keys, in key order, are written. */
    public static final String STATE_FILE = "pitr:compacted-state";

    private final String id;
    private final RestorePlan plan;
    private final CheckpointSession session;
    private final ItemSink sink;
    private final KeySchema schema;
    private final Path stateDirectory;
    private final RestoreRun.Settings settings;
    private final RestoreMetrics metrics;
    private final RestoreListener listener;
    private final BooleanSupplier stop;

    public CompactRun(String id, RestorePlan plan, CheckpointSession session, ItemSink sink, KeySchema schema,
                      Path stateDirectory, RestoreRun.Settings settings, RestoreMetrics metrics,
                      RestoreListener listener, BooleanSupplier stop) {
        this.id = id;
        this.plan = plan;
        this.session = session;
        this.sink = sink;
        this.schema = schema;
        this.stateDirectory = stateDirectory;
        this.settings = settings;
        this.metrics = metrics;
        this.listener = listener;
        this.stop = stop;
    }

    /** Builds the state, writes it, and returns what was written. */
    public RestoreReport.Compaction run() {
        long started = settings.ticker().read();
        ChainState state = ChainState.builder().directory(stateDirectory).readerThreads(settings.readerThreads())
                .decodeOptions(settings.decodeOptions()).build();
        boolean finished = false;
        try {
            ChainState.IngestReport ingest = state.ingest(plan, schema);
            long stateBytes = state.diskBytes();
            Duration ingestTime = Duration.ofNanos(settings.ticker().read() - started);
            LOG.info("pitr restore {}: chain state built in {} ({} exports ingested now, {} before; {} MB on disk)",
                    id, HumanDuration.format(ingestTime), ingest.exportsIngested(), ingest.exportsIngestedBefore(),
                    stateBytes / 1_000_000);
            boolean deletes = !plan.startsWithFull() || session.checkpoint().targetHadItems();
            Emitted emitted = emit(state, deletes);
            finished = true;
            return new RestoreReport.Compaction(plan.itemCount(), emitted.keys, emitted.puts.sum(),
                    emitted.deletes.sum(), emitted.deletesNotNeeded, emitted.skipped.sum(), stateBytes, ingestTime,
                    Duration.ofNanos(settings.ticker().read() - started).minus(ingestTime));
        } finally {
            if (finished) {
                state.closeAndDelete();
            } else {
                state.close(); // kept: a rerun resumes from it
            }
        }
    }

    private static final class Emitted {
        long keys;
        long deletesNotNeeded;
        final LongAdder puts = new LongAdder();
        final LongAdder deletes = new LongAdder();
        final LongAdder skipped = new LongAdder();
    }

    private Emitted emit(ChainState state, boolean deletes) {
        Checkpoint.FileProgress progress = session.checkpoint().files().get(STATE_FILE);
        long resumeAt = progress == null ? 0 : progress.linesDone();
        LineWatermark watermark = new LineWatermark(resumeAt);
        AtomicReference<@Nullable Throwable> failure = new AtomicReference<>();
        Emitted out = new Emitted();
        out.keys = resumeAt;
        metrics.itemsDone.set(resumeAt);
        long lastSave = settings.ticker().read();
        long lastSaveKeys = resumeAt;
        long lastReport = lastSave;
        long startNanos = lastSave;
        try (ChainState.StateCursor cursor = state.cursor()) {
            cursor.skip(resumeAt);
            while (cursor.next()) {
                long line = cursor.position();
                out.keys = line;
                if (failure.get() != null || stop.getAsBoolean() || Thread.currentThread().isInterrupted()) {
                    break;
                }
                WriteOp op;
                Origin origin = new Origin("compacted state", line);
                if (!cursor.isDeleted()) {
                    op = new WriteOp.Put(cursor.item(), origin, 0);
                } else if (deletes) {
                    op = new WriteOp.Delete(cursor.key(schema), origin, 0);
                } else {
                    out.deletesNotNeeded++;
                    watermark.ack(line);
                    continue;
                }
                metrics.itemRead();
                boolean put = op instanceof WriteOp.Put;
                sink.write(op).whenComplete((outcome, error) -> {
                    if (error != null) {
                        failure.compareAndSet(null, error instanceof CompletionException && error.getCause() != null
                                ? error.getCause() : error);
                        return;
                    }
                    if (outcome == WriteOutcome.SKIPPED) {
                        out.skipped.increment();
                        metrics.skipped.increment();
                    } else if (put) {
                        out.puts.increment();
                        metrics.puts.increment();
                    } else {
                        out.deletes.increment();
                        metrics.deletes.increment();
                    }
                    metrics.itemsDone.incrementAndGet();
                    watermark.ack(line);
                });
                long now = settings.ticker().read();
                Duration sinceSave = Duration.ofNanos(now - lastSave);
                long done = watermark.linesDone();
                if (settings.shouldSave(done - lastSaveKeys, sinceSave)) {
                    session.save(0, Map.of(STATE_FILE, new Checkpoint.FileProgress(done, false)));
                    lastSave = now;
                    lastSaveKeys = done;
                }
                if (now - lastReport >= settings.progressInterval().toNanos()) {
                    lastReport = now;
                    double seconds = (now - startNanos) / 1e9;
                    double rate = seconds > 0 ? (done - resumeAt) / seconds : 0;
                    RestoreProgress p = new RestoreProgress(done, line, Math.max(line, plan.itemCount()), 0, 1, rate,
                            null);
                    LOG.info("pitr restore {}: compacted state: {}", id, p);
                    listener.progress(p);
                }
            }
            boolean stopped = stop.getAsBoolean() || Thread.currentThread().isInterrupted();
            try {
                sink.flush();
            } catch (RuntimeException e) {
                failure.compareAndSet(null, e);
            }
            if (failure.get() == null && !stopped) {
                watermark.readComplete(out.keys);
                // flush() returns once the sink has answered every write; the answers' actions may
                // still be on their way to the watermark.
                while (!watermark.isDone() && failure.get() == null) {
                    java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
                    if (Thread.currentThread().isInterrupted()) {
                        break;
                    }
                }
            }
            Throwable f = failure.get();
            if (f != null || stopped) {
                session.release(0, Map.of(STATE_FILE, new Checkpoint.FileProgress(watermark.linesDone(), false)));
                if (f == null) {
                    throw new RestoreStoppedException("Restore " + id + " stopped while writing the compacted state;"
                            + " checkpoint saved: run it again to resume");
                }
                throw f instanceof RuntimeException r ? r : new PitrException("Restore " + id + " failed: " + f, f);
            }
            session.save(session.checkpoint().chain().size(), Map.of());
            return out;
        }
    }
}
