package dev.pitr.dynamodb;

import static dev.pitr.dynamodb.Ops.HASH;
import static dev.pitr.dynamodb.Ops.delete;
import static dev.pitr.dynamodb.Ops.put;
import static dev.pitr.dynamodb.testing.Waits.await;
import static dev.pitr.dynamodb.testing.Waits.failureOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pitr.dynamodb.testing.ResponseGate;
import dev.pitr.model.AttributeValue;
import dev.pitr.model.Item;
import dev.pitr.model.Key;
import dev.pitr.model.KeySchema;
import dev.pitr.model.Origin;
import dev.pitr.model.WriteOp;
import dev.pitr.testing.dynamodb.DynamoDbLocal;
import dev.pitr.testing.dynamodb.DynamoDbLocalExtension;
import dev.pitr.testing.dynamodb.ExpectedTable;
import dev.pitr.write.FailurePolicy;
import dev.pitr.write.JsonLinesDeadLetterSink;
import dev.pitr.write.KeySchemaMismatchException;
import dev.pitr.write.TargetTableException;
import dev.pitr.write.WriteFailedException;
import dev.pitr.write.WriteInterruptedException;
import dev.pitr.write.WriteOutcome;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableResponse;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

@ExtendWith(DynamoDbLocalExtension.class)
class DynamoDbItemSinkTest {
    private static final String BIG = "x".repeat(410_000);

    private static DynamoDbLocal ddb;
    private static DynamoDbAsyncClient client;

    private String table;

    @BeforeAll
    static void clients(DynamoDbLocal local) {
        ddb = local;
        client = local.asyncClient();
    }

    @BeforeEach
    void newTable() {
        table = DynamoDbLocal.uniqueTableName("sink");
        ddb.createTable(table, HASH);
    }

    private DynamoDbItemSink.Builder sink() {
        return DynamoDbItemSink.builder().client(client).tableName(table);
    }

    @Test
    void open_existingTable_returnsItsKeySchemaWithTypes_andAsksOnce() {
        String composite = DynamoDbLocal.uniqueTableName("composite");
        KeySchema schema = KeySchema.of("tenant", KeySchema.ScalarType.B, "seq", KeySchema.ScalarType.N);
        ddb.createTable(composite, schema);
        try (DynamoDbItemSink sink = DynamoDbItemSink.builder().client(client).tableName(composite).build()) {
            KeySchema opened = sink.open();
            assertThat(opened).isEqualTo(schema);
            assertThat(sink.open()).isSameAs(opened);
        }
    }

    @Test
    void open_missingTable_failsNamingTheTable() {
        try (DynamoDbItemSink sink = DynamoDbItemSink.builder().client(client).tableName("no-such-table-here").build()) {
            assertThatThrownBy(sink::open).isInstanceOf(TargetTableException.class)
                    .hasMessageContaining("no-such-table-here").hasMessageContaining("does not exist");
            assertThatThrownBy(() -> sink.write(put("a", 1))).isInstanceOf(TargetTableException.class);
        }
    }

    @Test
    void open_tableNotActive_failsNamingTheTableAndItsStatus_whileUpdatingIsFine() {
        try (DynamoDbItemSink sink = DynamoDbItemSink.builder().client(ddb.asyncClientWithoutSdkRetries(
                reportStatus(TableStatus.CREATING))).tableName(table).build()) {
            assertThatThrownBy(sink::open).isInstanceOf(TargetTableException.class)
                    .hasMessageContaining(table).hasMessageContaining("is CREATING, not ACTIVE");
        }
        try (DynamoDbItemSink sink = DynamoDbItemSink.builder().client(ddb.asyncClientWithoutSdkRetries(
                reportStatus(TableStatus.UPDATING))).tableName(table).build()) {
            assertThat(sink.open()).isEqualTo(HASH);
        }
    }

    /** Rewrites DescribeTable answers to report {@code status}. */
    private static ExecutionInterceptor reportStatus(TableStatus status) {
        return new ExecutionInterceptor() {
            @Override
            public SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes attributes) {
                if (context.response() instanceof DescribeTableResponse r) {
                    return r.toBuilder().table(r.table().toBuilder().tableStatus(status).build()).build();
                }
                return context.response();
            }
        };
    }

    @Test
    void write_fromFourThreadsOnTheirOwnItems_appliesEachThreadsOperationsInItsOrder() throws Exception {
        int threads = 4;
        int perThread = 1_500;
        List<List<WriteOp>> streams = new ArrayList<>();
        ExpectedTable expected = new ExpectedTable(HASH);
        for (int t = 0; t < threads; t++) {
            List<WriteOp> ops = new ArrayList<>();
            for (int i = 1; i <= perThread; i++) {
                long line = t * 100_000L + i;
                String pk = "t" + t + "-k" + (i % 97);
                ops.add(i % 5 == 0 ? delete(pk, line) : put(pk, line));
            }
            ops.forEach(expected::apply);
            streams.add(ops);
        }
        try (DynamoDbItemSink sink = sink().build()) {
            List<Thread> writers = new ArrayList<>();
            for (List<WriteOp> ops : streams) {
                Thread writer = new Thread(() -> ops.forEach(sink::write));
                writers.add(writer);
                writer.start();
            }
            for (Thread writer : writers) {
                writer.join();
            }
            sink.flush();
            assertThat(sink.stats().written()).isEqualTo((long) threads * perThread);
        }
        assertThat(expected.differences(ddb.syncClient(), table)).isEmpty();
    }

    @Test
    void flush_interruptedWhileWaiting_throwsWithTheFlagSet_andALaterFlushCompletes() throws Exception {
        ResponseGate gate = new ResponseGate();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicReference<Boolean> flagAfter = new AtomicReference<>();
        try (DynamoDbItemSink sink = DynamoDbItemSink.builder().client(ddb.asyncClientWithoutSdkRetries(gate))
                .tableName(table).build()) {
            for (int line = 1; line <= 3; line++) {
                sink.write(put("k" + line, line));
            }
            Thread flusher = new Thread(() -> {
                try {
                    sink.flush();
                } catch (RuntimeException e) {
                    thrown.set(e);
                    flagAfter.set(Thread.currentThread().isInterrupted());
                }
            }, "test-flusher");
            flusher.start();
            await(() -> flusher.getState() == Thread.State.WAITING && gate.held() > 0, "the flush waits");
            flusher.interrupt();
            flusher.join(TimeUnit.SECONDS.toMillis(20));
            assertThat(thrown.get()).isInstanceOf(WriteInterruptedException.class).hasMessageContaining(table);
            assertThat(flagAfter.get()).isTrue();
            gate.open();
            sink.flush();
            assertThat(sink.stats().written()).isEqualTo(3);
        } finally {
            gate.open();
        }
    }

    @Test
    void write_somePutsAndDeletes_areAllAcknowledged_andTheTableHoldsTheResult() {
        ExpectedTable expected = new ExpectedTable(HASH);
        List<CompletableFuture<WriteOutcome>> futures = new ArrayList<>();
        try (DynamoDbItemSink sink = sink().build()) {
            for (int line = 1; line <= 300; line++) {
                WriteOp op = line % 7 == 0 ? delete("k" + (line % 40), line) : put("k" + (line % 40), line);
                expected.apply(op);
                futures.add(sink.write(op));
            }
            sink.flush();
            assertThat(futures).allSatisfy(f -> assertThat(f).isCompletedWithValue(WriteOutcome.WRITTEN));
            assertThat(sink.stats().written()).isEqualTo(300);
            assertThat(sink.stats().deletes()).isEqualTo(42);
            assertThat(sink.stats().consumedWriteCapacityUnits()).isGreaterThanOrEqualTo(300);
            assertThat(sink.stats().failed() + sink.stats().skipped()).isZero();
        }
        assertThat(expected.differences(ddb.syncClient(), table)).isEmpty();
    }

    @Test
    void stats_deleteOfALargeItem_countsTheCapacityDynamoDbReportsNotTheEstimate() {
        try (DynamoDbItemSink sink = sink().build()) {
            sink.write(put("three-kb", 1, "p".repeat(3_000)));
            sink.flush();
            assertThat(sink.stats().consumedWriteCapacityUnits()).isEqualTo(3);
            // Estimated at 1 WCU; DynamoDB bills the size of the item it removes.
            sink.write(delete("three-kb", 2));
            sink.flush();
            assertThat(sink.stats().consumedWriteCapacityUnits()).isEqualTo(6);
        }
    }

    @Test
    void write_keyOfAnotherType_failsBeforeAnyWrite_andTheTableStaysEmpty() {
        Item wrongType = new Item(Map.of("pk", new AttributeValue.N("42"), "v", new AttributeValue.S("secret")));
        try (DynamoDbItemSink sink = sink().build()) {
            assertThatThrownBy(() -> sink.write(new WriteOp.Put(wrongType, new Origin(Ops.FILE, 7), 1)))
                    .isInstanceOf(KeySchemaMismatchException.class)
                    .hasMessageContaining(Ops.FILE + " line 7")
                    .hasMessageContaining("[pk (S)]")
                    .hasMessageContaining("{pk=N, v=S}")
                    .hasMessageNotContaining("secret");
            Item noKey = new Item(Map.of("v", new AttributeValue.S("secret")));
            assertThatThrownBy(() -> sink.write(new WriteOp.Put(noKey, new Origin(Ops.FILE, 9), 1)))
                    .isInstanceOf(KeySchemaMismatchException.class)
                    .hasMessageContaining(Ops.FILE + " line 9")
                    .hasMessageContaining("missing key attribute")
                    .hasMessageNotContaining("secret");
            Key twoAttributes = Key.of("pk", new AttributeValue.S("a"), "sk", new AttributeValue.S("b"));
            assertThatThrownBy(() -> sink.write(new WriteOp.Delete(twoAttributes, new Origin(Ops.FILE, 8), 1)))
                    .isInstanceOf(KeySchemaMismatchException.class)
                    .hasMessageContaining("line 8").hasMessageContaining("{pk=S, sk=S}");
            sink.flush();
            assertThat(sink.stats().batches()).isZero();
        }
        assertThat(ddb.countItems(table)).isZero();
    }

    @Test
    void write_putOver400KB_underFail_failsNamingItsKeyAndLine_andStopsTheSink() {
        try (DynamoDbItemSink sink = sink().build()) {
            for (int line = 1; line <= 10; line++) {
                sink.write(put("small-" + line, line));
            }
            CompletableFuture<WriteOutcome> big = sink.write(put("big", 11, BIG));
            assertThatThrownBy(sink::flush).isInstanceOf(WriteFailedException.class)
                    .hasMessageContaining("{pk=S:\"big\"}").hasMessageContaining("line 11");
            assertThat(failureOf(big))
                    .isInstanceOf(WriteFailedException.class)
                    .hasMessageContaining("{pk=S:\"big\"}")
                    .hasMessageContaining(Ops.FILE + " line 11")
                    .hasMessageContaining("400 KB")
                    .hasMessageNotContaining("xxxxxxxx");
            assertThatThrownBy(() -> sink.write(put("later", 12))).isInstanceOf(WriteFailedException.class)
                    .hasMessageContaining("line 12").hasMessageContaining("stopped after an earlier failure");
            assertThat(sink.stats().failed()).isGreaterThanOrEqualTo(1);
        }
    }

    @Test
    void write_putOver400KB_underSkip_writesTheRest_andDeadLettersIt(@TempDir Path dir) throws Exception {
        Path deadLetters = dir.resolve("skipped.jsonl");
        CompletableFuture<WriteOutcome> big;
        try (JsonLinesDeadLetterSink dead = JsonLinesDeadLetterSink.open(deadLetters);
             DynamoDbItemSink sink = sink().failurePolicy(FailurePolicy.SKIP).deadLetterSink(dead).build()) {
            for (int line = 1; line <= 10; line++) {
                sink.write(put("small-" + line, line));
            }
            big = sink.write(put("big", 11, BIG));
            for (int line = 12; line <= 21; line++) {
                sink.write(put("small-" + line, line));
            }
            sink.flush();
            assertThat(big).isCompletedWithValue(WriteOutcome.SKIPPED);
            assertThat(sink.stats().skipped()).isEqualTo(1);
            assertThat(sink.stats().written()).isEqualTo(20);
        }
        assertThat(ddb.countItems(table)).isEqualTo(20);
        List<String> lines = Files.readAllLines(deadLetters);
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).contains("\"file\":\"" + Ops.FILE + "\"", "\"line\":11", "400 KB",
                "\"key\":{\"pk\":{\"S\":\"big\"}}", "\"PutRequest\"");
    }

    @Test
    void write_itemDynamoDbRefusesInAFullBatch_underSkip_isNarrowedDownAlone_andTheOthersAreWritten(
            @TempDir Path dir) throws Exception {
        Path deadLetters = dir.resolve("skipped.jsonl");
        try (JsonLinesDeadLetterSink dead = JsonLinesDeadLetterSink.open(deadLetters);
             DynamoDbItemSink sink = sink().failurePolicy(FailurePolicy.SKIP).deadLetterSink(dead)
                     .batchLinger(Duration.ofSeconds(1)).build()) {
            for (int line = 1; line <= 25; line++) {
                // An empty string is no valid key value: DynamoDB refuses the whole request.
                sink.write(put(line == 13 ? "" : "k" + line, line));
            }
            sink.flush();
            assertThat(sink.stats().skipped()).isEqualTo(1);
            assertThat(sink.stats().written()).isEqualTo(24);
            // 25 refused, 12 + 13, 13 refused: 6 + 7, 6 refused: 3 + 3, 3 refused: 1 + 2, 1 refused.
            assertThat(sink.stats().batches()).isEqualTo(9);
        }
        assertThat(ddb.countItems(table)).isEqualTo(24);
        assertThat(Files.readAllLines(deadLetters)).singleElement().asString()
                .contains("\"line\":13", "ValidationException", "\"pk\":{\"S\":\"\"}");
    }

    @Test
    void write_itemDynamoDbRefuses_underFail_failsNamingKeyLineAndDynamoDbsMessage() {
        try (DynamoDbItemSink sink = sink().batchLinger(Duration.ofSeconds(1)).build()) {
            List<CompletableFuture<WriteOutcome>> futures = new ArrayList<>();
            for (int line = 1; line <= 25; line++) {
                futures.add(sink.write(put(line == 13 ? "" : "k" + line, line)));
            }
            assertThatThrownBy(sink::flush).isInstanceOf(WriteFailedException.class);
            Throwable e = failureOf(futures.get(12));
            assertThat(e).isInstanceOf(WriteFailedException.class)
                    .hasMessageContaining("{pk=S:\"\"}")
                    .hasMessageContaining(Ops.FILE + " line 13")
                    .hasMessageContaining("ValidationException (HTTP 400)");
            assertThat(((WriteFailedException) e).origin()).isEqualTo(new Origin(Ops.FILE, 13));
        }
    }

    @Test
    void write_whenTheQueueIsFull_blocks_andAnInterruptEndsTheWaitWithTheFlagSet() throws Exception {
        ResponseGate gate = new ResponseGate();
        DynamoDbAsyncClient gated = ddb.asyncClientWithoutSdkRetries(gate);
        AtomicInteger accepted = new AtomicInteger();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicReference<Boolean> flagAfter = new AtomicReference<>();
        try (DynamoDbItemSink sink = DynamoDbItemSink.builder().client(gated).tableName(table)
                .maxQueuedOperations(10).build()) {
            Thread writer = new Thread(() -> {
                try {
                    for (int line = 1; line <= 30; line++) {
                        sink.write(put("k" + line, line));
                        accepted.incrementAndGet();
                    }
                } catch (RuntimeException e) {
                    thrown.set(e);
                    flagAfter.set(Thread.currentThread().isInterrupted());
                }
            }, "test-writer");
            writer.start();
            await(() -> writer.getState() == Thread.State.WAITING && gate.held() > 0, "the writer waits for room");
            assertThat(accepted).hasValue(10);
            writer.interrupt();
            writer.join(TimeUnit.SECONDS.toMillis(20));
            assertThat(thrown.get()).isInstanceOf(WriteInterruptedException.class);
            assertThat(flagAfter.get()).isTrue();
            gate.open();
            sink.flush();
            assertThat(sink.stats().written()).isEqualTo(10);
        } finally {
            gate.open();
        }
        assertThat(ddb.countItems(table)).isEqualTo(10);
    }

    @Test
    void close_withOperationsInFlight_failsThem_refusesWrites_andLeavesTheClientOpen() {
        ResponseGate gate = new ResponseGate();
        DynamoDbAsyncClient gated = ddb.asyncClientWithoutSdkRetries(gate);
        List<CompletableFuture<WriteOutcome>> futures = new ArrayList<>();
        try {
            DynamoDbItemSink sink = DynamoDbItemSink.builder().client(gated).tableName(table).build();
            for (int line = 1; line <= 5; line++) {
                futures.add(sink.write(put("k" + line, line)));
            }
            await(() -> gate.held() > 0, "a request is in flight");
            sink.close();
            assertThat(futures).allSatisfy(f -> assertThat(failureOf(f)).isInstanceOf(WriteFailedException.class)
                    .hasMessageContaining("closed"));
            assertThatThrownBy(() -> sink.write(put("after", 6))).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("closed");
            sink.close();
        } finally {
            gate.open();
        }
        assertThat(gated.describeTable(b -> b.tableName(table)).join().table().tableName()).isEqualTo(table);
    }

    @Test
    void write_fromAnActionOnTheSinksThread_isRefused() {
        try (DynamoDbItemSink sink = sink().build()) {
            CompletableFuture<WriteOutcome> chained = sink.write(put("a", 1))
                    .thenCompose(outcome -> sink.write(put("b", 2)));
            sink.flush();
            assertThat(failureOf(chained)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("thenRunAsync");
        }
    }

    @Test
    void meters_countWhatTheStatsCount_andGaugesShowRateAndInFlight() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (DynamoDbItemSink sink = sink().meterRegistry(registry).maxWriteCapacityUnitsPerSecond(5000).build()) {
            for (int line = 1; line <= 100; line++) {
                sink.write(put("k" + line, line));
            }
            for (int line = 101; line <= 110; line++) {
                sink.write(delete("k" + (line - 100), line));
            }
            sink.flush();
            var stats = sink.stats();
            assertThat(registry.get("pitr.write.operations").tag("type", "put").tag("table", table).counter().count())
                    .isEqualTo(100);
            assertThat(registry.get("pitr.write.operations").tag("type", "delete").counter().count()).isEqualTo(10);
            assertThat(registry.get("pitr.write.batches").counter().count()).isEqualTo(stats.batches());
            assertThat(registry.get("pitr.write.batch.latency").timer().count()).isEqualTo(stats.batches());
            assertThat(registry.get("pitr.write.wcu.rate").gauge().value()).isEqualTo(5000);
            assertThat(registry.get("pitr.write.inflight").gauge().value()).isZero();
            assertThat(registry.get("pitr.write.throttles").counter().count()).isZero();
            assertThat(registry.get("pitr.write.skipped").counter().count()).isZero();
            assertThat(registry.get("pitr.write.wcu.consumed").counter().count())
                    .isEqualTo(stats.consumedWriteCapacityUnits());
        }
    }
}
