package dev.pitr.dynamodb.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pitr.dynamodb.testing.FaultInjector;
import dev.pitr.model.WriteOp;
import dev.pitr.testing.dynamodb.DynamoDbLocal;
import dev.pitr.testing.dynamodb.DynamoDbLocalExtension;
import dev.pitr.testing.dynamodb.ExpectedTable;
import dev.pitr.write.DeadLetterSink;
import dev.pitr.write.FailurePolicy;
import dev.pitr.write.Ticker;
import dev.pitr.write.WriteOutcome;
import dev.pitr.write.WriteRateLimiter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What the writer holds in memory stays within its queue bounds, whatever order operations finish in. */
@ExtendWith(DynamoDbLocalExtension.class)
class WriteEngineMemoryTest {
    private static final int MAX_QUEUED_OPERATIONS = 64;
    private static final long MAX_QUEUED_BYTES = 1024 * 1024;
    private static final int BEHIND = 3_000;
    private static final String FILLER = "{\"DeleteRequest\":{\"Key\":{\"pk\":{\"S\":\"filler-never-written\"}}}}";

    @Test
    void write_oneOperationRetriedForLong_theOperationsFinishedBehindItAreNotHeld(DynamoDbLocal ddb) throws Exception {
        String table = DynamoDbLocal.uniqueTableName("memory");
        ddb.createTable(table, TestOps.HASH);
        AtomicBoolean holding = new AtomicBoolean(true);
        FaultInjector faults = new FaultInjector(0, 0, 0, 1).handingBack(entry -> holding.get()
                && entry.putRequest() != null && entry.putRequest().item().get("pk").s().equals("stuck")
                ? entry : null, FILLER);
        ExpectedTable expected = new ExpectedTable(TestOps.HASH);
        String payload = "x".repeat(1_000);
        WriteEngine engine = new WriteEngine(new SinkConfig(ddb.asyncClientWithoutSdkRetries(faults), table,
                WriteRateLimiter.builder().floor(5_000).build(), 8, MAX_QUEUED_OPERATIONS, MAX_QUEUED_BYTES,
                FailurePolicy.FAIL, DeadLetterSink.discarding(), null, Duration.ofMillis(1), Duration.ofMillis(5),
                Duration.ofMillis(2), new SimpleMeterRegistry(), Ticker.system(), true));
        try (engine) {
            WriteOp stuckOp = TestOps.put("stuck", payload, 1);
            expected.apply(stuckOp);
            CompletableFuture<WriteOutcome> stuck = engine.write(stuckOp);
            int mostHeld = 0;
            long mostBytes = 0;
            for (int line = 2; line <= BEHIND + 1; line++) {
                WriteOp op = TestOps.put("k" + line, payload, line);
                expected.apply(op);
                engine.write(op); // blocks while MAX_QUEUED_OPERATIONS are unfinished
                mostHeld = Math.max(mostHeld, engine.retainedOperations());
                mostBytes = Math.max(mostBytes, engine.retainedBytes());
            }

            assertThat(faults.unprocessedItems()).as("times the stuck operation was handed back").isGreaterThan(1);
            assertThat(stuck).isNotDone();
            assertThat(mostHeld).as("operations held").isLessThanOrEqualTo(MAX_QUEUED_OPERATIONS);
            assertThat(mostBytes).as("request bytes held").isLessThanOrEqualTo(MAX_QUEUED_BYTES);
            assertThat(pollUntil(engine::retainedOperations, 1)).as("held once the others are written").isEqualTo(1);
            assertThat(stuck).isNotDone();

            holding.set(false);
            engine.flush();

            assertThat(stuck.get(10, TimeUnit.SECONDS)).isEqualTo(WriteOutcome.WRITTEN);
            assertThat(engine.stats().written()).isEqualTo(BEHIND + 1);
            assertThat(pollUntil(engine::retainedOperations, 0)).isZero();
        }
        assertThat(expected.differences(ddb.syncClient(), table)).isEmpty();
    }

    /** Reads {@code value} until it is {@code wanted} or 10 s passed; the last value read. */
    private static int pollUntil(IntSupplier value, int wanted) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        int v = value.getAsInt();
        while (v != wanted && System.nanoTime() - deadline < 0) {
            Thread.onSpinWait();
            v = value.getAsInt();
        }
        return v;
    }
}
