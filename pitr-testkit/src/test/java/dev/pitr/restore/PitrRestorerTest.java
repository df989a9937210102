package dev.pitr.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pitr.PitrException;
import dev.pitr.PitrRestorer;
import dev.pitr.RestoreListener;
import dev.pitr.RestoreProgress;
import dev.pitr.RestoreReport;
import dev.pitr.RestoreStoppedException;
import dev.pitr.checkpoint.Checkpoint;
import dev.pitr.checkpoint.CheckpointConflictException;
import dev.pitr.checkpoint.CheckpointPolicy;
import dev.pitr.checkpoint.CheckpointStore;
import dev.pitr.checkpoint.FileCheckpointStore;
import dev.pitr.manifest.OutputFormat;
import dev.pitr.model.KeySchema;
import dev.pitr.plan.ChainException;
import dev.pitr.plan.RestorePlan;
import dev.pitr.source.ExportSource;
import dev.pitr.testing.Changes;
import dev.pitr.testing.ExportGenerator;
import dev.pitr.testing.GeneratedChain;
import dev.pitr.testing.GeneratedExport;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The restorer over generated chains, into an in-memory sink. */
class PitrRestorerTest extends RestorerTestBase {

    private ExportGenerator generator(OutputFormat format) {
        return ExportGenerator.builder().bucketRoot(dir.resolve("bucket")).prefix("exports").keySchema(SCHEMA)
                .format(format).filesPerExport(4).seed(42).build();
    }

    private static GeneratedChain chain(ExportGenerator g) {
        return g.chain(600, T0, WINDOW, Changes.of(60, 40, 50, 0), Changes.of(70, 30, 20, 25), Changes.of(30, 50, 10, 20));
    }

    private static List<ExportSource> sources(GeneratedChain chain) {
        List<ExportSource> s = new ArrayList<>();
        for (GeneratedExport e : chain.exports()) {
            s.add(e.source());
        }
        return s;
    }

    @ParameterizedTest
    @EnumSource(OutputFormat.class)
    void run_fullAndThreeIncrementals_tableEqualsTheExpectedState(OutputFormat format) {
        ExportGenerator g = generator(format);
        GeneratedChain chain = chain(g);
        MapItemSink sink = sink();

        RestoreReport report = restorer().exports(sources(chain)).sink(sink).build().run();

        assertThat(sink.table).isEqualTo(g.expectedState());
        assertThat(report.status()).isEqualTo(RestoreReport.Status.COMPLETED);
        assertThat(report.exports()).hasSize(4);
        assertThat(report.puts() + report.deletes()).isEqualTo(chain.exports().stream().mapToLong(GeneratedExport::itemCount).sum());
        assertThat(report.checksumsVerified()).isEqualTo(16);
    }

    @Test
    void run_manyShortExportsInARow_neverOverfillTheReaderPool() {
        // Exports of a few items end before their last reader tasks have even started; the next
        // export's tasks must still find room in the pool (a CLI test once saw them rejected).
        ExportGenerator g = ExportGenerator.builder().bucketRoot(dir.resolve("bucket")).prefix("short")
                .keySchema(SCHEMA).filesPerExport(4).emptyFileFraction(0.5).seed(7).build();
        List<Changes> changes = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            changes.add(Changes.of(2, 1, 1, 0));
        }
        GeneratedChain chain = g.chain(40, T0, WINDOW, changes);
        for (int round = 0; round < 15; round++) {
            MapItemSink sink = sink();
            RestoreReport report = restorer().exports(sources(chain)).sink(sink).readerThreads(4)
                    .build().run();
            assertThat(report.status()).as("round %d", round).isEqualTo(RestoreReport.Status.COMPLETED);
            assertThat(sink.table).as("round %d", round).isEqualTo(g.expectedState());
        }
    }

    @Test
    void run_exportsGivenInAnyOrder_areAppliedInTimeOrder() {
        ExportGenerator g = generator(OutputFormat.DYNAMODB_JSON);
        List<ExportSource> shuffled = sources(chain(g));
        Collections.reverse(shuffled);
        MapItemSink sink = sink();

        restorer().exports(shuffled).sink(sink).build().run();

        assertThat(sink.table).isEqualTo(g.expectedState());
    }

    @Test
    void run_failureMidway_thenRerun_resumesToTheExpectedState() {
        ExportGenerator g = generator(OutputFormat.DYNAMODB_JSON);
        GeneratedChain chain = chain(g);
        CheckpointStore store = FileCheckpointStore.in(dir.resolve("checkpoints"));
        MapItemSink first = sink().failAfter(700);

        assertThatThrownBy(() -> restorer().exports(sources(chain)).sink(first).checkpointStore(store)
                .checkpointPolicy(CheckpointPolicy.everyOperations(50)).build().run())
                .isInstanceOf(PitrException.class).hasMessageContaining("injected failure");

        Checkpoint saved = store.load("restore-" + chain.full().exportId()).orElseThrow().checkpoint();
        assertThat(saved.owner()).as("a failed run gives its lease up").isNull();
        assertThat(saved.exportIndex()).isEqualTo(1);
        MapItemSink second = closedAfterTheTest(new MapItemSink(SCHEMA, first.table));
        RestoreReport report = restorer().exports(sources(chain)).sink(second).checkpointStore(store)
                .build().run();

        assertThat(second.table).isEqualTo(g.expectedState());
        assertThat(report.exports()).hasSize(3);
        assertThat(second.written()).isLessThan(chain.exports().stream().mapToLong(GeneratedExport::itemCount).sum() - 600);
    }

    @Test
    void run_closedFromAnotherThread_stopsWithACheckpoint_andResumes() {
        ExportGenerator g = generator(OutputFormat.DYNAMODB_JSON);
        GeneratedChain chain = chain(g);
        CheckpointStore store = FileCheckpointStore.in(dir.resolve("checkpoints"));
        MapItemSink sink = sink();
        AtomicInteger files = new AtomicInteger();
        PitrRestorer[] holder = new PitrRestorer[1];
        holder[0] = restorer().exports(sources(chain)).sink(sink).checkpointStore(store)
                .listener(new RestoreListener() {
                    @Override
                    public void fileFinished(dev.pitr.manifest.ExportDescriptor export, dev.pitr.manifest.DataFile file) {
                        if (files.incrementAndGet() == 6) {
                            holder[0].close();
                        }
                    }
                }).build();

        assertThatThrownBy(holder[0]::run).isInstanceOf(RestoreStoppedException.class)
                .hasMessageContaining("run it again to resume");

        RestoreReport report = restorer().exports(sources(chain)).sink(sink).checkpointStore(store)
                .build().run();
        assertThat(sink.table).isEqualTo(g.expectedState());
        assertThat(report.exports().get(0).filesAlreadyDone() + report.exports().size()).isGreaterThan(1);
    }

    @Test
    void run_secondRestorerWhileTheFirstHoldsTheLease_withoutWaiting_isRefused() {
        ExportGenerator g = generator(OutputFormat.DYNAMODB_JSON);
        GeneratedChain chain = chain(g);
        CheckpointStore store = FileCheckpointStore.in(dir.resolve("checkpoints"));
        String id = "restore-" + chain.full().exportId();
        // A restorer that died holding the lease a moment ago.
        store.save(new Checkpoint(id, chain.exports().stream().map(GeneratedExport::exportArn).toList(), 1,
                java.util.Map.of(), "run-of-someone-else", Instant.now()), null);
        MapItemSink sink = sink();

        assertThatThrownBy(() -> restorer().exports(sources(chain)).sink(sink).checkpointStore(store)
                .waitForLease(false).restoreId(id).build().run())
                .isInstanceOf(CheckpointConflictException.class)
                .hasMessageContaining("held by another restorer").hasMessageContaining("run-of-someone-else")
                .hasMessageContaining("take over");
        assertThat(sink.written()).isZero();

        restorer().exports(sources(chain)).sink(sink).checkpointStore(store).takeOver(true).restoreId(id).build().run();
        assertThat(sink.written()).isPositive();
    }

    @Test
    void run_checkpointOfAnotherChain_isRefused() {
        ExportGenerator g = generator(OutputFormat.DYNAMODB_JSON);
        GeneratedChain chain = chain(g);
        CheckpointStore store = FileCheckpointStore.in(dir.resolve("checkpoints"));
        store.save(new Checkpoint("shared-id", List.of("arn:aws:dynamodb:us-east-1:1:table/other/export/x"), 0,
                java.util.Map.of(), null, Instant.now()), null);

        assertThatThrownBy(() -> restorer().exports(sources(chain)).sink(sink()).checkpointStore(store)
                .restoreId("shared-id").build().run())
                .isInstanceOf(CheckpointConflictException.class).hasMessageContaining("belongs to another chain");
    }

    @Test
    void run_oneChainIntoTwoTargets_throughOneStore_eachTargetGetsTheWholeChain() {
        ExportGenerator g = generator(OutputFormat.DYNAMODB_JSON);
        GeneratedChain chain = chain(g);
        CheckpointStore store = FileCheckpointStore.in(dir.resolve("checkpoints"));
        MapItemSink orders = sink().named("arn:aws:dynamodb:eu-west-1:123456789012:table/orders");
        MapItemSink copy = sink().named("orders-copy");

        RestoreReport first = restorer().exports(sources(chain)).sink(orders).checkpointStore(store)
                .build().run();
        RestoreReport second = restorer().exports(sources(chain)).sink(copy).checkpointStore(store)
                .build().run();

        assertThat(first.restoreId()).matches("restore-" + chain.full().exportId() + "-to-orders-[0-9a-f]{8}");
        assertThat(second.restoreId()).matches("restore-" + chain.full().exportId() + "-to-orders-copy-[0-9a-f]{8}");
        assertThat(second.status()).as("the second table's restore is its own").isEqualTo(RestoreReport.Status.COMPLETED);
        assertThat(copy.table).isEqualTo(g.expectedState());
        assertThat(store.load(second.restoreId()).orElseThrow().checkpoint().target()).isEqualTo("orders-copy");
    }

    @Test
    void run_checkpointOfAnotherTarget_isRefusedNamingBoth() {
        ExportGenerator g = generator(OutputFormat.DYNAMODB_JSON);
        GeneratedChain chain = chain(g);
        CheckpointStore store = FileCheckpointStore.in(dir.resolve("checkpoints"));
        restorer().exports(sources(chain)).sink(sink().named("table-a")).checkpointStore(store)
                .restoreId("nightly").build().run();
        MapItemSink other = sink().named("table-b");

        assertThatThrownBy(() -> restorer().exports(sources(chain)).sink(other).checkpointStore(store)
                .restoreId("nightly").build().run())
                .isInstanceOf(CheckpointConflictException.class).hasMessageContaining("\"table-a\"")
                .hasMessageContaining("\"table-b\"").hasMessageContaining("nightly");
        assertThat(other.written()).isZero();
    }

    @Test
    void run_checkpointSavedWithoutATarget_isResumedAndRecordsTheTarget() {
        ExportGenerator g = generator(OutputFormat.DYNAMODB_JSON);
        GeneratedChain chain = chain(g);
        CheckpointStore store = FileCheckpointStore.in(dir.resolve("checkpoints"));
        String id = "restore-" + chain.full().exportId() + "-to-orders";
        // As an earlier pitr left it: the FULL export applied, no target recorded.
        store.save(new Checkpoint(id, chain.exports().stream().map(GeneratedExport::exportArn).toList(), 1,
                java.util.Map.of(), null, Instant.now()), null);
        MapItemSink sink = sink().named("orders");

        RestoreReport report = restorer().exports(sources(chain)).sink(sink).checkpointStore(store)
                .restoreId(id).build().run();

        assertThat(report.restoreId()).isEqualTo(id);
        assertThat(report.exports()).hasSize(3);
        assertThat(store.load(id).orElseThrow().checkpoint().target()).isEqualTo("orders");
    }

    @Test
    void defaultRestoreId_namesTheChainAndTheTarget_asAValidIdForEveryStore() {
        GeneratedExport full = generator(OutputFormat.ION).full(5, T0);
        RestorePlan plan = restorer().export(full.source()).dryRun(true).build().plan();
        String base = "restore-" + full.exportId();

        assertThat(PitrRestorer.defaultRestoreId(plan, null)).isEqualTo(base);
        assertThat(PitrRestorer.defaultRestoreId(plan, "orders")).matches(base + "-to-orders-[0-9a-f]{8}");
        String prod = PitrRestorer.defaultRestoreId(plan, "arn:aws:dynamodb:eu-west-1:123456789012:table/orders");
        String staging = PitrRestorer.defaultRestoreId(plan, "arn:aws:dynamodb:eu-west-1:210987654321:table/orders");
        String local = PitrRestorer.defaultRestoreId(plan,
                "http://127.0.0.1:8000#arn:aws:dynamodb:ddblocal:000000000000:table/orders");
        String otherLocal = PitrRestorer.defaultRestoreId(plan,
                "http://127.0.0.1:8001#arn:aws:dynamodb:ddblocal:000000000000:table/orders");
        assertThat(List.of(prod, staging, local, otherLocal)).as("one name, four tables: four ids")
                .doesNotHaveDuplicates().allMatch(id -> id.matches(base + "-to-orders-[0-9a-f]{8}"));
        assertThat(PitrRestorer.defaultRestoreId(plan, "/tmp/out/items ü.jsonl")).matches(base + "-to-items__.jsonl-[0-9a-f]{8}");
        String a = PitrRestorer.defaultRestoreId(plan, "t".repeat(200) + "a");
        String b = PitrRestorer.defaultRestoreId(plan, "t".repeat(200) + "b");
        assertThat(a).hasSize(128).startsWith(base + "-to-ttt").matches("[A-Za-z0-9._-]+");
        assertThat(b).hasSize(128).isNotEqualTo(a);
    }

    @Test
    void run_withAGap_failsBeforeAnyWrite() {
        ExportGenerator g = generator(OutputFormat.DYNAMODB_JSON);
        GeneratedExport full = g.full(100, T0);
        GeneratedExport later = g.incremental(T0.plus(WINDOW), T0.plus(WINDOW.multipliedBy(2)), Changes.of(5, 5, 5, 0));
        MapItemSink sink = sink();

        assertThatThrownBy(() -> restorer().export(full.source()).export(later.source()).sink(sink).build().run())
                .isInstanceOf(ChainException.class).hasMessageContaining("Gap in the chain")
                .hasMessageContaining(full.exportId()).hasMessageContaining(later.exportId())
                .hasMessageContaining(T0.toString());
        assertThat(sink.written()).isZero();
    }

    @Test
    void run_twoFullExports_failBeforeAnyWrite() {
        ExportGenerator g = generator(OutputFormat.DYNAMODB_JSON);
        GeneratedExport a = g.full(50, T0);
        GeneratedExport b = g.snapshot(T0.plus(WINDOW));
        MapItemSink sink = sink();

        assertThatThrownBy(() -> restorer().export(a.source()).export(b.source()).sink(sink).build().run())
                .isInstanceOf(ChainException.class).hasMessageContaining("Two FULL exports");
        assertThat(sink.written()).isZero();
    }

    @Test
    void run_fullExportAfterIncrementals_failsBeforeAnyWrite() {
        ExportGenerator g = generator(OutputFormat.DYNAMODB_JSON);
        g.full(50, T0);
        GeneratedExport inc = g.incremental(T0, T0.plus(WINDOW), Changes.of(5, 5, 5, 0));
        GeneratedExport lateFull = g.snapshot(T0.plus(WINDOW.multipliedBy(3)));
        MapItemSink sink = sink();

        assertThatThrownBy(() -> restorer().export(inc.source()).export(lateFull.source()).sink(sink).build().run())
                .isInstanceOf(ChainException.class).hasMessageContaining("is not first");
        assertThat(sink.written()).isZero();
    }

    @Test
    void run_exportsOfAnotherTable_failBeforeAnyWrite() {
        GeneratedExport mine = generator(OutputFormat.DYNAMODB_JSON).full(20, T0);
        GeneratedExport theirs = ExportGenerator.builder().bucketRoot(dir.resolve("other")).tableName("other")
                .keySchema(SCHEMA).seed(1).build().incremental(T0, T0.plus(WINDOW), Changes.of(0, 0, 5, 0));
        MapItemSink sink = sink();

        assertThatThrownBy(() -> restorer().export(mine.source()).export(theirs.source()).sink(sink).build().run())
                .isInstanceOf(ChainException.class).hasMessageContaining("different tables");
        assertThat(sink.written()).isZero();
    }

    @Test
    void run_until_appliesThePrefixOfTheChain() {
        ExportGenerator g = generator(OutputFormat.DYNAMODB_JSON);
        GeneratedExport full = g.full(100, T0);
        GeneratedExport first = g.incremental(T0, T0.plus(WINDOW), Changes.of(10, 10, 10, 0));
        var expectedAtFirst = g.expectedState();
        GeneratedExport second = g.incremental(T0.plus(WINDOW), T0.plus(WINDOW.multipliedBy(2)), Changes.of(10, 10, 10, 0));
        MapItemSink sink = sink();

        RestoreReport report = restorer().export(full.source()).export(first.source()).export(second.source())
                .until(T0.plus(WINDOW)).sink(sink).build().run();

        assertThat(report.exports()).hasSize(2);
        assertThat(sink.table).isEqualTo(expectedAtFirst);
        assertThatThrownBy(() -> restorer().export(full.source()).export(first.source())
                .until(T0.plus(Duration.ofMinutes(3))).sink(sink()).build().run())
                .isInstanceOf(ChainException.class).hasMessageContaining("not an export boundary")
                .hasMessageContaining(T0.plus(WINDOW).toString());
    }

    @Test
    void dryRun_readsAndChecksEverything_writesNothing_reportsCapacity() {
        ExportGenerator g = generator(OutputFormat.ION);
        GeneratedChain chain = chain(g);
        MapItemSink sink = sink();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();

        RestoreReport report = restorer().exports(sources(chain)).sink(sink).dryRun(true)
                .meterRegistry(meters).build().run();

        assertThat(report.status()).isEqualTo(RestoreReport.Status.DRY_RUN);
        assertThat(sink.written()).isZero();
        long records = chain.exports().stream().mapToLong(GeneratedExport::itemCount).sum();
        assertThat(report.puts() + report.deletes()).isEqualTo(records);
        assertThat(report.writeCapacityUnits()).isGreaterThanOrEqualTo(records);
        assertThat(report.checksumsVerified()).isEqualTo(16);
        // Acknowledged at once, the last file is done the moment it is read: its bytes must count.
        assertThat(report.uncompressedBytes())
                .isEqualTo(chain.exports().stream().mapToLong(GeneratedExport::uncompressedBytes).sum());
        assertThat(report.compressedBytes())
                .isEqualTo(chain.exports().stream().mapToLong(GeneratedExport::compressedBytes).sum());
        assertThat(meters.get("pitr.restore.items.total").gauge().value()).isEqualTo(records);
        assertThat(report.toJson()).contains("\"status\" : \"DRY_RUN\"").contains("\"writeCapacityUnits\"");
    }

    @Test
    void dryRun_keyNotMatchingTheTable_isReportedWithItsOrigin() {
        ExportGenerator g = generator(OutputFormat.DYNAMODB_JSON);
        GeneratedExport full = g.full(30, T0);
        MapItemSink wrongTable = closedAfterTheTest(new MapItemSink(KeySchema.of("id", KeySchema.ScalarType.S)));

        assertThatThrownBy(() -> restorer().export(full.source()).sink(wrongTable).dryRun(true).build().run())
                .isInstanceOf(PitrException.class).hasMessageContaining("does not match the table")
                .hasMessageContaining("line ");
    }

    @Test
    void run_reportsProgressAndMetrics() {
        ExportGenerator g = generator(OutputFormat.DYNAMODB_JSON);
        GeneratedChain chain = chain(g);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        List<RestoreProgress> progress = Collections.synchronizedList(new ArrayList<>());
        List<String> finishedExports = Collections.synchronizedList(new ArrayList<>());

        restorer().exports(sources(chain)).sink(sink()).meterRegistry(meters)
                .progressInterval(Duration.ofMillis(1))
                .listener(new RestoreListener() {
                    @Override
                    public void progress(RestoreProgress p) {
                        progress.add(p);
                    }

                    @Override
                    public void exportFinished(RestoreReport.ExportReport report) {
                        finishedExports.add(report.exportId());
                    }
                }).build().run();

        long records = chain.exports().stream().mapToLong(GeneratedExport::itemCount).sum();
        assertThat(finishedExports).containsExactlyElementsOf(chain.exports().stream().map(GeneratedExport::exportId).toList());
        assertThat(meters.get("pitr.restore.items.done").gauge().value()).isEqualTo(records);
        assertThat(meters.get("pitr.restore.items.read").gauge().value()).isEqualTo(records);
        assertThat(meters.get("pitr.restore.files.done").gauge().value()).isEqualTo(16);
        assertThat(meters.get("pitr.restore.operations").tag("type", "put").counter().count()
                + meters.get("pitr.restore.operations").tag("type", "delete").counter().count()).isEqualTo(records);
        assertThat(progress).allSatisfy(p -> assertThat(p.itemsTotal()).isEqualTo(records));
    }

    @Test
    void run_beforeTheFirstAcknowledgement_progressShowsTheRecordsRead() {
        ExportGenerator g = generator(OutputFormat.DYNAMODB_JSON);
        GeneratedChain chain = chain(g);
        HeldAcksSink sink = new HeldAcksSink(sink());
        List<RestoreProgress> seen = Collections.synchronizedList(new ArrayList<>());
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();

        restorer().exports(sources(chain)).sink(sink).meterRegistry(new SimpleMeterRegistry())
                .progressInterval(Duration.ofMillis(1))
                .listener(new RestoreListener() {
                    @Override
                    public void progress(RestoreProgress p) {
                        seen.add(p);
                        // Hold the acknowledgements until a progress report has come with records read
                        // (or, should none come, for a while), then let the restore finish.
                        if (p.itemsRead() > 0 || System.nanoTime() > deadline) {
                            sink.release();
                        }
                    }
                }).build().run();

        RestoreProgress early = seen.stream().filter(p -> p.itemsRead() > 0).findFirst()
                .orElseThrow(() -> new AssertionError("no progress report with records read: " + seen));
        assertThat(early.itemsDone()).as("nothing acknowledged yet").isZero();
        assertThat(early.itemsRead()).as("records read and handed to the sink").isPositive();
        assertThat(early.eta()).isNull();
        assertThat(early.toString()).contains("0/" + early.itemsTotal() + " items applied")
                .contains(early.itemsRead() + " read").contains("ETA unknown until writes are acknowledged");
        assertThat(seen).allSatisfy(p -> assertThat(p.itemsRead()).isGreaterThanOrEqualTo(p.itemsDone()));
        assertThat(sink.inner.table).isEqualTo(g.expectedState());
    }

    /** Holds every acknowledgement of the sink it wraps until {@link #release()}. */
    private static final class HeldAcksSink implements dev.pitr.write.ItemSink {
        final MapItemSink inner;
        private final java.util.concurrent.CompletableFuture<Void> gate = new java.util.concurrent.CompletableFuture<>();

        HeldAcksSink(MapItemSink inner) {
            this.inner = inner;
        }

        void release() {
            gate.complete(null);
        }

        @Override
        public KeySchema open() {
            return inner.open();
        }

        @Override
        public java.util.concurrent.CompletableFuture<dev.pitr.write.WriteOutcome> write(dev.pitr.model.WriteOp op) {
            java.util.concurrent.CompletableFuture<dev.pitr.write.WriteOutcome> ack = inner.write(op);
            return gate.thenCompose(ignored -> ack);
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

    @Test
    void builder_validatesAtOnce() {
        assertThatThrownBy(() -> restorer().readerThreads(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0");
        assertThatThrownBy(() -> restorer().restoreId("a/b")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a/b");
        assertThatThrownBy(() -> restorer().build()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no export");
        assertThatThrownBy(() -> PitrRestorer.builder().export(generator(OutputFormat.ION).full(1, T0).source())
                .sink(sink()).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no checkpoint store");
    }

    /** A builder whose checkpoints stay in memory: tests that do not resume need no store of their own. */
    private static dev.pitr.PitrRestorerBuilder restorer() {
        return PitrRestorer.builder().checkpointStore(new dev.pitr.checkpoint.InMemoryCheckpointStore());
    }
}
