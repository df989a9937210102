package dev.pitr.internal;

import dev.pitr.RestoreListener;
import dev.pitr.RestoreReport.ExportReport;
import dev.pitr.checkpoint.Checkpoint.FileProgress;
import dev.pitr.decode.DataFileReader;
import dev.pitr.decode.DecodeOptions;
import dev.pitr.manifest.DataFile;
import dev.pitr.manifest.ExportDescriptor;
import dev.pitr.model.WriteOp;
import dev.pitr.plan.RestorePlan.Step;
import dev.pitr.source.ExportSource;
import dev.pitr.write.ItemSink;
import dev.pitr.write.WriteCapacity;
import dev.pitr.write.WriteOutcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * Applies one export: its data files are read in parallel on the reader pool, each operation
 * goes to the sink, and each file's {@link LineWatermark} advances as the sink acknowledges its
 * lines. Files a checkpoint marks done are not read; started ones resume past their watermark.
 */
public final class ExportApplier {
    private final ExportSource source;
    private final ExportDescriptor export;
    private final ItemSink sink;
    private final DecodeOptions options;
    private final RestoreMetrics metrics;
    private final RestoreListener listener;
    private final boolean estimateCapacity;

    private final Map<String, LineWatermark> watermarks = new LinkedHashMap<>();
    private final Set<String> finished = ConcurrentHashMap.newKeySet();
    private final List<Future<?>> tasks = new ArrayList<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Object signal = new Object();
    private volatile boolean stopping;

    private final int filesAlreadyDone;
    private final long linesResumedPast;
    private final LongAdder puts = new LongAdder();
    private final LongAdder deletes = new LongAdder();
    private final LongAdder skipped = new LongAdder();
    private final LongAdder compressed = new LongAdder();
    private final LongAdder uncompressed = new LongAdder();
    private final LongAdder capacity = new LongAdder();
    private final AtomicInteger verified = new AtomicInteger();
    private long startNanos;
    private long endNanos;

    /**
     * @param progress         the checkpoint's file progress for this export (empty to start afresh)
     * @param estimateCapacity whether to add up the write capacity of the operations (dry runs)
     */
    public ExportApplier(Step step, Map<String, FileProgress> progress, ItemSink sink, DecodeOptions options,
                         RestoreMetrics metrics, RestoreListener listener, boolean estimateCapacity) {
        this.source = step.source();
        this.export = step.export();
        this.sink = sink;
        this.options = options;
        this.metrics = metrics;
        this.listener = listener;
        this.estimateCapacity = estimateCapacity;
        int done = 0;
        long resumed = 0;
        for (DataFile f : export.dataFiles()) {
            FileProgress p = progress.get(f.key());
            if (p != null && p.done()) {
                done++;
                finished.add(f.key());
                LineWatermark w = new LineWatermark(f.itemCount());
                w.readComplete(f.itemCount());
                watermarks.put(f.key(), w);
            } else {
                long lines = p == null ? 0 : p.linesDone();
                resumed += lines;
                watermarks.put(f.key(), new LineWatermark(lines));
            }
        }
        this.filesAlreadyDone = done;
        this.linesResumedPast = resumed;
    }

    /**
     * Starts {@code workers} tasks on {@code readers}, each taking the next file not yet done
     * until none is left: the pool's queue holds the workers, never one task per file.
     */
    public void start(ExecutorService readers, int workers) {
        startNanos = System.nanoTime();
        ConcurrentLinkedQueue<DataFile> pending = new ConcurrentLinkedQueue<>();
        for (DataFile f : export.dataFiles()) {
            if (!finished.contains(f.key())) {
                pending.add(f);
            }
        }
        for (int i = 0; i < Math.min(workers, pending.size()); i++) {
            tasks.add(readers.submit(() -> {
                for (DataFile f = pending.poll(); f != null && !stopping; f = pending.poll()) {
                    apply(f);
                }
            }));
        }
        checkAllDone();
    }

    private void apply(DataFile file) {
        LineWatermark watermark = watermarks.get(file.key());
        DecodeOptions opts = options.withSkipLines(watermark.linesDone());
        try (DataFileReader reader = DataFileReader.open(source, export, file, opts)) {
            try {
                for (WriteOp op = reader.next(); op != null; op = reader.next()) {
                    if (stopping) {
                        return;
                    }
                    if (estimateCapacity) {
                        capacity.add(WriteCapacity.estimate(op));
                    }
                    long line = op.origin().line();
                    boolean put = op instanceof WriteOp.Put;
                    metrics.itemRead();
                    CompletableFuture<WriteOutcome> ack = sink.write(op);
                    ack.whenComplete((outcome, error) -> acknowledged(file, watermark, line, put, outcome, error));
                }
                watermark.readComplete(reader.linesRead());
                if (options.verifyChecksums() && file.md5Checksum() != null) {
                    verified.incrementAndGet();
                }
            } finally {
                // Counted before the file can be marked done, so a report never misses its bytes.
                countBytes(reader.compressedBytesRead(), reader.uncompressedBytesRead());
            }
            fileMaybeDone(file, watermark);
        } catch (Throwable t) {
            fail(t);
        }
    }

    private void countBytes(long compressedBytes, long uncompressedBytes) {
        compressed.add(compressedBytes);
        uncompressed.add(uncompressedBytes);
        metrics.compressedBytes.increment(compressedBytes);
        metrics.uncompressedBytes.increment(uncompressedBytes);
    }

    private void acknowledged(DataFile file, LineWatermark watermark, long line, boolean put, WriteOutcome outcome,
                              Throwable error) {
        if (error != null) {
            fail(error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                    ? error.getCause() : error);
            return;
        }
        if (outcome == WriteOutcome.SKIPPED) {
            skipped.increment();
            metrics.skipped.increment();
        } else if (put) {
            puts.increment();
            metrics.puts.increment();
        } else {
            deletes.increment();
            metrics.deletes.increment();
        }
        metrics.itemsDone.incrementAndGet();
        watermark.ack(line);
        fileMaybeDone(file, watermark);
    }

    private void fileMaybeDone(DataFile file, LineWatermark watermark) {
        if (watermark.isDone() && finished.add(file.key())) {
            metrics.filesDone.incrementAndGet();
            listener.fileFinished(export, file);
            checkAllDone();
        }
    }

    private void checkAllDone() {
        if (finished.size() == watermarks.size()) {
            endNanos = System.nanoTime();
        }
        synchronized (signal) {
            signal.notifyAll();
        }
    }

    private void fail(Throwable t) {
        if (failure.compareAndSet(null, t)) {
            stopping = true;
        }
        synchronized (signal) {
            signal.notifyAll();
        }
    }

    /**
     * Waits up to {@code millis} for every file to be done or for a failure.
     *
     * @return true when every file is done
     */
    public boolean await(long millis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        synchronized (signal) {
            while (!isDone() && failure.get() == null) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                TimeUnit.NANOSECONDS.timedWait(signal, left);
            }
        }
        return isDone();
    }

    /** Whether every file is read, verified and acknowledged. */
    public boolean isDone() {
        return finished.size() == watermarks.size();
    }

    /** The first failure, if any. */
    public Throwable failure() {
        return failure.get();
    }

    /** Stops reading (readers are interrupted); acknowledgements still advance watermarks. */
    public void stop() {
        stopping = true;
        for (Future<?> f : tasks) {
            f.cancel(true);
        }
    }

    /** Waits up to {@code millis} for the reader tasks to end after {@link #stop()}. */
    public void awaitReaders(long millis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        for (Future<?> f : tasks) {
            long left = deadline - System.nanoTime();
            try {
                f.get(Math.max(1, left), TimeUnit.NANOSECONDS);
            } catch (Exception ignored) {
                // cancelled, failed (recorded already) or still running: the watermark is what counts
            }
        }
    }

    /** The file progress to save: every file's watermark and whether it is done. */
    public Map<String, FileProgress> snapshot() {
        Map<String, FileProgress> m = new LinkedHashMap<>();
        watermarks.forEach((key, w) -> {
            boolean done = finished.contains(key);
            long lines = w.linesDone();
            if (done || lines > 0) {
                m.put(key, new FileProgress(lines, done));
            }
        });
        return m;
    }

    /** Lines applied so far over all files of this export, checkpointed ones included. */
    public long linesDone() {
        long sum = 0;
        for (LineWatermark w : watermarks.values()) {
            sum += w.linesDone();
        }
        return sum;
    }

    /** Files done so far, checkpointed ones included. */
    public int filesDone() {
        return finished.size();
    }

    /** This export's share of the run. */
    public ExportReport report() {
        long end = endNanos != 0 ? endNanos : System.nanoTime();
        return new ExportReport(export.exportArn(), export.exportId(), export.type(), export.location(),
                export.dataFiles().size(), filesAlreadyDone, linesResumedPast, puts.sum(), deletes.sum(), skipped.sum(),
                compressed.sum(), uncompressed.sum(), verified.get(), capacity.sum(),
                Duration.ofNanos(startNanos == 0 ? 0 : end - startNanos));
    }

    public ExportDescriptor export() {
        return export;
    }
}
