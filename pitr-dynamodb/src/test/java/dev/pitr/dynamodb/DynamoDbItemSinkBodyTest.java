package dev.pitr.dynamodb;

import static dev.pitr.dynamodb.Ops.HASH;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pitr.dynamodb.testing.FaultInjector;
import dev.pitr.dynamodb.testing.RandomItems;
import dev.pitr.model.WriteOp;
import dev.pitr.testing.dynamodb.DynamoDbLocal;
import dev.pitr.testing.dynamodb.DynamoDbLocalExtension;
import dev.pitr.testing.dynamodb.ExpectedTable;
import dev.pitr.write.WriteRateLimiter;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.retries.api.AcquireInitialTokenRequest;
import software.amazon.awssdk.retries.api.AcquireInitialTokenResponse;
import software.amazon.awssdk.retries.api.RecordSuccessRequest;
import software.amazon.awssdk.retries.api.RecordSuccessResponse;
import software.amazon.awssdk.retries.api.RefreshRetryTokenRequest;
import software.amazon.awssdk.retries.api.RefreshRetryTokenResponse;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Items of every type and shape round-trip exactly, whoever writes the request body. */
@ExtendWith(DynamoDbLocalExtension.class)
class DynamoDbItemSinkBodyTest {

    @ParameterizedTest
    @EnumSource(DynamoDbItemSink.RequestBody.class)
    void itemsOfEveryShape_roundTripExactly(DynamoDbItemSink.RequestBody body, DynamoDbLocal ddb) {
        String table = DynamoDbLocal.uniqueTableName("body");
        ddb.createTable(table, HASH);
        List<WriteOp> ops = RandomItems.ops(new Random(21), 600);
        ExpectedTable expected = new ExpectedTable(HASH);
        DynamoDbClient reader = ddb.syncClient();
        try (DynamoDbItemSink sink = DynamoDbItemSink.builder().client(ddb.asyncClient()).tableName(table)
                .requestBody(body).build()) {
            for (WriteOp op : ops) {
                sink.write(op);
                expected.apply(op);
            }
            sink.flush();
        }
        assertThat(expected.size()).isGreaterThan(400);
        assertThat(expected.differences(reader, table)).isEmpty();
    }

    @Test
    void itemsOfEveryShape_handedBackThrottledAnd500ed_areResentFromTheirOwnEntries(DynamoDbLocal ddb) {
        // Handed-back items are matched to their operations by key (awkward strings included) and
        // sent again as a body of their own entries: the table ends up exact.
        String table = DynamoDbLocal.uniqueTableName("bodyfaults");
        ddb.createTable(table, HASH);
        FaultInjector faults = new FaultInjector(0.30, 0.10, 0.05, 3);
        List<WriteOp> ops = RandomItems.ops(new Random(22), 800);
        ExpectedTable expected = new ExpectedTable(HASH);
        try (DynamoDbItemSink sink = DynamoDbItemSink.builder().client(ddb.asyncClientWithoutSdkRetries(faults))
                .tableName(table).rateLimiter(WriteRateLimiter.builder().floor(5_000).build())
                .backoff(Duration.ofMillis(2), Duration.ofMillis(50)).build()) {
            for (WriteOp op : ops) {
                sink.write(op);
                expected.apply(op);
            }
            sink.flush();
            assertThat(sink.stats().written()).isEqualTo(ops.size());
            assertThat(sink.stats().unprocessedResends()).isEqualTo(faults.unprocessedItems());
        }
        assertThat(faults.unprocessedItems()).isGreaterThan(100);
        assertThat(faults.throttles() + faults.serverErrors()).isPositive();
        assertThat(expected.differences(ddb.syncClient(), table)).isEmpty();
    }

    @Test
    void swappedBody_keepsTheClientsOwnRetryStrategy(DynamoDbLocal ddb) {
        // The per-request plugin must not give requests a retry strategy of their own (a fresh
        // token bucket per request): every batch goes through the client's.
        String table = DynamoDbLocal.uniqueTableName("bodyretry");
        ddb.createTable(table, HASH);
        AtomicInteger attempts = new AtomicInteger();
        RetryStrategy standard = AwsRetryStrategy.standardRetryStrategy();
        RetryStrategy counting = new RetryStrategy() {
            @Override
            public AcquireInitialTokenResponse acquireInitialToken(AcquireInitialTokenRequest request) {
                attempts.incrementAndGet();
                return standard.acquireInitialToken(request);
            }

            @Override
            public RefreshRetryTokenResponse refreshRetryToken(RefreshRetryTokenRequest request) {
                return standard.refreshRetryToken(request);
            }

            @Override
            public RecordSuccessResponse recordSuccess(RecordSuccessRequest request) {
                return standard.recordSuccess(request);
            }

            @Override
            public int maxAttempts() {
                return standard.maxAttempts();
            }

            @Override
            public RetryStrategy.Builder<?, ?> toBuilder() {
                return standard.toBuilder();
            }
        };
        try (DynamoDbAsyncClient client = ddb.asyncClientBuilder().overrideConfiguration(o -> o.retryStrategy(counting))
                .build()) {
            long batches;
            try (DynamoDbItemSink sink = DynamoDbItemSink.builder().client(client).tableName(table).build()) {
                sink.open(); // DescribeTable
                int before = attempts.get();
                for (WriteOp op : RandomItems.ops(new Random(23), 200)) {
                    sink.write(op);
                }
                sink.flush();
                batches = sink.stats().batches();
                assertThat(attempts.get() - before).isEqualTo(batches);
            }
            assertThat(batches).isGreaterThanOrEqualTo(8);
        }
    }
}
