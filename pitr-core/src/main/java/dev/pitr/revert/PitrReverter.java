package dev.pitr.revert;

import dev.pitr.PitrException;
import dev.pitr.PitrRestorer;
import dev.pitr.RestoreListener;
import dev.pitr.RestoreStoppedException;
import dev.pitr.checkpoint.Checkpoint;
import dev.pitr.checkpoint.CheckpointStore;
import dev.pitr.decode.DecodeOptions;
import dev.pitr.internal.Check;
import dev.pitr.internal.CheckpointSession;
import dev.pitr.internal.LeaseOwner;
import dev.pitr.internal.RestoreMetrics;
import dev.pitr.manifest.ExportDescriptor;
import dev.pitr.manifest.ExportType;
import dev.pitr.manifest.ManifestReader;
import dev.pitr.manifest.OutputView;
import dev.pitr.model.Change;
import dev.pitr.model.Item;
import dev.pitr.model.Key;
import dev.pitr.model.KeySchema;
import dev.pitr.plan.ChainException;
import dev.pitr.plan.ChainPlanner;
import dev.pitr.plan.RestorePlan;
import dev.pitr.revert.ConditionalSink.Condition;
import dev.pitr.revert.ConditionalSink.Outcome;
import dev.pitr.revert.internal.ExportStream;
import dev.pitr.revert.internal.WindowChanges;
import dev.pitr.revert.internal.WindowState;
import dev.pitr.source.ExportSource;
import dev.pitr.state.internal.StateKeys;
import dev.pitr.verify.SameValue;
import dev.pitr.verify.TableReader;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Undoes a bad window in place: every key the window's exports changed is put back to its state
 * at the window's start, where the item still holds its state at the window's end, so a write
 * made after the window is never clobbered.
 *
 * <pre>{@code
 * RevertReport report = PitrReverter.builder()
 *         .exports(window)                          // INCREMENTAL, NEW_AND_OLD_IMAGES, contiguous
 *         .table(DynamoDbTableReader.builder().client(client).tableName("orders").consistentRead(true).build())
 *         .sink(DynamoDbConditionalSink.builder().client(client).tableName("orders").build())
 *         .checkpointStore(FileCheckpointStore.in(dir))
 *         .build().run();
 * System.out.println(report.summary());  // revert orders: 118 restored, 4 deleted, 2 unchanged, conflicts 5
 * }</pre>
 *
 * <p>For each key the window changed, the <b>target</b> is its image before the window (the
 * {@code OldImage} of the first export that holds the key; none when that record has none: the
 * window created the item) and the <b>expected</b> state is its image after the window (the
 * {@code NewImage} of the last export that holds it; none when the window deleted it). A window
 * of one export is streamed (one export holds each key once, its record both images), and keys
 * are decided in the export's file and line order; a window of several is read into an on-disk
 * state first ({@code stateDirectory}), and keys are decided in key order. Either way 100 at a
 * time:
 * <ol>
 *   <li>a key whose target and expected state are the same value is {@code unchanged};</li>
 *   <li>the current items are read by key (consistent reads, when the reader is set so); an item
 *       that already equals its target is {@code unchanged}, one that differs from the expected
 *       state is a {@code conflict}, left alone;</li>
 *   <li>the others are written through the {@link ConditionalSink} on the condition that the item
 *       still equals the expected state (or is still absent), decided atomically by the table:
 *       an item changed between the read and the write fails the condition and is a conflict.</li>
 * </ol>
 * With {@link Builder#force(boolean)}, targets are written unconditionally and nothing is read.
 * With {@link Builder#dryRun(boolean)}, keys are read and decided and nothing is written.
 *
 * <p>Progress is saved in the {@link CheckpointStore} after each batch: a revert stopped or
 * killed is resumed by running it again, and its counts go on from where they stopped.
 */
public final class PitrReverter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PitrReverter.class);
    private static final int BATCH = 100;
    private static final String KEYS_DONE = "pitr:revert-keys";
    private static final String[] COUNTS = {"pitr:revert-restored", "pitr:revert-deleted", "pitr:revert-unchanged",
        "pitr:revert-conflicts", "pitr:revert-not-selected"};

    private final Builder settings;
    private final java.util.EnumMap<Result, io.micrometer.core.instrument.Counter> meters =
            new java.util.EnumMap<>(Result.class);
    private volatile boolean stopRequested;
    private boolean ran;

    private PitrReverter(Builder settings) {
        this.settings = settings;
        io.micrometer.core.instrument.MeterRegistry registry = settings.meterRegistry != null ? settings.meterRegistry
                : new SimpleMeterRegistry();
        for (Result r : Result.values()) {
            meters.put(r, io.micrometer.core.instrument.Counter.builder("pitr.revert.keys")
                    .tag("outcome", r.name().toLowerCase(java.util.Locale.ROOT))
                    .description("Keys of the window decided, by what became of them").register(registry));
        }
    }

    /** A builder; exports, {@link Builder#table} and (unless a dry run) a sink and a checkpoint store are required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads the exports' manifests and checks that they can be reverted, reading nothing else.
     *
     * @throws ChainException when they are not contiguous INCREMENTAL exports with old images
     */
    public RestorePlan plan() {
        List<RestorePlan.Step> steps = settings.sources.stream()
                .map(s -> new RestorePlan.Step(s, ManifestReader.read(s))).toList();
        for (RestorePlan.Step s : steps) {
            ExportDescriptor e = s.export();
            if (e.type() != ExportType.INCREMENTAL_EXPORT) {
                throw new ChainException("Export " + e.exportId() + " is a FULL export: a revert takes the INCREMENTAL"
                        + " exports that cover the bad window (each with NEW_AND_OLD_IMAGES)");
            }
            if (e.view() != OutputView.NEW_AND_OLD_IMAGES) {
                throw new ChainException("Export " + e.exportId() + " was exported with " + e.view() + ": a revert needs"
                        + " each key's image before the window. Export the window again with its old images: aws"
                        + " dynamodb export-table-to-point-in-time --export-type INCREMENTAL_EXPORT"
                        + " --incremental-export-specification ExportFromTime=...,ExportToTime=...,"
                        + "ExportViewType=NEW_AND_OLD_IMAGES ...");
            }
        }
        return new ChainPlanner().plan(steps);
    }

    /**
     * Reverts the window (or, in a dry run, decides what a revert would do). Blocks until done;
     * {@link #close()} from another thread or an interrupt stops it with a checkpoint saved, and
     * it throws {@link RestoreStoppedException}.
     *
     * @throws ChainException when the exports cannot be reverted (nothing read or written)
     * @throws PitrException  for bad input, a failed read or write; the checkpoint saved lets a
     *                        later run resume
     */
    public synchronized RevertReport run() {
        if (ran) {
            throw new IllegalStateException("run() may be called once; build another PitrReverter to run again");
        }
        ran = true;
        Instant startedAt = settings.clock.instant();
        long start = System.nanoTime();
        RestorePlan plan = plan();
        settings.listener.planned(plan);
        TableReader table = Objects.requireNonNull(settings.table);
        KeySchema schema = table.open();
        ConditionalSink sink = settings.sink;
        if (sink != null && !settings.dryRun) {
            KeySchema written = sink.open();
            if (!written.equals(schema)) {
                throw new PitrException("The reader and the sink see different key schemas (" + schema + ", " + written
                        + "): give them the same table");
            }
        }
        String target = Objects.requireNonNullElse(sink != null && !settings.dryRun ? sink.target() : table.target(),
                "table");
        String tableName = target.substring(Math.max(target.lastIndexOf('/'), target.lastIndexOf(':')) + 1);
        String id = settings.revertId != null ? settings.revertId
                : "revert-" + PitrRestorer.defaultRestoreId(plan, target).substring("restore-".length());
        Path stateDir = settings.stateDirectory != null ? settings.stateDirectory
                : Path.of(System.getProperty("java.io.tmpdir"), "pitr-state", id);
        Instant windowStart = Objects.requireNonNull(plan.steps().get(0).export().summary().exportFromTime());
        double readBefore = table.stats().capacityUnits();
        double writeBefore = sink == null ? 0 : sink.capacityUnits();

        CheckpointSession session = null;
        List<String> chain = new ArrayList<>();
        // One export streams in file order; several are merged on disk into key order. The two
        // orders differ, so a checkpoint of one cannot resume the other.
        boolean streamed = plan.steps().size() == 1;
        chain.add("pitr:revert" + (settings.force ? "-forced" : "") + (streamed ? "-streamed" : ""));
        chain.addAll(plan.fingerprint());
        long resumeAt = 0;
        RevertReport.Counts saved = RevertReport.Counts.ZERO;
        if (!settings.dryRun) {
            session = new CheckpointSession(Objects.requireNonNull(settings.store), id, LeaseOwner.thisProcess(),
                    new CheckpointSession.Lease(settings.leaseTimeout, false, true), settings.clock,
                    new RestoreMetrics(new SimpleMeterRegistry()), RestoreListener.none());
            CheckpointSession.Start claimed = session.claim(plan, chain, target, () -> false, () -> stopRequested);
            Map<String, Checkpoint.FileProgress> files = session.checkpoint().files();
            resumeAt = lines(files, KEYS_DONE);
            saved = new RevertReport.Counts(lines(files, COUNTS[0]), lines(files, COUNTS[1]), lines(files, COUNTS[2]),
                    lines(files, COUNTS[3]), lines(files, COUNTS[4]));
            if (claimed == CheckpointSession.Start.COMPLETE) {
                session.release(chain.size(), files);
                return new RevertReport(id, RevertReport.Status.ALREADY_COMPLETE, target, tableName, windowStart,
                        plan.stateTime(), plan.steps().size(), plan.itemCount(), resumeAt, saved, settings.force, 0, 0,
                        startedAt, Duration.ofNanos(System.nanoTime() - start));
            }
            if (resumeAt > 0) {
                LOG.info("pitr revert {}: resuming after {} keys", id, resumeAt);
            }
        }
        TreeSet<byte[]> selected = null;
        if (settings.keys != null) {
            selected = new TreeSet<>(Arrays::compareUnsigned);
            for (Key k : settings.keys) {
                selected.add(StateKeys.of(k, schema));
            }
        }
        WindowState state = streamed ? null : new WindowState(stateDir, settings.readerThreads, settings.decodeOptions);
        boolean finished = false;
        Tally tally = new Tally(saved, meters);
        long keysDone = resumeAt;
        try {
            if (state != null) {
                int[] ingested = {0};
                state.ingest(plan, schema, () -> settings.listener.exportRead(ingested[0]++, plan.steps().size()));
            }
            long total = 0;
            long lastSave = System.nanoTime();
            long lastProgress = lastSave;
            List<Pending> batch = new ArrayList<>();
            int toRead = 0;
            settings.listener.started(resumeAt, saved);
            try (WindowChanges cursor = state != null ? state.cursor()
                    : new ExportStream(plan.steps().get(0), schema, settings.decodeOptions, resumeAt)) {
                boolean more = true;
                while (more) {
                    more = cursor.next();
                    if (more) {
                        total = cursor.position();
                        if (cursor.position() <= resumeAt) {
                            continue;
                        }
                        Pending p = new Pending(cursor.change(), cursor.position());
                        if (selected != null && !selected.contains(cursor.keyBytes())) {
                            p.result = Result.NOT_SELECTED;
                        } else if (same(p.change.oldImage(), p.change.newImage())) {
                            p.result = Result.UNCHANGED;
                        } else {
                            toRead++;
                        }
                        batch.add(p);
                    }
                    if (toRead == BATCH || batch.size() >= 10 * BATCH || (!more && !batch.isEmpty())) {
                        RuntimeException failure = null;
                        try {
                            decide(batch, table, sink);
                        } catch (RuntimeException e) {
                            failure = e;
                        }
                        keysDone = tally.add(batch, keysDone, settings.listener);
                        batch.clear();
                        toRead = 0;
                        if (failure != null) {
                            if (session != null) {
                                session.save(0, files(keysDone, tally.counts())); // what was decided before it
                            }
                            throw failure;
                        }
                        long now = System.nanoTime();
                        if (session != null && (now - lastSave >= settings.checkpointInterval.toNanos() || !more)) {
                            session.save(0, files(keysDone, tally.counts()));
                            lastSave = now;
                        }
                        if (now - lastProgress >= settings.progressInterval.toNanos()) {
                            lastProgress = now;
                            settings.listener.progress(new RevertListener.Progress(keysDone,
                                    more ? Math.max(total, cursor.keysTotal()) : total, tally.counts(),
                                    Duration.ofNanos(now - start)));
                        }
                        if (more && (stopRequested || Thread.currentThread().isInterrupted())) {
                            if (session != null) {
                                session.release(0, files(keysDone, tally.counts()));
                            }
                            throw new RestoreStoppedException("Revert " + id + " stopped after " + keysDone
                                    + " keys; checkpoint saved: run it again to resume");
                        }
                    }
                }
                total = Math.max(total, cursor.position()); // a stream resumed at its end walked nothing
            }
            if (session != null) {
                session.release(chain.size(), Map.of()); // complete: a rerun has nothing to do
            }
            finished = true;
            return new RevertReport(settings.dryRun ? null : id,
                    settings.dryRun ? RevertReport.Status.DRY_RUN : RevertReport.Status.COMPLETED, target, tableName,
                    windowStart, plan.stateTime(), plan.steps().size(), plan.itemCount(), total, tally.counts(),
                    settings.force, table.stats().capacityUnits() - readBefore,
                    (sink == null ? 0 : sink.capacityUnits()) - writeBefore, startedAt,
                    Duration.ofNanos(System.nanoTime() - start));
        } catch (RuntimeException e) {
            if (session != null && !(e instanceof RestoreStoppedException)) {
                session.releaseAfterFailure(e);
            }
            throw e;
        } finally {
            if (state != null && finished) {
                state.closeAndDelete();
            } else if (state != null) {
                state.close(); // kept: a rerun resumes from it
            }
        }
    }

    private static long lines(Map<String, Checkpoint.FileProgress> files, String name) {
        Checkpoint.FileProgress p = files.get(name);
        return p == null ? 0 : p.linesDone();
    }

    /**
     * The checkpoint's progress: keys decided (a watermark in the order keys are decided) and the
     * counts so far, kept as entries of the checkpoint's progress map, so a resumed run reports the whole revert.
     * A completed revert's checkpoint keeps none: a rerun reports that it is complete.
     */
    private static Map<String, Checkpoint.FileProgress> files(long keysDone, RevertReport.Counts c) {
        Map<String, Checkpoint.FileProgress> files = new HashMap<>();
        files.put(KEYS_DONE, new Checkpoint.FileProgress(keysDone, false));
        long[] values = {c.restored(), c.deleted(), c.unchanged(), c.conflicts(), c.notSelected()};
        for (int i = 0; i < COUNTS.length; i++) {
            files.put(COUNTS[i], new Checkpoint.FileProgress(values[i], false));
        }
        return files;
    }

    /** What became of one key. */
    private enum Result { RESTORED, DELETED, UNCHANGED, CONFLICT, NOT_SELECTED }

    /** A key to decide, and what became of it ({@code null} while undecided, or after a failure). */
    private static final class Pending {
        final Change change;
        final long position;
        @Nullable Result result;

        Pending(Change change, long position) {
            this.change = change;
            this.position = position;
        }
    }

    /** Counts, kept by the reverting thread only. */
    private static final class Tally {
        long restored;
        long deleted;
        long unchanged;
        long conflicts;
        long notSelected;
        private final Map<Result, io.micrometer.core.instrument.Counter> meters;

        Tally(RevertReport.Counts saved, Map<Result, io.micrometer.core.instrument.Counter> meters) {
            this.meters = meters;
            restored = saved.restored();
            deleted = saved.deleted();
            unchanged = saved.unchanged();
            conflicts = saved.conflicts();
            notSelected = saved.notSelected();
        }

        /**
         * Counts the batch's keys in the order decided, up to the first one not decided (a failure),
         * tells the listener of conflicts, and returns the position of the last key counted.
         */
        long add(List<Pending> batch, long keysDone, RevertListener listener) {
            long done = keysDone;
            for (Pending p : batch) {
                if (p.result == null) {
                    break;
                }
                meters.get(p.result).increment();
                switch (p.result) {
                    case RESTORED -> restored++;
                    case DELETED -> deleted++;
                    case UNCHANGED -> unchanged++;
                    case CONFLICT -> {
                        conflicts++;
                        listener.conflict(p.change.key());
                    }
                    case NOT_SELECTED -> notSelected++;
                }
                done = p.position;
            }
            return done;
        }

        RevertReport.Counts counts() {
            return new RevertReport.Counts(restored, deleted, unchanged, conflicts, notSelected);
        }
    }

    /**
     * Decides the undecided keys of one batch: reads the current items, writes where they still
     * hold the window's end state. A failure leaves the keys it reached undecided.
     */
    private void decide(List<Pending> batch, TableReader table, @Nullable ConditionalSink sink) {
        List<Pending> open = batch.stream().filter(p -> p.result == null).toList();
        if (open.isEmpty()) {
            return;
        }
        if (settings.force) {
            write(open, Objects.requireNonNull(sink));
            return;
        }
        Map<Key, Item> current = table.get(open.stream().map(p -> p.change.key()).toList());
        List<Pending> toWrite = new ArrayList<>();
        for (Pending p : open) {
            Item now = current.get(p.change.key());
            if (same(now, p.change.oldImage())) {
                p.result = Result.UNCHANGED;
            } else if (!same(now, p.change.newImage())) {
                p.result = Result.CONFLICT;
            } else if (settings.dryRun) {
                p.result = written(p);
            } else {
                toWrite.add(p);
            }
        }
        if (!toWrite.isEmpty()) {
            write(toWrite, Objects.requireNonNull(sink));
        }
    }

    /** Writes each key's target on its condition; waits for all, and throws the first failure. */
    private void write(List<Pending> pending, ConditionalSink sink) {
        List<CompletableFuture<Outcome>> futures = new ArrayList<>(pending.size());
        for (Pending p : pending) {
            Change c = p.change;
            Condition condition = settings.force ? new Condition.None()
                    : c.newImage() == null ? new Condition.Absent() : new Condition.Equals(c.newImage());
            futures.add(sink.write(new ConditionalSink.Write(c.key(), c.oldImage(), condition, c.origin().toString())));
        }
        RuntimeException failure = null;
        for (int i = 0; i < pending.size(); i++) {
            Pending p = pending.get(i);
            Outcome outcome;
            try {
                outcome = futures.get(i).join();
            } catch (CompletionException e) {
                if (failure == null) {
                    failure = e.getCause() instanceof RuntimeException r ? r : e;
                }
                continue;
            }
            if (outcome instanceof Outcome.Written) {
                p.result = written(p);
            } else if (outcome instanceof Outcome.ConditionFailed failed && same(failed.current(), p.change.oldImage())) {
                p.result = Result.UNCHANGED; // reverted meanwhile (by hand, or another run)
            } else {
                p.result = Result.CONFLICT;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static Result written(Pending p) {
        return p.change.oldImage() == null ? Result.DELETED : Result.RESTORED;
    }

    private static boolean same(@Nullable Item a, @Nullable Item b) {
        return a == null ? b == null : b != null && SameValue.items(a, b);
    }

    /** Stops a running revert (it saves a checkpoint and throws {@link RestoreStoppedException}); idempotent. */
    @Override
    public void close() {
        stopRequested = true;
    }

    /** Builds a {@link PitrReverter}; every setter checks its value at once. */
    public static final class Builder {
        private final List<ExportSource> sources = new ArrayList<>();
        private @Nullable TableReader table;
        private @Nullable ConditionalSink sink;
        private @Nullable CheckpointStore store;
        private @Nullable String revertId;
        private @Nullable List<Key> keys;
        private boolean dryRun;
        private boolean force;
        private @Nullable Path stateDirectory;
        private int readerThreads = 4;
        private DecodeOptions decodeOptions = DecodeOptions.defaults();
        private RevertListener listener = new RevertListener() {
        };
        private Duration progressInterval = Duration.ofSeconds(10);
        private Duration checkpointInterval = Duration.ofSeconds(10);
        private Duration leaseTimeout = Duration.ofSeconds(60);
        private Clock clock = Clock.systemUTC();
        private io.micrometer.core.instrument.@Nullable MeterRegistry meterRegistry;

        private Builder() {
        }

        /**
         * Where the meter {@code pitr.revert.keys} (tag {@code outcome}: restored, deleted,
         * unchanged, conflict, not_selected) goes. Default: a registry of the reverter's own.
         */
        public Builder meterRegistry(io.micrometer.core.instrument.MeterRegistry registry) {
            this.meterRegistry = Objects.requireNonNull(registry, "meterRegistry");
            return this;
        }

        /** Adds an export of the window, in any order: INCREMENTAL, with {@code NEW_AND_OLD_IMAGES}. */
        public Builder export(ExportSource source) {
            sources.add(Objects.requireNonNull(source, "source"));
            return this;
        }

        /** Adds exports of the window, in any order. */
        public Builder exports(List<? extends ExportSource> list) {
            list.forEach(this::export);
            return this;
        }

        /** Reads the current items (by key); set it to consistent reads. Required. */
        public Builder table(TableReader reader) {
            this.table = Objects.requireNonNull(reader, "table");
            return this;
        }

        /** Writes the targets, each on its condition. Required unless a dry run; the caller closes it. */
        public Builder sink(ConditionalSink sink) {
            this.sink = Objects.requireNonNull(sink, "sink");
            return this;
        }

        /** Where progress is saved, so a rerun resumes. Required unless a dry run. */
        public Builder checkpointStore(CheckpointStore store) {
            this.store = Objects.requireNonNull(store, "checkpointStore");
            return this;
        }

        /**
         * The id checkpoints are saved under. Default: {@code revert-<first export id>-to-<table>-<hash>},
         * so the same revert resumes.
         */
        public Builder revertId(String id) {
            this.revertId = dev.pitr.checkpoint.CheckpointCodec.checkRestoreId(id);
            return this;
        }

        /** Reverts only these keys (others the window changed are counted as not selected). */
        public Builder keys(List<Key> keys) {
            this.keys = List.copyOf(keys);
            return this;
        }

        /** Reads and decides, writes nothing and saves no checkpoint. */
        public Builder dryRun(boolean dryRun) {
            this.dryRun = dryRun;
            return this;
        }

        /** Writes every target unconditionally, reading nothing: later writes to those keys are lost. */
        public Builder force(boolean force) {
            this.force = force;
            return this;
        }

        /**
         * Where the state of a window of several exports is built (removed when the revert
         * completes, kept when it stops); a window of one export needs none. Default:
         * {@code <java.io.tmpdir>/pitr-state/<revert id>}.
         */
        public Builder stateDirectory(Path directory) {
            this.stateDirectory = Objects.requireNonNull(directory, "stateDirectory");
            return this;
        }

        /**
         * Data files read in parallel inside one export while a window of several exports is read
         * into its state (one export streams its files one after another). Default 4.
         */
        public Builder readerThreads(int n) {
            this.readerThreads = Check.inRange("readerThreads", n, 1, 256);
            return this;
        }

        /** How data files are read. */
        public Builder decodeOptions(DecodeOptions options) {
            this.decodeOptions = Objects.requireNonNull(options, "decodeOptions");
            return this;
        }

        /** Hears progress and each conflict. */
        public Builder listener(RevertListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** How often the listener hears progress. Default 10 s. */
        public Builder progressInterval(Duration d) {
            this.progressInterval = Check.positive("progressInterval", d);
            return this;
        }

        /** How often progress is saved at least. Default 10 s. */
        public Builder checkpointInterval(Duration d) {
            this.checkpointInterval = Check.positive("checkpointInterval", d);
            return this;
        }

        /** How long a run's hold on the revert id lasts without a save. Default 60 s. */
        public Builder leaseTimeout(Duration d) {
            this.leaseTimeout = Check.positive("leaseTimeout", d);
            return this;
        }

        /** The clock checkpoints and the report take their times from. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * A reverter.
         *
         * @throws IllegalStateException when a required setting is missing, or force and dry run are both set
         */
        public PitrReverter build() {
            if (sources.isEmpty()) {
                throw new IllegalStateException("add the INCREMENTAL exports of the window (export or exports)");
            }
            if (table == null) {
                throw new IllegalStateException("set the table reader (table), for example a DynamoDbTableReader");
            }
            if (force && dryRun) {
                throw new IllegalStateException("force writes without reading and dryRun writes nothing: choose one");
            }
            if (!dryRun && sink == null) {
                throw new IllegalStateException("set the sink the targets are written through (sink), for example a"
                        + " DynamoDbConditionalSink");
            }
            if (!dryRun && store == null) {
                throw new IllegalStateException("set a checkpoint store (checkpointStore), so a rerun resumes");
            }
            return new PitrReverter(this);
        }
    }
}
