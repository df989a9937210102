package dev.pitr.dynamodb;

import static dev.pitr.dynamodb.testing.Waits.await;
import static dev.pitr.dynamodb.testing.Waits.awaitFailureOf;
import static dev.pitr.dynamodb.testing.Waits.failureOf;
import static dev.pitr.dynamodb.ConditionalTables.item;
import static dev.pitr.dynamodb.ConditionalTables.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pitr.PitrException;
import dev.pitr.dynamodb.testing.ConditionalFaults;
import dev.pitr.dynamodb.testing.ResponseGate;
import dev.pitr.model.Item;
import dev.pitr.model.Key;
import dev.pitr.revert.ConditionalSink.Condition;
import dev.pitr.revert.ConditionalSink.Outcome;
import dev.pitr.revert.ConditionalSink.Write;
import dev.pitr.verify.SameValue;
import dev.pitr.write.WriteInterruptedException;
import dev.pitr.write.WriteRateLimiter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/**
 * The conditional sink under throttling, lost answers, back-pressure, interrupts and close,
 * injected into the answers of DynamoDB Local through SDK interceptors.
 */
class DynamoDbConditionalSinkFaultTest extends ConditionalSinkTesting {

    /** A client with the SDK's default retries, and {@code interceptor}; the caller closes it. */
    private static DynamoDbAsyncClient retryingClient(ExecutionInterceptor interceptor) {
        return ddb.asyncClientBuilder().overrideConfiguration(o -> o.addExecutionInterceptor(interceptor)).build();
    }

    private static Item itemOf(int i) {
        return item("pk", s("k" + i), "state", s("reverted " + i));
    }

    private static Write absent(int i) {
        return new Write(Key.of("pk", s("k" + i)), itemOf(i), new Condition.Absent(), "key " + i);
    }

    @Test
    void throttledPuts_areSentAgain_withTheSdksRetriesBypassed_countingEachThrottle_andSlowingDown() {
        ConditionalFaults faults = new ConditionalFaults().throttling(n -> n % 3 == 0);
        WriteRateLimiter limiter = WriteRateLimiter.builder().build();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        List<CompletableFuture<Outcome>> outcomes = new ArrayList<>();
        try (DynamoDbAsyncClient retrying = retryingClient(faults);
             DynamoDbConditionalSink sink = DynamoDbConditionalSink.builder().client(retrying).tableName(table.name())
                     .rateLimiter(limiter).meterRegistry(registry).maxInFlight(4)
                     .backoff(Duration.ofMillis(1), Duration.ofMillis(20)).build()) {
            for (int i = 0; i < 30; i++) {
                outcomes.add(sink.write(absent(i)));
            }
            sink.flush();
        }

        assertThat(outcomes).allSatisfy(f -> assertThat(f).isCompletedWithValue(new Outcome.Written()));
        for (int i = 0; i < 30; i++) {
            assertThat(SameValue.items(table.get(Key.of("pk", s("k" + i))), itemOf(i))).isTrue();
        }
        assertThat(faults.throttles()).isGreaterThanOrEqualTo(10);
        assertThat(faults.calls()).isEqualTo(30 + faults.throttles());
        assertThat(faults.attempts()).as("HTTP attempts: the SDK retried nothing itself").isEqualTo(faults.calls());
        assertThat(registry.get("pitr.revert.throttles").counter().count()).isEqualTo(faults.throttles());
        assertThat(registry.get("pitr.revert.writes").tag("outcome", "written").counter().count()).isEqualTo(30);
        assertThat(limiter.decreases()).isPositive();
        assertThat(limiter.currentRate()).isLessThan(WriteRateLimiter.DEFAULT_UNLIMITED_START);
    }

    @Test
    void throttledOnEveryAttempt_failsAfterMaxAttempts_namingTableOriginAndError() {
        ConditionalFaults faults = new ConditionalFaults().throttling(n -> true);
        try (DynamoDbConditionalSink sink = sinkThrough(faults).maxAttempts(3)
                .backoff(Duration.ofMillis(1), Duration.ofMillis(2)).build()) {

            Throwable failure = awaitFailureOf(sink.write(absent(1)));

            assertThat(failure).isInstanceOf(PitrException.class).hasMessageContaining("table " + table.name())
                    .hasMessageContaining("key 1").hasMessageContaining("3 times")
                    .hasMessageContaining("ProvisionedThroughputExceededException");
            assertThat(faults.calls()).isEqualTo(3);
            assertThat(sink.capacityUnits()).as("a throttled write consumes nothing").isZero();
        }
        assertThat(table.get(Key.of("pk", s("k1")))).isNull();
    }

    @Test
    void appliedButAnsweredWith500_isSentAgain_andFindingItsOwnTargetThere_isWritten() {
        Item after = item("pk", s("k1"), "state", s("after"));
        Item before = item("pk", s("k1"), "state", s("before"));
        table.seed(after, item("pk", s("k2"), "state", s("after")));
        ConditionalFaults faults = new ConditionalFaults().applyingThenFailing(n -> n == 1 || n == 3);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (DynamoDbConditionalSink sink = sinkThrough(faults).meterRegistry(registry)
                .backoff(Duration.ofMillis(1), Duration.ofMillis(2)).build()) {

            Outcome put = sink.write(new Write(Key.of("pk", s("k1")), before, new Condition.Equals(after), "put"))
                    .join();
            Outcome delete = sink.write(new Write(Key.of("pk", s("k2")), null,
                    new Condition.Equals(item("pk", s("k2"), "state", s("after"))), "delete")).join();

            assertThat(put).isEqualTo(new Outcome.Written());
            assertThat(delete).isEqualTo(new Outcome.Written());
            assertThat(faults.serverErrors()).isEqualTo(2);
            assertThat(faults.calls()).as("each sent twice").isEqualTo(4);
            assertThat(registry.get("pitr.revert.server.errors").counter().count()).isEqualTo(2);
        }
        assertThat(SameValue.items(table.get(Key.of("pk", s("k1"))), before)).isTrue();
        assertThat(table.get(Key.of("pk", s("k2")))).isNull();
    }

    @Test
    void maxInFlight_writesBeyondIt_blockTheWriter_untilAnswersCome() throws Exception {
        ResponseGate gate = new ResponseGate(PutItemRequest.class);
        List<CompletableFuture<Outcome>> accepted = new CopyOnWriteArrayList<>();
        try (DynamoDbConditionalSink sink = sinkThrough(gate).maxInFlight(2).build()) {
            sink.open();
            Thread writer = new Thread(() -> {
                for (int i = 0; i < 5; i++) {
                    accepted.add(sink.write(absent(i)));
                }
            }, "test-writer");
            writer.start();

            await(() -> gate.sent() == 2 && accepted.size() == 2 && writer.getState() == Thread.State.WAITING,
                    "two writes are in flight and the writer waits");
            assertThat(accepted).hasSize(2);
            gate.open();
            writer.join(TimeUnit.SECONDS.toMillis(20));
            sink.flush();

            assertThat(writer.isAlive()).isFalse();
            assertThat(accepted).hasSize(5).allSatisfy(f -> assertThat(f).isCompletedWithValue(new Outcome.Written()));
        } finally {
            gate.open();
        }
    }

    @Test
    void writerInterruptedWhileWaitingForRoom_getsWriteInterruptedException_withTheFlagSet() throws Exception {
        ResponseGate gate = new ResponseGate(PutItemRequest.class);
        List<CompletableFuture<Outcome>> accepted = new CopyOnWriteArrayList<>();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicReference<Boolean> flagAfter = new AtomicReference<>();
        try (DynamoDbConditionalSink sink = sinkThrough(gate).maxInFlight(1).build()) {
            sink.open();
            Thread writer = new Thread(() -> {
                try {
                    for (int i = 0; i < 3; i++) {
                        accepted.add(sink.write(absent(i)));
                    }
                } catch (RuntimeException e) {
                    thrown.set(e);
                    flagAfter.set(Thread.currentThread().isInterrupted());
                }
            }, "test-writer");
            writer.start();
            await(() -> gate.held() == 1 && writer.getState() == Thread.State.WAITING, "the writer waits for room");

            writer.interrupt();
            writer.join(TimeUnit.SECONDS.toMillis(20));

            assertThat(thrown.get()).isInstanceOf(WriteInterruptedException.class).hasMessageContaining(table.name());
            assertThat(flagAfter.get()).isTrue();
            gate.open();
            sink.flush();
            assertThat(accepted).hasSize(1).allSatisfy(f -> assertThat(f).isCompletedWithValue(new Outcome.Written()));
        } finally {
            gate.open();
        }
        assertThat(table.get(Key.of("pk", s("k1")))).as("the interrupted write was not sent").isNull();
    }

    @Test
    void close_failsTheWriteInFlightAndTheOneWaitingForTheRateLimiter_refusesLaterWrites_andLeavesTheClientOpen() {
        ResponseGate gate = new ResponseGate(PutItemRequest.class);
        DynamoDbAsyncClient gated = ddb.asyncClientWithoutSdkRetries(gate);
        try {
            // At 0.01 WCU/s the bucket holds one unit: the first write goes, the second waits 100 s.
            DynamoDbConditionalSink sink = DynamoDbConditionalSink.builder().client(gated).tableName(table.name())
                    .maxWriteCapacityUnitsPerSecond(0.01).build();
            CompletableFuture<Outcome> inFlight = sink.write(absent(1));
            await(() -> gate.held() == 1, "the first write is in flight");
            CompletableFuture<Outcome> waiting = sink.write(absent(2));

            sink.close();

            assertThat(failureOf(inFlight)).isInstanceOf(PitrException.class).hasMessageContaining("key 1")
                    .hasMessageContaining("unknown outcome").hasMessageContaining("closed");
            assertThat(failureOf(waiting)).isInstanceOf(PitrException.class).hasMessageContaining("key 2")
                    .hasMessageContaining("not sent").hasMessageContaining("closed");
            assertThatThrownBy(() -> sink.write(absent(9))).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("closed");
            sink.close();
        } finally {
            gate.open();
        }
        assertThat(gated.describeTable(b -> b.tableName(table.name())).join().table().tableName()).isEqualTo(table.name());
        assertThat(table.get(Key.of("pk", s("k2")))).isNull();
    }
}
