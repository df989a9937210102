package dev.pitr;

import dev.pitr.checkpoint.Checkpoint;
import dev.pitr.checkpoint.CheckpointCodec;
import dev.pitr.checkpoint.CheckpointConflictException;
import dev.pitr.checkpoint.CheckpointStore;
import dev.pitr.checkpoint.InMemoryCheckpointStore;
import dev.pitr.decode.DecodeOptions;
import dev.pitr.internal.DryRunSink;
import dev.pitr.internal.ExportApplier;
import dev.pitr.internal.RestoreMetrics;
import dev.pitr.manifest.ExportDescriptor;
import dev.pitr.manifest.ManifestReader;
import dev.pitr.plan.ChainPlanner;
import dev.pitr.plan.RestorePlan;
import dev.pitr.plan.RestorePlan.Step;
import dev.pitr.source.ExportSource;
import dev.pitr.write.ItemSink;
import dev.pitr.write.SinkStats;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a chain of DynamoDB exports to a table: one FULL export then INCREMENTAL exports, or
 * incrementals alone onto a table that already holds the earlier state.
 *
 * <pre>{@code
 * RestoreReport report = PitrRestorer.builder()
 *         .export(LocalExportSource.of(Path.of("exports/AWSDynamoDB/01715685260608-c488b4e1")))
 *         .export(S3ExportSource.builder().client(s3).exportUri("s3://b/AWSDynamoDB/01715689000000-1f2e3d4c/").build())
 *         .sink(DynamoDbItemSink.builder().client(dynamo).tableName("orders").build())
 *         .checkpointStore(FileCheckpointStore.in(Path.of("checkpoints")))
 *         .build()
 *         .run();
 * }</pre>
 *
 * <p>The chain is read and validated before anything is written (see {@link ChainPlanner}).
 * Export k is applied completely before export k+1 starts; inside one export, files are read in
 * parallel. A checkpoint is saved every so many operations or seconds and at each export's end;
 * running again with the same restore id resumes where the last run stopped. The default restore
 * id names the chain's first export and the sink's {@linkplain ItemSink#target() target} (see
 * {@link #defaultRestoreId(RestorePlan, String)}); a checkpoint records the target too, and one
 * saved for another target is refused, so the progress of one table is never taken for another's.
 */
public final class PitrRestorer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PitrRestorer.class);
    /** The longest restore id every checkpoint store takes (see {@link CheckpointCodec#checkRestoreId}). */
    private static final int MAX_RESTORE_ID = 128;

    private final List<ExportSource> sources;
    private final ItemSink sink;
    private final CheckpointStore store;
    private final String restoreId;
    private final int readerThreads;
    private final long checkpointEveryOperations;
    private final Duration checkpointInterval;
    private final Duration leaseTimeout;
    private final boolean takeOver;
    private final Instant until;
    private final boolean allowOverlap;
    private final boolean dryRun;
    private final DecodeOptions decodeOptions;
    private final MeterRegistry meterRegistry;
    private final RestoreMetrics metrics;
    private final RestoreListener listener;
    private final Duration progressInterval;
    private final Clock clock;
    private final String runId = UUID.randomUUID().toString();

    private volatile boolean closeRequested;
    private volatile Thread runner;
    private final AtomicInteger runs = new AtomicInteger();

    private PitrRestorer(Builder b, MeterRegistry meterRegistry) {
        this.sources = List.copyOf(b.sources);
        this.sink = b.sink;
        this.store = b.store;
        this.restoreId = b.restoreId;
        this.readerThreads = b.readerThreads;
        this.checkpointEveryOperations = b.checkpointEveryOperations;
        this.checkpointInterval = b.checkpointInterval;
        this.leaseTimeout = b.leaseTimeout;
        this.takeOver = b.takeOver;
        this.until = b.until;
        this.allowOverlap = b.allowOverlap;
        this.dryRun = b.dryRun;
        this.decodeOptions = b.decodeOptions;
        this.meterRegistry = meterRegistry;
        this.metrics = new RestoreMetrics(meterRegistry);
        this.listener = b.listener;
        this.progressInterval = b.progressInterval;
        this.clock = b.clock;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The registry this restorer's meters are in: the builder's, or one of its own. */
    MeterRegistry meterRegistry() {
        return meterRegistry;
    }

    /**
     * Reads every export's manifests and validates the chain, writing nothing.
     *
     * @throws dev.pitr.plan.ChainException when the exports do not form a chain
     */
    public RestorePlan plan() {
        List<Step> steps = new ArrayList<>();
        for (ExportSource s : sources) {
            steps.add(new Step(s, ManifestReader.read(s)));
        }
        return new ChainPlanner().allowOverlap(allowOverlap).until(until).plan(steps);
    }

    /**
     * The restore id used when none is set, the same in the library and the command line:
     * {@code restore-<id of the chain's first export>-to-<target name>}, or
     * {@code restore-<id of the chain's first export>} when the sink names no target.
     *
     * <p>The target name is the part of the target after its last {@code /} or {@code :} (a table
     * ARN gives the table name, a path its file name), with every character other than
     * {@code A-Z a-z 0-9 . _ -} replaced by {@code _}. When the id would pass 128 characters, the
     * name is cut and tagged with a hash of it, so ids stay distinct. The result is a valid restore
     * id for every store (file names, S3 keys, DynamoDB keys). Two targets that share a name (the
     * same table in two regions) share the id: the target recorded in the checkpoint tells them
     * apart, and the second is refused with a message rather than resumed.
     *
     * @param target the sink's {@link ItemSink#target()}, or {@code null}
     */
    public static String defaultRestoreId(RestorePlan plan, String target) {
        String base = "restore-" + plan.steps().get(0).export().exportId();
        if (target == null || target.isBlank()) {
            return base;
        }
        String name = target.substring(Math.max(target.lastIndexOf('/'), target.lastIndexOf(':')) + 1);
        if (name.isEmpty()) {
            name = target;
        }
        String prefix = base + "-to-";
        String safe = name.replaceAll("[^A-Za-z0-9._-]", "_");
        int room = MAX_RESTORE_ID - prefix.length();
        if (safe.length() > room) {
            CRC32 crc = new CRC32();
            crc.update(name.getBytes(StandardCharsets.UTF_8));
            String tag = String.format("-%08x", crc.getValue());
            safe = safe.substring(0, room - tag.length()) + tag;
        }
        return CheckpointCodec.checkRestoreId(prefix + safe);
    }

    /**
     * Applies the chain (or, in a dry run, reads and checks it) and returns what was done.
     * Blocks until done; {@link #close()} from another thread or an interrupt stops it with a
     * checkpoint saved, and it throws {@link RestoreStoppedException}.
     *
     * @throws dev.pitr.plan.ChainException       when the exports do not form a chain (nothing written)
     * @throws CheckpointConflictException        when another restorer holds the restore id
     * @throws PitrException                      for bad input, a failed write, and other failures;
     *                                            the checkpoint saved lets a later run resume
     */
    public RestoreReport run() {
        if (runs.getAndIncrement() > 0) {
            throw new IllegalStateException("run() may be called once; build another PitrRestorer to run again");
        }
        runner = Thread.currentThread();
        Instant started = clock.instant();
        RestorePlan plan = plan();
        listener.planned(plan);
        String target = sink == null ? null : sink.target();
        String id = restoreId != null ? restoreId : defaultRestoreId(plan, target);
        metrics.itemsTotal.set(plan.itemCount());
        metrics.filesTotal.set(plan.fileCount());
        LOG.info("pitr restore {}: {} exports of {} ({} files, {} items), to the state of {}{}", id, plan.steps().size(),
                plan.tableArn(), plan.fileCount(), plan.itemCount(), plan.stateTime(), dryRun ? " (dry run)" : "");
        if (dryRun) {
            return dryRun(id, plan, target, started);
        }
        Session session = claim(id, plan, target);
        if (session.checkpoint.isComplete()) {
            LOG.info("pitr restore {}: the checkpoint says the chain is applied already", id);
            session.release(plan.steps().size(), Map.of());
            return new RestoreReport(id, RestoreReport.Status.ALREADY_COMPLETE, plan.tableArn(), plan.stateTime(),
                    started, Duration.between(started, clock.instant()), List.of(), SinkStats.EMPTY);
        }
        SinkStats before = sink.stats();
        List<RestoreReport.ExportReport> reports;
        try {
            sink.open();
            reports = applyAll(session, plan, sink, false);
            session.release(plan.steps().size(), Map.of());
        } catch (CheckpointConflictException e) {
            throw e; // the lease is someone else's now: nothing to release
        } catch (RuntimeException e) {
            session.releaseAfterFailure(e);
            throw e;
        }
        RestoreReport report = new RestoreReport(id, RestoreReport.Status.COMPLETED, plan.tableArn(), plan.stateTime(),
                started, Duration.between(started, clock.instant()), reports, minus(sink.stats(), before));
        LOG.info("pitr restore {}: {}", id, report.summary());
        return report;
    }

    private RestoreReport dryRun(String id, RestorePlan plan, String target, Instant started) {
        DryRunSink check = new DryRunSink(sink);
        check.open();
        Session session = new Session(id, null,
                new Checkpoint(id, plan.fingerprint(), target, 0, Map.of(), null, clock.instant()), false);
        List<RestoreReport.ExportReport> reports = applyAll(session, plan, check, true);
        return new RestoreReport(id, RestoreReport.Status.DRY_RUN, plan.tableArn(), plan.stateTime(), started,
                Duration.between(started, clock.instant()), reports, SinkStats.EMPTY);
    }

    private List<RestoreReport.ExportReport> applyAll(Session session, RestorePlan plan, ItemSink target, boolean dry) {
        List<RestoreReport.ExportReport> reports = new ArrayList<>();
        int first = session.checkpoint.exportIndex();
        long itemsBefore = 0;
        int filesBefore = 0;
        for (int k = 0; k < first; k++) {
            itemsBefore += plan.steps().get(k).export().itemCount();
            filesBefore += plan.steps().get(k).export().dataFiles().size();
        }
        ThreadPoolExecutor readers = readerPool();
        Pace pace = null;
        try {
            for (int k = first; k < plan.steps().size(); k++) {
                Step step = plan.steps().get(k);
                ExportDescriptor export = step.export();
                Map<String, Checkpoint.FileProgress> progress = k == first ? session.checkpoint.files() : Map.of();
                ExportApplier applier = new ExportApplier(step, progress, target, decodeOptions, metrics, listener, dry);
                metrics.itemsDone.set(itemsBefore + applier.linesDone());
                metrics.startItemsRead(itemsBefore + applier.linesDone());
                metrics.filesDone.set(filesBefore + applier.filesDone());
                listener.exportStarted(export, k, plan.steps().size());
                LOG.info("pitr restore {}: export {}/{} {} starts ({} files, {} items{})", session.id, k + 1,
                        plan.steps().size(), export, export.dataFiles().size(), export.itemCount(),
                        applier.filesDone() > 0 || applier.linesDone() > 0 ? ", resuming" : "");
                if (pace == null) {
                    pace = new Pace(metrics.itemsDone.get(), System.nanoTime());
                }
                applier.start(readers, readerThreads);
                drive(session, k, applier, plan, pace);
                // Every file is done, but a worker task may still wait in the pool's queue to find
                // nothing left: let them end, so the next export's workers find the queue free.
                applier.awaitReaders(TimeUnit.MINUTES.toMillis(1));
                target.flush();
                RestoreReport.ExportReport report = applier.report();
                reports.add(report);
                session.save(k + 1, Map.of());
                listener.exportFinished(report);
                itemsBefore += export.itemCount();
                filesBefore += export.dataFiles().size();
            }
        } finally {
            readers.shutdownNow();
        }
        return reports;
    }

    /**
     * Where this run started, for the rate, and when progress was last reported: kept over the
     * exports of the run, so exports shorter than the progress interval still get progress lines.
     */
    private static final class Pace {
        final long startItems;
        final long startNanos;
        long lastReportNanos;

        Pace(long startItems, long startNanos) {
            this.startItems = startItems;
            this.startNanos = startNanos;
            this.lastReportNanos = startNanos;
        }
    }

    /** Waits for the export to finish, saving checkpoints and reporting progress on the way. */
    private void drive(Session session, int k, ExportApplier applier, RestorePlan plan, Pace pace) {
        long lastSaveNanos = System.nanoTime();
        long lastSaveLines = applier.linesDone();
        long poll = Math.max(10, Math.min(checkpointInterval.toMillis(), progressInterval.toMillis()) / 4);
        while (true) {
            boolean done;
            try {
                done = applier.await(Math.min(poll, 250));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw stop(session, k, applier, null);
            }
            Throwable failure = applier.failure();
            if (closeRequested || Thread.currentThread().isInterrupted()) {
                throw stop(session, k, applier, null);
            }
            if (failure != null) {
                throw stop(session, k, applier, failure);
            }
            if (done) {
                return;
            }
            long now = System.nanoTime();
            long lines = applier.linesDone();
            if (session.saves && (now - lastSaveNanos >= checkpointInterval.toNanos()
                    || lines - lastSaveLines >= checkpointEveryOperations)) {
                try {
                    session.save(k, applier.snapshot());
                } catch (CheckpointConflictException e) {
                    applier.stop();
                    throw e;
                }
                lastSaveNanos = now;
                lastSaveLines = lines;
            }
            if (now - pace.lastReportNanos >= progressInterval.toNanos()) {
                pace.lastReportNanos = now;
                RestoreProgress p = progress(plan, pace, now);
                LOG.info("pitr restore {}: export {}/{} {}: {}", session.id, k + 1, plan.steps().size(),
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
    private RestoreProgress progress(RestorePlan plan, Pace pace, long now) {
        long done = metrics.itemsDone.get();
        long read = Math.max(done, metrics.itemsRead());
        double seconds = (now - pace.startNanos) / 1e9;
        double rate = seconds > 0 ? Math.max(0, done - pace.startItems) / seconds : 0;
        long left = Math.max(0, plan.itemCount() - done);
        Duration eta = rate > 0 ? Duration.ofSeconds((long) Math.ceil(left / rate)) : null;
        return new RestoreProgress(done, read, plan.itemCount(), (int) metrics.filesDone.get(), plan.fileCount(), rate,
                eta);
    }

    /** Stops the export's readers, saves what is acknowledged, and returns the exception to throw. */
    private RuntimeException stop(Session session, int k, ExportApplier applier, Throwable failure) {
        applier.stop();
        applier.awaitReaders(TimeUnit.SECONDS.toMillis(30));
        if (session.saves) {
            try {
                session.release(k, applier.snapshot());
            } catch (RuntimeException e) {
                LOG.warn("pitr restore {}: could not save the checkpoint while stopping: {}", session.id, e.toString());
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure == null) {
            return new RestoreStoppedException("Restore " + session.id + " stopped during export " + (k + 1) + " of "
                    + session.checkpoint.chain().size() + "; checkpoint saved: run it again to resume");
        }
        if (failure instanceof RuntimeException r) {
            return r;
        }
        if (failure instanceof Error e) {
            throw e;
        }
        return new PitrException("Restore " + session.id + " failed: " + failure, failure);
    }

    private Session claim(String id, RestorePlan plan, String target) {
        List<String> chain = plan.fingerprint();
        var loaded = store.load(id);
        if (loaded.isEmpty()) {
            Checkpoint fresh = new Checkpoint(id, chain, target, 0, Map.of(), runId, clock.instant());
            String version = store.save(fresh, null);
            return new Session(id, version, fresh, true);
        }
        Checkpoint c = loaded.get().checkpoint();
        if (!isPrefix(c.chain(), chain) && !isPrefix(chain, c.chain())) {
            throw new CheckpointConflictException("The checkpoint of restore \"" + id + "\" in " + store
                    + " belongs to another chain " + c.chain() + ", not " + chain
                    + "; use another restore id for this chain");
        }
        if (c.target() != null && !c.target().equals(target)) {
            throw new CheckpointConflictException("The checkpoint of restore \"" + id + "\" in " + store
                    + " was saved for target \"" + c.target() + "\", not " + (target == null
                    ? "this sink, which names no target" : "\"" + target + "\"")
                    + ": resuming it would skip what it says is applied. Name the target as before, or use another"
                    + " restore id for this target");
        }
        if (c.exportIndex() > chain.size()) {
            throw new CheckpointConflictException("The checkpoint of restore \"" + id + "\" has applied "
                    + c.exportIndex() + " exports, more than the " + chain.size() + " of this chain");
        }
        Instant now = clock.instant();
        if (c.owner() != null && !c.owner().equals(runId) && !takeOver && c.updatedAt().plus(leaseTimeout).isAfter(now)) {
            throw new CheckpointConflictException("Restore \"" + id + "\" is held by another restorer (run " + c.owner()
                    + ", which saved a checkpoint at " + c.updatedAt() + "). If it is no longer running, wait until "
                    + c.updatedAt().plus(leaseTimeout) + " or take over (takeOver(true), --take-over on the command line)");
        }
        if (c.target() == null && target != null) {
            LOG.info("pitr restore {}: the checkpoint names no target (saved by an earlier pitr); it is now recorded"
                    + " as {}", id, target);
        }
        Checkpoint claimed = new Checkpoint(id, chain, target, c.exportIndex(), c.files(), runId, now);
        String version = store.save(claimed, loaded.get().version());
        if (c.exportIndex() > 0 || !c.files().isEmpty()) {
            LOG.info("pitr restore {}: resuming at export {}/{} with {} files in progress", id, c.exportIndex() + 1,
                    chain.size(), c.files().size());
        }
        return new Session(id, version, claimed, true);
    }

    private static boolean isPrefix(List<String> prefix, List<String> of) {
        return prefix.size() <= of.size() && of.subList(0, prefix.size()).equals(prefix);
    }

    private ThreadPoolExecutor readerPool() {
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

    private static SinkStats minus(SinkStats a, SinkStats b) {
        return new SinkStats(a.puts() - b.puts(), a.deletes() - b.deletes(), a.batches() - b.batches(),
                a.retries() - b.retries(), a.throttles() - b.throttles(), a.serverErrors() - b.serverErrors(),
                a.unprocessedResends() - b.unprocessedResends(), a.skipped() - b.skipped(), a.failed() - b.failed(),
                a.consumedWriteCapacityUnits() - b.consumedWriteCapacityUnits());
    }

    /**
     * Stops a running {@link #run()} cleanly: readers stop, the acknowledged progress is saved,
     * and {@code run()} throws {@link RestoreStoppedException}. Does not close the sink or the
     * sources, which belong to the caller.
     */
    @Override
    public void close() {
        closeRequested = true;
    }

    /** The checkpoint state of one run: the version it last saved, so saves are conditional. */
    private final class Session {
        final String id;
        String version;
        Checkpoint checkpoint;
        final boolean saves;

        Session(String id, String version, Checkpoint checkpoint, boolean saves) {
            this.id = id;
            this.version = version;
            this.checkpoint = checkpoint;
            this.saves = saves;
        }

        void save(int exportIndex, Map<String, Checkpoint.FileProgress> files) {
            write(exportIndex, files, runId);
        }

        /** Saves and gives up the lease, so the next run need not wait for it to expire. */
        void release(int exportIndex, Map<String, Checkpoint.FileProgress> files) {
            write(exportIndex, files, null);
        }

        /** Gives the lease up after a failure outside an export's run, keeping the last saved progress. */
        void releaseAfterFailure(RuntimeException failure) {
            if (checkpoint.owner() == null) {
                return;
            }
            try {
                release(checkpoint.exportIndex(), checkpoint.files());
            } catch (RuntimeException e) {
                failure.addSuppressed(e);
            }
        }

        private void write(int exportIndex, Map<String, Checkpoint.FileProgress> files, String owner) {
            if (!saves) {
                return;
            }
            Checkpoint next = checkpoint.advance(exportIndex, files, owner, clock.instant());
            version = store.save(next, version);
            checkpoint = next;
            metrics.checkpoints.increment();
            listener.checkpointSaved(next);
        }
    }

    /** Builds a {@link PitrRestorer}; every setter checks its value at once. */
    public static final class Builder {
        private final List<ExportSource> sources = new ArrayList<>();
        private ItemSink sink;
        private CheckpointStore store = new InMemoryCheckpointStore();
        private String restoreId;
        private int readerThreads = 4;
        private long checkpointEveryOperations = 50_000;
        private Duration checkpointInterval = Duration.ofSeconds(10);
        private Duration leaseTimeout = Duration.ofSeconds(60);
        private boolean takeOver;
        private Instant until;
        private boolean allowOverlap;
        private boolean dryRun;
        private DecodeOptions decodeOptions = DecodeOptions.defaults();
        private MeterRegistry meterRegistry;
        private RestoreListener listener = RestoreListener.none();
        private Duration progressInterval = Duration.ofSeconds(30);
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** Adds an export of the chain. Exports may be added in any order: the chain is ordered by time. */
        public Builder export(ExportSource source) {
            sources.add(Objects.requireNonNull(source, "source"));
            return this;
        }

        /** Adds exports of the chain, in any order. */
        public Builder exports(List<? extends ExportSource> list) {
            list.forEach(this::export);
            return this;
        }

        /** Where operations go, for example pitr-dynamodb's {@code DynamoDbItemSink}. Never closed by the restorer. */
        public Builder sink(ItemSink sink) {
            this.sink = Objects.requireNonNull(sink, "sink");
            return this;
        }

        /** Where checkpoints are kept. Default: in memory (no resume after the JVM ends). */
        public Builder checkpointStore(CheckpointStore store) {
            this.store = Objects.requireNonNull(store, "checkpointStore");
            return this;
        }

        /**
         * The restore id checkpoints are saved under. Default:
         * {@code restore-<first export id>-to-<target name>} (see {@link #defaultRestoreId(RestorePlan, String)}).
         */
        public Builder restoreId(String restoreId) {
            this.restoreId = CheckpointCodec.checkRestoreId(restoreId);
            return this;
        }

        /** Data files read in parallel inside one export. Default 4. */
        public Builder readerThreads(int n) {
            if (n < 1 || n > 256) {
                throw new IllegalArgumentException("readerThreads must be 1 to 256, got " + n);
            }
            this.readerThreads = n;
            return this;
        }

        /** Save a checkpoint after this many operations. Default 50,000. */
        public Builder checkpointEveryOperations(long n) {
            if (n < 1) {
                throw new IllegalArgumentException("checkpointEveryOperations must be positive, got " + n);
            }
            this.checkpointEveryOperations = n;
            return this;
        }

        /** Save a checkpoint at least this often (it also renews the lease). Default 10 s. */
        public Builder checkpointInterval(Duration d) {
            this.checkpointInterval = positive(d, "checkpointInterval");
            return this;
        }

        /**
         * How long a checkpoint's owner keeps the restore id after its last save: another restorer
         * is refused meanwhile unless it takes over. At least twice the checkpoint interval. Default 60 s.
         */
        public Builder leaseTimeout(Duration d) {
            this.leaseTimeout = positive(d, "leaseTimeout");
            return this;
        }

        /** Take the restore id over from a restorer that died without releasing it. Default false. */
        public Builder takeOver(boolean takeOver) {
            this.takeOver = takeOver;
            return this;
        }

        /** Apply only the part of the chain that ends at {@code time} (an export boundary). */
        public Builder until(Instant time) {
            this.until = Objects.requireNonNull(time, "until");
            return this;
        }

        /** Accept overlapping incremental windows. Default false. */
        public Builder allowOverlap(boolean allow) {
            this.allowOverlap = allow;
            return this;
        }

        /**
         * Read and check everything (checksums, counts, decoding, the chain, keys against the
         * sink's table when a sink is set) and write nothing. Default false.
         */
        public Builder dryRun(boolean dryRun) {
            this.dryRun = dryRun;
            return this;
        }

        /** How data files are read (line limit, checksum verification). */
        public Builder decodeOptions(DecodeOptions options) {
            this.decodeOptions = Objects.requireNonNull(options, "decodeOptions");
            return this;
        }

        /**
         * Where {@code pitr.restore.*} meters go. Default: a registry of its own for each restorer
         * {@link #build() built}, so restorers built from one builder never share meters.
         */
        public Builder meterRegistry(MeterRegistry registry) {
            this.meterRegistry = Objects.requireNonNull(registry, "meterRegistry");
            return this;
        }

        /** Hears exports and files finish, progress and checkpoints. */
        public Builder listener(RestoreListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** How often progress is logged at INFO and given to the listener. Default 30 s. */
        public Builder progressInterval(Duration d) {
            this.progressInterval = positive(d, "progressInterval");
            return this;
        }

        /** The clock checkpoint times come from. Default: the system clock in UTC. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * @throws IllegalStateException when no export is set, no sink is set outside a dry run,
         *                               or the lease is shorter than two checkpoint intervals
         */
        public PitrRestorer build() {
            if (sources.isEmpty()) {
                throw new IllegalStateException("no export: add at least one with export(...)");
            }
            if (sink == null && !dryRun) {
                throw new IllegalStateException("no sink: set where operations go with sink(...), or dryRun(true)");
            }
            if (leaseTimeout.compareTo(checkpointInterval.multipliedBy(2)) < 0) {
                throw new IllegalStateException("leaseTimeout " + leaseTimeout + " must be at least twice checkpointInterval "
                        + checkpointInterval + ", or a live restorer would lose its lease between saves");
            }
            // A registry of its own for each restorer built, never kept on the builder: two restorers
            // built from one builder would otherwise share (and add up) their meters.
            return new PitrRestorer(this, meterRegistry != null ? meterRegistry : new SimpleMeterRegistry());
        }

        private static Duration positive(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, got " + d);
            }
            return d;
        }
    }
}
