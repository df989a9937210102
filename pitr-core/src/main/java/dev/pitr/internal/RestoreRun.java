package dev.pitr.internal;

import dev.pitr.PitrException;
import dev.pitr.RestoreListener;
import dev.pitr.RestoreProgress;
import dev.pitr.RestoreReport;
import dev.pitr.RestoreStoppedException;
import dev.pitr.checkpoint.Checkpoint;
import dev.pitr.checkpoint.CheckpointPolicy;
import dev.pitr.decode.DecodeOptions;
import dev.pitr.manifest.ExportDescriptor;
import dev.pitr.plan.RestorePlan;
import dev.pitr.plan.RestorePlan.Step;
import dev.pitr.write.ItemSink;
import dev.pitr.write.Ticker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a plan's exports in order, from where the checkpoint says, through an
 * {@link ExportApplier} per export: saves progress as the {@link CheckpointPolicy} says (and often
 * enough to keep the lease), reports progress, and on a stop or a failure stops the readers before
 * the checkpoint is saved and the lease given up.
 */
public final class RestoreRun {
    private static final Logger LOG = LoggerFactory.getLogger(RestoreRun.class);

    /**
     * How a run goes.
     *
     * @param leaseRenewal how often a save is made whatever the policy, so the lease never lapses
     */
    public record Settings(int readerThreads, DecodeOptions decodeOptions, CheckpointPolicy checkpointPolicy,
                           Duration leaseRenewal, Duration progressInterval, Ticker ticker) {
        /** Whether to save now: the policy says so, or the lease needs renewing. */
        boolean shouldSave(long operationsSinceSave, Duration sinceSave) {
            return checkpointPolicy.shouldSave(operationsSinceSave, sinceSave) || sinceSave.compareTo(leaseRenewal) >= 0;
        }
    }

    private final String id;
    private final RestorePlan plan;
    private final CheckpointSession session;
    private final ItemSink sink;
    private final boolean dryRun;
    private final Settings settings;
    private final RestoreMetrics metrics;
    private final RestoreListener listener;
    private final BooleanSupplier stop;
    private boolean stopped;
    private long startItems;
    private long startNanos;
    private long lastReportNanos;

    /**
     * @param session the claimed checkpoint, or {@code null} in a dry run, which saves nothing
     * @param stop    whether the run was asked to stop
     */
    public RestoreRun(String id, RestorePlan plan, CheckpointSession session, ItemSink sink, boolean dryRun,
                      Settings settings, RestoreMetrics metrics, RestoreListener listener, BooleanSupplier stop) {
        this.id = id;
        this.plan = plan;
        this.session = session;
        this.sink = sink;
        this.dryRun = dryRun;
        this.settings = settings;
        this.metrics = metrics;
        this.listener = listener;
        this.stop = stop;
    }

    /**
     * Applies every export from the checkpoint's on, each one flushed and checkpointed before the
     * next starts.
     *
     * @return one report per export applied by this run
     */
    public List<RestoreReport.ExportReport> applyAll() {
        Checkpoint from = session == null ? null : session.checkpoint();
        int first = from == null ? 0 : from.exportIndex();
        long itemsBefore = 0;
        int filesBefore = 0;
        for (int k = 0; k < first; k++) {
            itemsBefore += plan.steps().get(k).export().itemCount();
            filesBefore += plan.steps().get(k).export().dataFiles().size();
        }
        List<RestoreReport.ExportReport> reports = new ArrayList<>();
        ThreadPoolExecutor readers = readerPool(settings.readerThreads());
        try {
            for (int k = first; k < plan.steps().size(); k++) {
                Step step = plan.steps().get(k);
                ExportDescriptor export = step.export();
                Map<String, Checkpoint.FileProgress> progress = k == first && from != null ? from.files() : Map.of();
                ExportApplier applier = new ExportApplier(step, progress, sink, settings.decodeOptions(), metrics,
                        listener, dryRun);
                metrics.itemsDone.set(itemsBefore + applier.linesDone());
                metrics.startItemsRead(itemsBefore + applier.linesDone());
                metrics.filesDone.set(filesBefore + applier.filesDone());
                listener.exportStarted(export, k, plan.steps().size());
                LOG.info("pitr restore {}: export {}/{} {} starts ({} files, {} items{})", id(), k + 1,
                        plan.steps().size(), export, export.dataFiles().size(), export.itemCount(),
                        applier.filesDone() > 0 || applier.linesDone() > 0 ? ", resuming" : "");
                if (k == first) {
                    startItems = metrics.itemsDone.get();
                    startNanos = settings.ticker().read();
                    lastReportNanos = startNanos;
                }
                try {
                    applier.start(readers, settings.readerThreads());
                    drive(k, applier);
                    // Every file is done, but a worker task may still wait in the pool's queue to find
                    // nothing left: let them end, so the next export's workers find the queue free.
                    applier.awaitReaders(TimeUnit.MINUTES.toMillis(1));
                    sink.flush();
                    RestoreReport.ExportReport report = applier.report();
                    reports.add(report);
                    save(k + 1, Map.of());
                    listener.exportFinished(report);
                } catch (RuntimeException e) {
                    // Whatever failed, the readers stop before the lease is given up.
                    throw stopped ? e : stop(k, applier, e);
                } catch (Error e) {
                    if (!stopped) {
                        stop(k, applier, e);
                    }
                    throw e;
                }
                itemsBefore += export.itemCount();
                filesBefore += export.dataFiles().size();
            }
        } finally {
            readers.shutdownNow();
        }
        return reports;
    }

    /** Waits for the export to finish, saving checkpoints and reporting progress on the way. */
    private void drive(int k, ExportApplier applier) {
        Ticker ticker = settings.ticker();
        long lastSaveNanos = ticker.read();
        long lastSaveLines = applier.linesDone();
        long poll = Math.max(10, Math.min(settings.leaseRenewal().toMillis(), settings.progressInterval().toMillis()) / 4);
        while (true) {
            boolean done;
            try {
                done = applier.await(Math.min(poll, 250));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw stop(k, applier, null);
            }
            if (stop.getAsBoolean() || Thread.currentThread().isInterrupted()) {
                throw stop(k, applier, null);
            }
            if (applier.failure() != null) {
                throw stop(k, applier, applier.failure());
            }
            if (done) {
                return;
            }
            long now = ticker.read();
            long lines = applier.linesDone();
            Duration sinceSave = Duration.ofNanos(now - lastSaveNanos);
            if (session != null && settings.shouldSave(lines - lastSaveLines, sinceSave)) {
                try {
                    save(k, applier.snapshot());
                } catch (RuntimeException e) {
                    throw stop(k, applier, e);
                }
                lastSaveNanos = now;
                lastSaveLines = lines;
            }
            if (now - lastReportNanos >= settings.progressInterval().toNanos()) {
                lastReportNanos = now;
                RestoreProgress p = progress(now);
                LOG.info("pitr restore {}: export {}/{} {}: {}", id(), k + 1, plan.steps().size(),
                        applier.export().exportId(), p);
                listener.progress(p);
            }
        }
    }

    /**
     * Where the run stands: items acknowledged and items read (handed to the sink, ahead of the
     * acknowledgements by what the sink holds), the acknowledged rate since the run started, and
     * the time left at that rate (unknown until acknowledgements arrive).
     */
    private RestoreProgress progress(long now) {
        long done = metrics.itemsDone.get();
        long read = Math.max(done, metrics.itemsRead());
        double seconds = (now - startNanos) / 1e9;
        double rate = seconds > 0 ? Math.max(0, done - startItems) / seconds : 0;
        long left = Math.max(0, plan.itemCount() - done);
        Duration eta = rate > 0 ? Duration.ofSeconds((long) Math.ceil(left / rate)) : null;
        return new RestoreProgress(done, read, plan.itemCount(), (int) metrics.filesDone.get(), plan.fileCount(), rate,
                eta);
    }

    private void save(int exportIndex, Map<String, Checkpoint.FileProgress> files) {
        if (session != null) {
            session.save(exportIndex, files);
        }
    }

    /**
     * Stops the export's readers and waits for them, so nothing feeds the sink any more; then
     * saves what is acknowledged and gives the lease up (unless the lease is lost, or the failure
     * is the store's own), and returns the exception to throw.
     */
    private RuntimeException stop(int k, ExportApplier applier, Throwable failure) {
        stopped = true;
        applier.stop();
        applier.awaitReaders(TimeUnit.SECONDS.toMillis(30));
        if (session != null && !(failure instanceof dev.pitr.checkpoint.CheckpointConflictException)) {
            try {
                session.release(k, applier.snapshot());
            } catch (RuntimeException e) {
                LOG.warn("pitr restore {}: could not save the checkpoint while stopping: {}", id(), e.toString());
                if (failure == null) {
                    failure = e;
                } else if (failure != e) {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure == null) {
            return new RestoreStoppedException("Restore " + id() + " stopped during export " + (k + 1) + " of "
                    + plan.steps().size() + "; checkpoint saved: run it again to resume");
        }
        if (failure instanceof RuntimeException r) {
            return r;
        }
        if (failure instanceof Error e) {
            throw e;
        }
        return new PitrException("Restore " + id() + " failed: " + failure, failure);
    }

    private String id() {
        return id;
    }

    private static ThreadPoolExecutor readerPool(int readerThreads) {
        AtomicLong n = new AtomicLong();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(readerThreads, readerThreads, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(2 * readerThreads), r -> { // an export's workers, and slack
                    Thread t = new Thread(r, "pitr-reader-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}
