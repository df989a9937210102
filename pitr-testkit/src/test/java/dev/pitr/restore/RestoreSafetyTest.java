package dev.pitr.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pitr.PitrException;
import dev.pitr.PitrRestorer;
import dev.pitr.PitrRestorerBuilder;
import dev.pitr.RestoreListener;
import dev.pitr.RestoreReport;
import dev.pitr.TargetNotEmptyException;
import dev.pitr.checkpoint.Checkpoint;
import dev.pitr.checkpoint.CheckpointConflictException;
import dev.pitr.checkpoint.CheckpointPolicy;
import dev.pitr.checkpoint.CheckpointStore;
import dev.pitr.checkpoint.FileCheckpointStore;
import dev.pitr.checkpoint.InMemoryCheckpointStore;
import dev.pitr.internal.LeaseOwner;
import dev.pitr.manifest.OutputFormat;
import dev.pitr.model.AttributeValue;
import dev.pitr.model.Item;
import dev.pitr.model.KeySchema;
import dev.pitr.plan.ChainException;
import dev.pitr.plan.RestorePlan;
import dev.pitr.testing.Changes;
import dev.pitr.testing.ExportGenerator;
import dev.pitr.testing.GeneratedChain;
import dev.pitr.testing.GeneratedExport;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * What keeps a restore from silently giving a wrong table: chains with overlaps and gaps, a
 * target that is not empty, an until time behind the checkpoint, leases held by runs that died,
 * and failures of the checkpoint store while readers still run.
 */
class RestoreSafetyTest extends RestorerTestBase {

    private ExportGenerator generator() {
        return ExportGenerator.builder().bucketRoot(dir.resolve("bucket")).prefix("exports").keySchema(SCHEMA)
                .format(OutputFormat.DYNAMODB_JSON).filesPerExport(4).seed(11).build();
    }

    private static PitrRestorerBuilder restorer(List<GeneratedExport> exports) {
        PitrRestorerBuilder b = PitrRestorer.builder().checkpointStore(new InMemoryCheckpointStore());
        exports.forEach(e -> b.export(e.source()));
        return b;
    }

    private static List<String> arns(List<GeneratedExport> exports) {
        return exports.stream().map(GeneratedExport::exportArn).toList();
    }

    @Test
    void plan_fullOffTheGrid_thenAnOverlappingWindow_isAcceptedAndShowsTheOverlap() {
        ExportGenerator g = generator();
        Instant fullTime = T0.plusMillis(50_622); // a FULL export at any instant, windows on the grid
        GeneratedExport full = g.full(200, fullTime);
        GeneratedExport overlapping = g.incremental(T0.minus(WINDOW), T0.plus(WINDOW), Changes.of(20, 10, 10, 0));
        GeneratedExport next = g.incremental(T0.plus(WINDOW), T0.plus(WINDOW.multipliedBy(2)), Changes.of(5, 5, 5, 0));
        MapItemSink sink = sink();

        RestoreReport report = restorer(List.of(next, full, overlapping)).sink(sink).build().run();

        assertThat(sink.table).isEqualTo(g.expectedState());
        assertThat(report.isExactState()).isTrue();
        assertThat(report.exports()).extracting(RestoreReport.ExportReport::exportId)
                .containsExactly(full.exportId(), overlapping.exportId(), next.exportId());
        RestorePlan plan = restorer(List.of(full, overlapping, next)).sink(sink).build().plan();
        assertThat(plan.seams()).singleElement().satisfies(s -> {
            assertThat(s.isOverlap()).isTrue();
            assertThat(s.length()).isEqualTo(Duration.ofMillis(WINDOW.toMillis() + 50_622));
        });
        assertThat(plan.gaps()).isEmpty();
    }

    @Test
    void plan_gapAfterAnOffGridFull_isRefusedWithItsLengthAndBothRemedies() {
        ExportGenerator g = generator();
        Instant fullTime = T0.minusSeconds(69).minusMillis(378); // 23:58:50.622, as the real sample
        GeneratedExport full = g.full(50, fullTime);
        GeneratedExport inc = g.incremental(T0, T0.plus(WINDOW), Changes.of(5, 5, 5, 0));
        MapItemSink sink = sink();

        assertThatThrownBy(() -> restorer(List.of(full, inc)).sink(sink).build().run())
                .isInstanceOf(ChainException.class)
                .hasMessageContaining("Gap in the chain").hasMessageContaining("1 min 09")
                .hasMessageContaining("starts at or before " + fullTime)
                .hasMessageContaining("for example " + T0.minus(WINDOW) + " to " + T0)
                .hasMessageContaining("FULL export at " + T0).hasMessageContaining("--allow-gap");
        assertThat(sink.written()).isZero();
    }

    @Test
    void run_withAllowedGap_appliesTheChainAndTheReportNamesTheGap() {
        ExportGenerator g = generator();
        GeneratedExport full = g.full(50, T0.minusSeconds(69));
        GeneratedExport inc = g.incremental(T0, T0.plus(WINDOW), Changes.of(5, 5, 5, 0));
        MapItemSink sink = sink();

        RestoreReport report = restorer(List.of(inc, full)).sink(sink).allowGaps(true).build().run();

        assertThat(sink.table).isEqualTo(g.expectedState());
        assertThat(report.isExactState()).isFalse();
        assertThat(report.gaps()).singleElement().satisfies(gap -> {
            assertThat(gap.reached()).isEqualTo(T0.minusSeconds(69));
            assertThat(gap.from()).isEqualTo(T0);
        });
        assertThat(report.summary()).contains("not exactly the state of").contains("may be missing");
        assertThat(report.toJson()).contains("\"exactState\" : false").contains("\"millis\" : 69000");
    }

    @Test
    void run_fullExportOntoATableThatHoldsItems_isRefusedBeforeAnyWriteOrCheckpoint() {
        ExportGenerator g = generator();
        GeneratedExport full = g.full(30, T0);
        MapItemSink sink = sink();
        Item stranger = new Item(Map.of("pk", new AttributeValue.S("not-in-the-export"), "sk", new AttributeValue.N("1")));
        sink.table.put(stranger.keyFor(SCHEMA), stranger);
        InMemoryCheckpointStore store = new InMemoryCheckpointStore();

        assertThatThrownBy(() -> restorer(List.of(full)).sink(sink).checkpointStore(store).restoreId("r").build().run())
                .isInstanceOf(TargetNotEmptyException.class).hasMessageContaining("--allow-nonempty")
                .hasMessageContaining("Nothing was written");
        assertThat(sink.written()).isZero();
        assertThat(store.load("r")).as("no checkpoint, so a rerun checks again").isEmpty();

        RestoreReport report = restorer(List.of(full)).sink(sink).checkpointStore(store).restoreId("r")
                .allowNonEmptyTarget(true).build().run();
        assertThat(sink.table).hasSize(31).containsKey(stranger.keyFor(SCHEMA));
        assertThat(report.targetHadItems()).isTrue();
        assertThat(report.isExactState()).isFalse();
        assertThat(report.summary()).contains("were left as they were");
    }

    @Test
    void run_incrementalsOntoATableThatHoldsItems_areApplied() {
        ExportGenerator g = generator();
        GeneratedExport full = g.full(30, T0);
        GeneratedExport inc = g.incremental(T0, T0.plus(WINDOW), Changes.of(5, 5, 5, 0));
        MapItemSink sink = sink();
        restorer(List.of(full)).sink(sink).build().run();

        RestoreReport report = restorer(List.of(inc)).sink(sink).build().run();

        assertThat(sink.table).isEqualTo(g.expectedState());
        assertThat(report.isExactState()).isTrue();
    }

    @Test
    void run_untilBeforeAnExportThatARunHadStarted_isRefused() {
        ExportGenerator g = generator();
        GeneratedChain chain = g.chain(100, T0, WINDOW, Changes.of(5, 5, 5, 0), Changes.of(5, 5, 5, 0));
        CheckpointStore store = new InMemoryCheckpointStore();
        // A run without --until applied the FULL export and the first window and had started the second.
        store.save(new Checkpoint("r", arns(chain.exports()), null, 2,
                Map.of("some/file.json.gz", new Checkpoint.FileProgress(3, false)), null, Instant.now()), null);
        MapItemSink sink = sink();

        assertThatThrownBy(() -> restorer(chain.exports()).sink(sink).checkpointStore(store).restoreId("r")
                .until(T0.plus(WINDOW)).build().run())
                .isInstanceOf(CheckpointConflictException.class).hasMessageContaining("past the 2 of this chain")
                .hasMessageContaining("no longer holds the state of " + T0.plus(WINDOW));
        assertThat(sink.written()).isZero();
    }

    @Test
    void run_untilTheBoundaryACheckpointReachedExactly_isComplete() {
        ExportGenerator g = generator();
        GeneratedChain chain = g.chain(100, T0, WINDOW, Changes.of(5, 5, 5, 0), Changes.of(5, 5, 5, 0));
        CheckpointStore store = new InMemoryCheckpointStore();
        store.save(new Checkpoint("r", arns(chain.exports()), null, 2, Map.of(), null, Instant.now()), null);

        RestoreReport report = restorer(chain.exports()).sink(sink()).checkpointStore(store).restoreId("r")
                .until(T0.plus(WINDOW)).build().run();

        assertThat(report.status()).isEqualTo(RestoreReport.Status.ALREADY_COMPLETE);
    }

    @Test
    void run_leaseOfARunWhoseProcessIsGoneFromThisHost_isTakenOverAtOnce() throws Exception {
        ExportGenerator g = generator();
        GeneratedExport full = g.full(40, T0);
        Process dead = new ProcessBuilder("java", "-version").redirectErrorStream(true).start();
        long start = dead.info().startInstant().map(Instant::toEpochMilli).orElse(-1L);
        dead.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        assertThat(dead.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String holder = new LeaseOwner("crashed-run", dead.pid(), start, LeaseOwner.thisProcess().host()).encode();
        CheckpointStore store = new InMemoryCheckpointStore();
        store.save(new Checkpoint("r", arns(List.of(full)), null, 0, Map.of(), holder, Instant.now()), null);
        AtomicBoolean waited = new AtomicBoolean();
        MapItemSink sink = sink();

        RestoreReport report = restorer(List.of(full)).sink(sink).checkpointStore(store).restoreId("r")
                .leaseTimeout(Duration.ofHours(1)).listener(waitListener(waited, null)).build().run();

        assertThat(report.status()).isEqualTo(RestoreReport.Status.COMPLETED);
        assertThat(waited).as("no wait for an hour-long lease").isFalse();
        assertThat(sink.table).isEqualTo(g.expectedState());
    }

    @Test
    void run_leaseOfARunThatStoppedSaving_isWaitedForThenTakenOver() {
        ExportGenerator g = generator();
        GeneratedExport full = g.full(40, T0);
        CheckpointStore store = new InMemoryCheckpointStore();
        // A run on another machine, or of an earlier pitr: nothing tells whether it is alive.
        store.save(new Checkpoint("r", arns(List.of(full)), null, 0, Map.of(), "run-elsewhere", Instant.now()), null);
        AtomicBoolean waited = new AtomicBoolean();
        MapItemSink sink = sink();
        long started = System.nanoTime();

        RestoreReport report = restorer(List.of(full)).sink(sink).checkpointStore(store).restoreId("r")
                .leaseTimeout(Duration.ofMillis(1500)).listener(waitListener(waited, null)).build().run();

        assertThat(report.status()).isEqualTo(RestoreReport.Status.COMPLETED);
        assertThat(waited).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(1000));
        assertThat(sink.table).isEqualTo(g.expectedState());
    }

    @Test
    void run_leaseOfARunThatSavesAgainWhileWaitedFor_isRefused() {
        ExportGenerator g = generator();
        GeneratedExport full = g.full(40, T0);
        CheckpointStore store = new InMemoryCheckpointStore();
        Checkpoint held = new Checkpoint("r", arns(List.of(full)), null, 0, Map.of(), "live-run", Instant.now());
        String version = store.save(held, null);
        MapItemSink sink = sink();
        Runnable holderSaves = () -> store.save(held.advance(0, Map.of(), "live-run", Instant.now()), version);

        assertThatThrownBy(() -> restorer(List.of(full)).sink(sink).checkpointStore(store).restoreId("r")
                .leaseTimeout(Duration.ofSeconds(30)).listener(waitListener(new AtomicBoolean(), holderSaves))
                .build().run())
                .isInstanceOf(CheckpointConflictException.class).hasMessageContaining("still running");
        assertThat(sink.written()).isZero();
    }

    @Test
    void run_waitingForALease_stopsOnClose() throws Exception {
        ExportGenerator g = generator();
        GeneratedExport full = g.full(40, T0);
        CheckpointStore store = new InMemoryCheckpointStore();
        store.save(new Checkpoint("r", arns(List.of(full)), null, 0, Map.of(), "run-elsewhere", Instant.now()), null);
        CountDownLatch waiting = new CountDownLatch(1);
        PitrRestorer restorer = restorer(List.of(full)).sink(sink()).checkpointStore(store).restoreId("r")
                .leaseTimeout(Duration.ofHours(1)).listener(waitListener(new AtomicBoolean(), waiting::countDown))
                .build();
        AtomicReferenceThrowable thrown = new AtomicReferenceThrowable();
        Thread t = new Thread(() -> thrown.run(restorer::run));
        t.start();
        assertThat(waiting.await(30, TimeUnit.SECONDS)).isTrue();

        restorer.close();

        t.join(TimeUnit.SECONDS.toMillis(30));
        assertThat(t.isAlive()).isFalse();
        assertThat(thrown.value).isInstanceOf(dev.pitr.RestoreStoppedException.class)
                .hasMessageContaining("nothing was written");
    }

    @Test
    void run_checkpointStoreFailsMidExport_readersStopBeforeTheLeaseIsReleased() {
        ExportGenerator g = generator();
        GeneratedExport full = ExportGenerator.builder().bucketRoot(dir.resolve("big")).keySchema(SCHEMA)
                .filesPerExport(2).seed(5).build().full(12_000, T0);
        AtomicLong writes = new AtomicLong();
        AtomicLong writesAtRelease = new AtomicLong(-1);
        MapItemSink table = sink();
        CountingSink sink = new CountingSink(table, writes);
        AtomicInteger saves = new AtomicInteger();
        InMemoryCheckpointStore inner = new InMemoryCheckpointStore();
        CheckpointStore failing = new CheckpointStore() {
            @Override
            public Optional<Versioned> load(String restoreId) {
                return inner.load(restoreId);
            }

            @Override
            public String save(Checkpoint checkpoint, String expectedVersion) {
                if (saves.incrementAndGet() == 3) {
                    throw new PitrException("checkpoint store unavailable");
                }
                String v = inner.save(checkpoint, expectedVersion);
                if (checkpoint.owner() == null) {
                    // Watch the sink for a while: a reader still running would feed it now.
                    long at = writes.get();
                    writesAtRelease.set(at);
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
                    while (writes.get() == at && System.nanoTime() < deadline) {
                        Thread.onSpinWait();
                    }
                }
                return v;
            }
        };

        assertThatThrownBy(() -> PitrRestorer.builder().export(full.source()).sink(sink).checkpointStore(failing)
                .restoreId("r").readerThreads(4).checkpointPolicy(CheckpointPolicy.everyOperations(100)).build().run())
                .hasMessageContaining("checkpoint store unavailable");

        assertThat(writesAtRelease.get()).as("the lease was given up").isNotNegative();
        assertThat(writes.get()).as("no operation reached the sink once the lease was given up")
                .isEqualTo(writesAtRelease.get());
        assertThat(inner.load("r").orElseThrow().checkpoint().owner()).isNull();
    }

    @Test
    void build_withoutACheckpointStore_isRefused_soThatARerunAlwaysResumes() {
        GeneratedExport full = generator().full(5, T0);
        assertThatThrownBy(() -> PitrRestorer.builder().export(full.source()).sink(sink()).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no checkpoint store");
        PitrRestorer.builder().export(full.source()).dryRun(true).build(); // a dry run saves nothing
        PitrRestorer.builder().export(full.source()).sink(sink()).checkpointStore(FileCheckpointStore.in(dir)).build();
    }

    private static RestoreListener waitListener(AtomicBoolean waited, Runnable onWait) {
        return new RestoreListener() {
            @Override
            public void waitingForLease(String holder, Instant since, Instant until) {
                waited.set(true);
                if (onWait != null) {
                    onWait.run();
                }
            }
        };
    }

    /** What a background run threw. */
    private static final class AtomicReferenceThrowable {
        volatile Throwable value;

        void run(Runnable r) {
            try {
                r.run();
            } catch (Throwable t) {
                value = t;
            }
        }
    }

    /** A sink that counts the operations handed to it, slowed a little so readers are mid-file when a save fails. */
    private static final class CountingSink implements dev.pitr.write.ItemSink {
        private final MapItemSink inner;
        private final AtomicLong writes;

        CountingSink(MapItemSink inner, AtomicLong writes) {
            this.inner = inner;
            this.writes = writes;
        }

        @Override
        public KeySchema open() {
            return inner.open();
        }

        @Override
        public java.util.concurrent.CompletableFuture<dev.pitr.write.WriteOutcome> write(dev.pitr.model.WriteOp op) {
            writes.incrementAndGet();
            long until = System.nanoTime() + 100_000; // slow, and deaf to interrupts, like a busy client
            while (System.nanoTime() < until) {
                Thread.onSpinWait();
            }
            return inner.write(op);
        }

        @Override
        public void flush() {
        }

        @Override
        public dev.pitr.write.SinkStats stats() {
            return inner.stats();
        }

        @Override
        public void close() {
        }
    }
}
