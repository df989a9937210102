package dev.pitr.verify;

import dev.pitr.PitrException;
import dev.pitr.decode.DecodeOptions;
import dev.pitr.internal.Check;
import dev.pitr.manifest.ExportDescriptor;
import dev.pitr.manifest.ManifestReader;
import dev.pitr.model.Item;
import dev.pitr.model.Key;
import dev.pitr.model.KeySchema;
import dev.pitr.model.Origin;
import dev.pitr.model.WriteOp;
import dev.pitr.plan.ChainPlanner;
import dev.pitr.plan.RestorePlan;
import dev.pitr.source.ExportSource;
import dev.pitr.state.ChainState;
import dev.pitr.state.internal.StateKeys;
import dev.pitr.verify.VerifyListener.Difference;
import dev.pitr.verify.VerifyListener.Kind;
import dev.pitr.verify.VerifyListener.Phase;
import dev.pitr.verify.internal.Sample;
import dev.pitr.verify.internal.StateDiff;
import dev.pitr.verify.internal.TableDigests;
import dev.pitr.write.ItemSink;
import dev.pitr.write.WriteOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Proves that a table holds a chain's state, lists the keys that differ, and (when given a sink)
 * repairs them.
 *
 * <pre>{@code
 * VerifyReport report = PitrVerifier.builder()
 *         .exports(sources)                        // the chain, in any order
 *         .table(DynamoDbTableReader.builder().client(client).tableName("orders").build())
 *         .build().run();
 * System.out.println(report.summary());            // verify orders: 1000 items checked, missing 0, ...
 * }</pre>
 *
 * <p>A verify builds the chain's final state on disk ({@link ChainState}: resumable, removed
 * once the verify completes), reads the whole table once through the {@link TableReader} (a
 * parallel segmented scan under a read-capacity ceiling), keeping of each item only its key and a
 * 128-bit {@link ItemDigest}, then walks both in key order in one pass. Memory stays flat
 * whatever the table's size; the disk taken is near the chain's compressed size plus about 40
 * bytes a table item. Values are compared as DynamoDB compares them ({@link SameValue}).
 *
 * <p>With {@link Builder#sample(double)}, only a deterministic fraction of the keys is checked,
 * and those are read from the table by key (BatchGetItem) instead of a scan: a drill on a huge
 * table costs that fraction of its reads. A sample finds an extra item only under a key the chain
 * holds or deleted.
 *
 * <p>With {@link Builder#repair(ItemSink)}, every difference is written through the sink as it is
 * found (a put of the chain's item for a missing or different key, a delete for an extra one),
 * then the table is read and compared again and the report says what that check found. A repair
 * stopped midway is finished by running the verify again: it finds what is still different.
 */
public final class PitrVerifier implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PitrVerifier.class);
    private static final int GET_BATCH = 100;

    private final Builder settings;
    private final AtomicBoolean ran = new AtomicBoolean();
    private volatile boolean stopRequested;
    private volatile Phase phase = Phase.BUILDING_STATE;
    private final LongAdder checked = new LongAdder();
    private final LongAdder differences = new LongAdder();
    private final Counter checkedMeter;
    private final Map<Kind, Counter> differenceMeters = new EnumMap<>(Kind.class);
    private long startNanos;

    private PitrVerifier(Builder settings) {
        this.settings = settings;
        MeterRegistry registry = settings.meterRegistry != null ? settings.meterRegistry : new SimpleMeterRegistry();
        this.checkedMeter = Counter.builder("pitr.verify.keys.checked").description("Keys compared")
                .register(registry);
        for (Kind kind : Kind.values()) {
            differenceMeters.put(kind, Counter.builder("pitr.verify.differences").tag("kind", kind.label())
                    .description("Keys that differ").register(registry));
        }
    }

    /** A builder; {@link Builder#table} and one export are required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads every export's manifests and validates the chain, reading nothing else.
     *
     * @throws dev.pitr.plan.ChainException when the exports do not form a chain
     */
    public RestorePlan plan() {
        List<RestorePlan.Step> steps = settings.sources.stream()
                .map(s -> new RestorePlan.Step(s, ManifestReader.read(s))).toList();
        return new ChainPlanner().allowGaps(settings.allowGaps).until(settings.until).plan(steps);
    }

    /**
     * Builds the chain's state, reads the table, compares them (and repairs, when asked).
     * Blocks until done; {@link #close()} from another thread or an interrupt stops it and it
     * throws {@link VerifyStoppedException}.
     *
     * @throws dev.pitr.plan.ChainException when the exports do not form a chain (nothing read or written)
     * @throws PitrException                for bad input, a failed read or write
     */
    public VerifyReport run() {
        if (ran.getAndSet(true)) {
            throw new IllegalStateException("run() may be called once; build another PitrVerifier to run again");
        }
        Instant startedAt = settings.clock.instant();
        startNanos = System.nanoTime();
        RestorePlan plan = plan();
        settings.listener.planned(plan);
        KeySchema schema = settings.table.open();
        String target = Objects.requireNonNullElse(settings.table.target(), "table");
        String tableName = target.substring(Math.max(target.lastIndexOf('/'), target.lastIndexOf(':')) + 1);
        Path stateDir = settings.stateDirectory != null ? settings.stateDirectory
                : Path.of(System.getProperty("java.io.tmpdir"), "pitr-state",
                "verify-" + plan.steps().get(0).export().exportId());
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "pitr-verify-progress");
            t.setDaemon(true);
            return t;
        });
        long interval = settings.progressInterval.toMillis();
        ticker.scheduleAtFixedRate(this::reportProgress, interval, interval, TimeUnit.MILLISECONDS);
        ChainState state = ChainState.builder().directory(stateDir).readerThreads(settings.readerThreads)
                .decodeOptions(settings.decodeOptions).listener(new ChainState.Listener() {
                    @Override
                    public void exportIngested(ExportDescriptor export, int index, int count, long records) {
                        tell(l -> l.stateExportIngested(export, index, count, records));
                    }

                    @Override
                    public void resumed(int exports, int count) {
                        tell(l -> l.stateResumed(exports, count));
                    }
                }).build();
        boolean done = false;
        try {
            state.ingest(plan, schema);
            stopIfAsked();
            reportProgress();
            Path tableDir = stateDir.resolveSibling(stateDir.getFileName() + "-table");
            Repairer repairer = settings.repairSink == null ? null : new Repairer(settings.repairSink);
            Pass first = pass(1, state, schema, tableDir, repairer);
            VerifyReport.Repair repair = null;
            if (repairer != null) {
                VerifyReport.Counts after = first.counts;
                if (!first.counts.equal()) {
                    repairer.sink.flush();
                    after = pass(2, state, schema, tableDir, null).counts;
                }
                repair = new VerifyReport.Repair(repairer.puts.sum(), repairer.deletes.sum(), repairer.skipped.sum(),
                        after);
            }
            done = true;
            return new VerifyReport(target, tableName, plan.stateTime(), plan.steps().size(), plan.itemCount(),
                    plan.gaps(), settings.sample, startedAt, Duration.ofNanos(System.nanoTime() - startNanos),
                    first.counts, settings.table.stats(), first.stateFingerprint, first.tableFingerprint, repair);
        } finally {
            ticker.shutdownNow();
            if (done) {
                state.closeAndDelete();
            } else {
                state.close(); // kept: a rerun resumes building it
            }
        }
    }

    private record Pass(VerifyReport.Counts counts, @Nullable String stateFingerprint,
                        @Nullable String tableFingerprint) {
    }

    private Pass pass(int pass, ChainState state, KeySchema schema, Path tableDir, @Nullable Repairer repairer) {
        checked.reset();
        differences.reset();
        phase = pass == 1 ? Phase.READING_TABLE : Phase.CHECKING_REPAIR;
        Pass result = settings.sample < 1 ? sampled(pass, state, schema, repairer)
                : scanned(pass, state, schema, tableDir, repairer);
        stopIfAsked();
        reportProgress();
        LOG.info("pitr verify: pass {}: {}", pass, result.counts);
        return result;
    }

    /** The whole table: scanned into digests on disk, then one merge pass with the state. */
    private Pass scanned(int pass, ChainState state, KeySchema schema, Path tableDir, @Nullable Repairer repairer) {
        try (TableDigests digests = new TableDigests(tableDir)) {
            try {
                settings.table.scan(item -> {
                    if (stopRequested) {
                        throw new VerifyStoppedException("verify stopped while reading the table");
                    }
                    digests.put(StateKeys.of(schema.keyOf(item), schema), ItemDigest.of(item));
                });
            } catch (RuntimeException e) {
                stopIfAsked();
                throw e;
            }
            digests.seal();
            if (pass == 1) {
                phase = Phase.COMPARING;
            }
            StateDiff.Result r = StateDiff.compare(state, digests, schema, new StateDiff.Listener() {
                @Override
                public void missing(Key key, Item expected) {
                    found(Kind.MISSING, key, pass, repairer, expected);
                }

                @Override
                public void extra(Key key) {
                    found(Kind.EXTRA, key, pass, repairer, null);
                }

                @Override
                public void different(Key key, Item expected) {
                    found(Kind.DIFFERENT, key, pass, repairer, expected);
                }

                @Override
                public void checked() {
                    checked.increment();
                    checkedMeter.increment();
                }
            }, () -> stopRequested);
            return new Pass(r.counts(), r.stateFingerprint(), r.tableFingerprint());
        }
    }

    /** The sampled keys of the state, read from the table by key, batches in parallel. */
    private Pass sampled(int pass, ChainState state, KeySchema schema, @Nullable Repairer repairer) {
        Sample sample = new Sample(settings.sample);
        LongAdder missing = new LongAdder();
        LongAdder extra = new LongAdder();
        LongAdder different = new LongAdder();
        ExecutorService pool = Executors.newFixedThreadPool(settings.parallelReads, r -> {
            Thread t = new Thread(r, "pitr-verify-get");
            t.setDaemon(true);
            return t;
        });
        Semaphore inFlight = new Semaphore(settings.parallelReads * 2);
        List<Future<?>> futures = new ArrayList<>();
        try (ChainState.StateCursor cursor = state.cursor()) {
            List<Probe> batch = new ArrayList<>(GET_BATCH);
            boolean more = true;
            while (more) {
                more = cursor.next();
                if (more && sample.includes(cursor.keyBytes())) {
                    Item expected = cursor.item();
                    batch.add(new Probe(cursor.key(schema), expected, expected == null ? null : ItemDigest.of(expected)));
                }
                if (batch.size() == GET_BATCH || (!more && !batch.isEmpty())) {
                    stopIfAsked();
                    List<Probe> probes = batch;
                    batch = new ArrayList<>(GET_BATCH);
                    inFlight.acquire();
                    futures.removeIf(Future::isDone);
                    futures.add(pool.submit(() -> {
                        try {
                            Map<Key, Item> got = settings.table.get(probes.stream().map(Probe::key).toList());
                            for (Probe p : probes) {
                                Item actual = got.get(p.key);
                                if (p.expected == null && actual == null) {
                                    continue;
                                }
                                checked.increment();
                                checkedMeter.increment();
                                if (actual == null) {
                                    missing.increment();
                                    found(Kind.MISSING, p.key, pass, repairer, p.expected);
                                } else if (p.expected == null) {
                                    extra.increment();
                                    found(Kind.EXTRA, p.key, pass, repairer, null);
                                } else if (!Arrays.equals(p.digest, ItemDigest.of(actual))) {
                                    different.increment();
                                    found(Kind.DIFFERENT, p.key, pass, repairer, p.expected);
                                }
                            }
                            return null;
                        } finally {
                            inFlight.release();
                        }
                    }));
                }
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VerifyStoppedException("verify interrupted while reading the table");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof RuntimeException r ? r : new PitrException("Cannot read the table: " + cause, cause);
        } finally {
            pool.shutdownNow();
        }
        return new Pass(new VerifyReport.Counts(checked.sum(), missing.sum(), extra.sum(), different.sum()), null,
                null);
    }

    private record Probe(Key key, @Nullable Item expected, byte @Nullable [] digest) {
    }

    private void found(Kind kind, Key key, int pass, @Nullable Repairer repairer, @Nullable Item expected) {
        differences.increment();
        differenceMeters.get(kind).increment();
        tell(l -> l.difference(new Difference(kind, key, pass)));
        if (repairer != null) {
            repairer.repair(kind, key, expected);
        }
    }

    /** Writes what differs through the sink, counting what it wrote and set aside. */
    private static final class Repairer {
        final ItemSink sink;
        final LongAdder puts = new LongAdder();
        final LongAdder deletes = new LongAdder();
        final LongAdder skipped = new LongAdder();
        final LongAdder sequence = new LongAdder();

        Repairer(ItemSink sink) {
            this.sink = sink;
        }

        void repair(Kind kind, Key key, @Nullable Item expected) {
            sequence.increment();
            Origin origin = new Origin("verify repair", sequence.sum());
            WriteOp op = kind == Kind.EXTRA ? new WriteOp.Delete(key, origin, 0)
                    : new WriteOp.Put(Objects.requireNonNull(expected, "expected"), origin, 0);
            LongAdder written = kind == Kind.EXTRA ? deletes : puts;
            sink.write(op).thenAccept(outcome -> (outcome == WriteOutcome.SKIPPED ? skipped : written).increment());
        }
    }

    private synchronized void tell(java.util.function.Consumer<VerifyListener> call) {
        call.accept(settings.listener);
    }

    private void reportProgress() {
        TableReader.ReadStats read = settings.table.stats();
        VerifyListener.Progress p = new VerifyListener.Progress(phase, read.items(), read.capacityUnits(),
                checked.sum(), differences.sum(), Duration.ofNanos(System.nanoTime() - startNanos));
        tell(l -> l.progress(p));
    }

    private void stopIfAsked() {
        if (stopRequested || Thread.currentThread().isInterrupted()) {
            throw new VerifyStoppedException("verify stopped; the chain's state built so far is kept, and a rerun"
                    + " resumes building it");
        }
    }

    /** Stops a running verify (it throws {@link VerifyStoppedException}); idempotent. */
    @Override
    public void close() {
        stopRequested = true;
    }

    /** Builds a {@link PitrVerifier}; every setter checks its value at once. */
    public static final class Builder {
        private final List<ExportSource> sources = new ArrayList<>();
        private @Nullable TableReader table;
        private @Nullable ItemSink repairSink;
        private @Nullable Instant until;
        private boolean allowGaps;
        private @Nullable Path stateDirectory;
        private int readerThreads = 4;
        private int parallelReads = 4;
        private double sample = 1;
        private DecodeOptions decodeOptions = DecodeOptions.defaults();
        private VerifyListener listener = new VerifyListener() {
        };
        private Duration progressInterval = Duration.ofSeconds(10);
        private @Nullable MeterRegistry meterRegistry;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** Adds an export of the chain; exports may be added in any order. */
        public Builder export(ExportSource source) {
            sources.add(Objects.requireNonNull(source, "source"));
            return this;
        }

        /** Adds exports of the chain, in any order. */
        public Builder exports(List<? extends ExportSource> list) {
            list.forEach(this::export);
            return this;
        }

        /** The table to verify, for example pitr-dynamodb's {@code DynamoDbTableReader}. Required. */
        public Builder table(TableReader reader) {
            this.table = Objects.requireNonNull(reader, "table");
            return this;
        }

        /**
         * Repairs what differs through {@code sink} (rate limit, retries and failure policy as for
         * a restore), then verifies again. The sink must write to the table being read; it is the
         * caller's and is never closed by the verifier.
         */
        public Builder repair(ItemSink sink) {
            this.repairSink = Objects.requireNonNull(sink, "repair sink");
            return this;
        }

        /** Verifies against the state at {@code time}, an export boundary of the chain. */
        public Builder until(Instant time) {
            this.until = Objects.requireNonNull(time, "until");
            return this;
        }

        /** Accepts a chain with gaps (as a restore with {@code allowGaps} applied it). */
        public Builder allowGaps(boolean allow) {
            this.allowGaps = allow;
            return this;
        }

        /**
         * Where the chain's state is built (disk near the chain's compressed size; kept if the
         * verify stops, so a rerun resumes, and removed when it completes). The table's digests go
         * in a sibling folder named {@code <name>-table}. Default:
         * {@code <java.io.tmpdir>/pitr-state/verify-<first export id>}.
         */
        public Builder stateDirectory(Path directory) {
            this.stateDirectory = Objects.requireNonNull(directory, "stateDirectory");
            return this;
        }

        /** Data files read in parallel inside one export while the state is built. Default 4. */
        public Builder readerThreads(int n) {
            this.readerThreads = Check.inRange("readerThreads", n, 1, 256);
            return this;
        }

        /** Batches of keys read from the table at once in a sampled verify. Default 4. */
        public Builder parallelReads(int n) {
            this.parallelReads = Check.inRange("parallelReads", n, 1, 256);
            return this;
        }

        /**
         * Checks only this fraction of the keys, chosen by key hash (the same keys every run), read
         * by key instead of scanning the table. Default 1: every key, with a scan.
         *
         * @throws IllegalArgumentException unless {@code 0 < fraction <= 1}
         */
        public Builder sample(double fraction) {
            if (!(fraction > 0 && fraction <= 1)) {
                throw new IllegalArgumentException("sample must be a fraction in (0, 1], for example 0.01 for 1 %, got "
                        + fraction);
            }
            this.sample = fraction;
            return this;
        }

        /** How data files are read. */
        public Builder decodeOptions(DecodeOptions options) {
            this.decodeOptions = Objects.requireNonNull(options, "decodeOptions");
            return this;
        }

        /** Hears the verify's progress and each difference. */
        public Builder listener(VerifyListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** How often {@link VerifyListener#progress} hears from a running verify. Default 10 s. */
        public Builder progressInterval(Duration d) {
            this.progressInterval = Check.positive("progressInterval", d);
            return this;
        }

        /** Where the {@code pitr.verify.*} meters go. Default: a registry of the verifier's own. */
        public Builder meterRegistry(MeterRegistry registry) {
            this.meterRegistry = Objects.requireNonNull(registry, "meterRegistry");
            return this;
        }

        /** The clock the report's start time comes from. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * A verifier.
         *
         * @throws IllegalStateException when no export or no table is set
         */
        public PitrVerifier build() {
            if (sources.isEmpty()) {
                throw new IllegalStateException("add at least one export (export or exports)");
            }
            if (table == null) {
                throw new IllegalStateException("set the table to verify (table), for example a DynamoDbTableReader");
            }
            return new PitrVerifier(this);
        }
    }
}
