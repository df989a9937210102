package dev.pitr.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pitr.dynamodb.testing.FaultInjector;
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
import dev.pitr.write.SinkStats;
import dev.pitr.write.WriteFailedException;
import dev.pitr.write.WriteRateLimiter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Under injected faults (30 % of items handed back unprocessed, 10 % of calls throttled, 5 % of
 * calls answered with HTTP 500) nothing is lost, operations on one item keep their order, and
 * the counters say exactly what was injected.
 */
@ExtendWith(DynamoDbLocalExtension.class)
class DynamoDbItemSinkFaultTest {
    private static final KeySchema SCHEMA = KeySchema.of("pk", KeySchema.ScalarType.S, "sk", KeySchema.ScalarType.N);
    private static final int OPERATIONS = 10_000;
    /** Ways to write one number: DynamoDB stores them as one value, the writer must see one item. */
    private static final String[] FORMS = {"%d", "%d.0", "%d.00", "%d0E-1"};
    /** Number keys written in one test; the first is the one handed back. */
    private static final List<String> NUMBER_KEYS = List.of("1.5", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10");
    /** Sent when a call's only entry is handed back: a delete of a key no test writes. */
    private static final String FILLER = "{\"DeleteRequest\":{\"Key\":{\"id\":{\"N\":\"-1\"}}}}";

    @Test
    void write_underUnprocessedItemsThrottlingAnd500s_losesNothing_andCountsExactlyWhatWasInjected(DynamoDbLocal ddb) {
        String table = DynamoDbLocal.uniqueTableName("faults");
        ddb.createTable(table, SCHEMA);
        FaultInjector faults = new FaultInjector(0.30, 0.10, 0.05, 42);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        // The injected faults do not depend on the rate, so AIMD would keep lowering it to its
        // floor; a high floor keeps this test about losing nothing, not about pacing.
        WriteRateLimiter limiter = WriteRateLimiter.builder().floor(5_000).build();
        ExpectedTable expected = new ExpectedTable(SCHEMA);
        Random random = new Random(7);
        SinkStats stats;
        try (DynamoDbItemSink sink = DynamoDbItemSink.builder()
                .client(ddb.asyncClientWithoutSdkRetries(faults))
                .tableName(table)
                .rateLimiter(limiter)
                .backoff(Duration.ofMillis(2), Duration.ofMillis(100))
                .meterRegistry(registry)
                .build()) {
            for (int line = 1; line <= OPERATIONS; line++) {
                int item = random.nextInt(1_000);
                String pk = "tenant-" + item % 50;
                String sk = String.format(FORMS[random.nextInt(FORMS.length)], item / 50);
                WriteOp op = random.nextInt(5) == 0
                        ? new WriteOp.Delete(Key.of("pk", new AttributeValue.S(pk), "sk", new AttributeValue.N(sk)),
                                new Origin(Ops.FILE, line), line)
                        : put(pk, sk, line);
                expected.apply(op);
                sink.write(op);
            }
            sink.flush();
            stats = sink.stats();
        }
        assertThat(faults.throttles()).isPositive();
        assertThat(faults.serverErrors()).isPositive();
        assertThat(faults.unprocessedItems()).isGreaterThan(OPERATIONS / 5);

        assertThat(stats.written()).isEqualTo(OPERATIONS);
        assertThat(stats.throttles()).isEqualTo(faults.throttles());
        assertThat(stats.serverErrors()).isEqualTo(faults.serverErrors());
        assertThat(stats.retries()).isEqualTo(faults.throttles() + faults.serverErrors());
        assertThat(stats.unprocessedResends()).isEqualTo(faults.unprocessedItems());
        assertThat(stats.batches()).isEqualTo(faults.calls());
        assertThat(stats.failed() + stats.skipped()).isZero();

        assertThat(registry.get("pitr.write.throttles").counter().count()).isEqualTo(faults.throttles());
        assertThat(registry.get("pitr.write.retries").counter().count()).isEqualTo(stats.retries());
        assertThat(registry.get("pitr.write.unprocessed").counter().count()).isEqualTo(faults.unprocessedItems());
        assertThat(registry.get("pitr.write.server.errors").counter().count()).isEqualTo(faults.serverErrors());
        assertThat(registry.get("pitr.write.batches").counter().count()).isEqualTo(faults.calls());
        assertThat(limiter.decreases()).isPositive();

        assertThat(expected.differences(ddb.syncClient(), table)).isEmpty();
    }

    @Test
    void write_throttledPastTheRetryDeadline_underSkip_isDeadLetteredWithTheLastError(DynamoDbLocal ddb,
                                                                                     @TempDir Path dir)
            throws Exception {
        String table = DynamoDbLocal.uniqueTableName("deadline");
        ddb.createTable(table, Ops.HASH);
        FaultInjector everyCallThrottled = new FaultInjector(0, 1, 0, 1);
        Path deadLetters = dir.resolve("skipped.jsonl");
        try (JsonLinesDeadLetterSink dead = JsonLinesDeadLetterSink.open(deadLetters);
             DynamoDbItemSink sink = DynamoDbItemSink.builder()
                     .client(ddb.asyncClientWithoutSdkRetries(everyCallThrottled)).tableName(table)
                     .failurePolicy(FailurePolicy.SKIP).deadLetterSink(dead)
                     .retryDeadline(Duration.ofMillis(300)).backoff(Duration.ofMillis(5), Duration.ofMillis(50))
                     .build()) {
            for (int line = 1; line <= 30; line++) {
                sink.write(Ops.put("k" + line, line));
            }
            sink.flush();
            assertThat(sink.stats().skipped()).isEqualTo(30);
            assertThat(sink.stats().written()).isZero();
            assertThat(sink.stats().throttles()).isEqualTo(everyCallThrottled.throttles()).isGreaterThan(1);
        }
        assertThat(ddb.countItems(table)).isZero();
        assertThat(Files.readAllLines(deadLetters)).hasSize(30).allSatisfy(line -> assertThat(line)
                .contains("still not accepted after retrying for PT0.3S", "ProvisionedThroughputExceededException"));
    }

    @Test
    void write_throttledPastTheRetryDeadline_underFail_failsTheSinkNamingKeyAndLine(DynamoDbLocal ddb) {
        String table = DynamoDbLocal.uniqueTableName("deadline");
        ddb.createTable(table, Ops.HASH);
        try (DynamoDbItemSink sink = DynamoDbItemSink.builder()
                .client(ddb.asyncClientWithoutSdkRetries(new FaultInjector(0, 1, 0, 1))).tableName(table)
                .retryDeadline(Duration.ofMillis(200)).backoff(Duration.ofMillis(5), Duration.ofMillis(50))
                .build()) {
            sink.write(Ops.put("only", 1));
            assertThatThrownBy(sink::flush).isInstanceOf(WriteFailedException.class)
                    .hasMessageContaining("{pk=S:\"only\"}").hasMessageContaining(Ops.FILE + " line 1")
                    .hasMessageContaining("still not accepted after retrying for PT0.2S");
        }
    }

    @Test
    void write_handedBackWithItsNumberKeyWrittenAnotherWay_isMatchedAndSentAgain(DynamoDbLocal ddb) {
        FaultInjector faults = new FaultInjector(0, 0, 0, 1).handingBack(handBackOnce("1.5", "1.50"), FILLER);

        SinkStats stats = writeNumberKeys(ddb, faults);

        assertThat(faults.unprocessedItems()).isEqualTo(1);
        assertThat(stats.unprocessedResends()).isEqualTo(1);
        assertThat(stats.written()).isEqualTo(NUMBER_KEYS.size());
    }

    @Test
    void write_handedBackEntryMatchingNoOperation_takesNoneOfTheBatchAsWritten_andSendsItAgain(DynamoDbLocal ddb) {
        FaultInjector faults = new FaultInjector(0, 0, 0, 1).handingBack(handBackOnce("1.5", "7.25"), FILLER);

        SinkStats stats = writeNumberKeys(ddb, faults);

        assertThat(faults.unprocessedItems()).isEqualTo(1);
        assertThat(stats.unprocessedResends()).isGreaterThanOrEqualTo(1);
        assertThat(stats.written()).isEqualTo(NUMBER_KEYS.size());
    }

    /**
     * Writes a put for each of {@link #NUMBER_KEYS} through {@code faults}, and checks the table
     * holds exactly those items.
     */
    private static SinkStats writeNumberKeys(DynamoDbLocal ddb, FaultInjector faults) {
        KeySchema schema = KeySchema.of("id", KeySchema.ScalarType.N);
        String table = DynamoDbLocal.uniqueTableName("numbers");
        ddb.createTable(table, schema);
        ExpectedTable expected = new ExpectedTable(schema);
        SinkStats stats;
        try (DynamoDbItemSink sink = DynamoDbItemSink.builder()
                .client(ddb.asyncClientWithoutSdkRetries(faults)).tableName(table)
                .backoff(Duration.ofMillis(1), Duration.ofMillis(10))
                .build()) {
            for (int line = 1; line <= NUMBER_KEYS.size(); line++) {
                Map<String, AttributeValue> attrs = new LinkedHashMap<>();
                attrs.put("id", new AttributeValue.N(NUMBER_KEYS.get(line - 1)));
                attrs.put("line", new AttributeValue.N(Integer.toString(line)));
                WriteOp op = new WriteOp.Put(new Item(attrs), new Origin(Ops.FILE, line), line);
                expected.apply(op);
                sink.write(op);
            }
            sink.flush();
            stats = sink.stats();
        }
        assertThat(expected.differences(ddb.syncClient(), table)).isEmpty();
        return stats;
    }

    /**
     * Hands back, once, the put whose number key is written {@code sent}, with the key written
     * {@code answered} in the answer.
     */
    private static FaultInjector.HandBack handBackOnce(String sent, String answered) {
        AtomicBoolean done = new AtomicBoolean();
        return entry -> {
            if (entry.putRequest() == null || !sent.equals(entry.putRequest().item().get("id").n())
                    || !done.compareAndSet(false, true)) {
                return null;
            }
            Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> item =
                    new LinkedHashMap<>(entry.putRequest().item());
            item.put("id", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromN(answered));
            return WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build();
        };
    }

    private static WriteOp put(String pk, String sk, long line) {
        Map<String, AttributeValue> attrs = new LinkedHashMap<>();
        attrs.put("pk", new AttributeValue.S(pk));
        attrs.put("sk", new AttributeValue.N(sk));
        attrs.put("line", new AttributeValue.N(Long.toString(line)));
        attrs.put("blob", AttributeValue.B.wrap(new byte[] {(byte) line, (byte) (line >> 8)}));
        return new WriteOp.Put(new Item(attrs), new Origin(Ops.FILE, line), line);
    }
}
