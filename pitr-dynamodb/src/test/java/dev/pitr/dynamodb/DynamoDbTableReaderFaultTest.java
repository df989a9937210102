package dev.pitr.dynamodb;

import static dev.pitr.dynamodb.ReaderTables.HASH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pitr.PitrException;
import dev.pitr.dynamodb.testing.ReadFaults;
import dev.pitr.model.Item;
import dev.pitr.model.Key;
import dev.pitr.testing.dynamodb.DynamoDbLocal;
import dev.pitr.testing.dynamodb.DynamoDbLocalExtension;
import dev.pitr.verify.TableReader.ReadStats;
import dev.pitr.write.WriteRateLimiter;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;

/**
 * Throttled Scan pages, injected into the answers of a client whose own SDK retries are on: the
 * reader sees each throttle (the SDK does not retry its requests), asks for the same page again,
 * loses and repeats nothing, and slows down.
 */
@ExtendWith(DynamoDbLocalExtension.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DynamoDbTableReaderFaultTest {
    private static final int ITEMS = 2_000;

    private static DynamoDbLocal ddb;
    private static String table;
    private static Map<Key, Item> items;

    @BeforeAll
    static void table(DynamoDbLocal local) {
        ddb = local;
        table = DynamoDbLocal.uniqueTableName("read-faults");
        items = ReaderTables.create(local, table, HASH, ReaderTables.hashItems(new Random(8), ITEMS));
    }

    /** A client with the SDK's default retries, and {@code faults}; the caller closes it. */
    private static DynamoDbAsyncClient retryingClient(ReadFaults faults) {
        return ddb.asyncClientBuilder().overrideConfiguration(o -> o.addExecutionInterceptor(faults)).build();
    }

    @Test
    void scan_everyThirdPageThrottled_isAskedAgain_losingAndRepeatingNothing_countingEachThrottle_slowingDown() {
        ReadFaults faults = new ReadFaults().throttlingScans(n -> n % 3 == 0);
        WriteRateLimiter limiter = WriteRateLimiter.builder().build();
        ReaderTables.Collected collected = new ReaderTables.Collected(HASH);
        ReadStats stats;
        try (DynamoDbAsyncClient client = retryingClient(faults)) {
            DynamoDbTableReader reader = DynamoDbTableReader.builder().client(client).tableName(table)
                    .segments(4).pageLimit(100).rateLimiter(limiter)
                    .backoff(Duration.ofMillis(1), Duration.ofMillis(20)).build();
            stats = reader.scan(collected);
        }

        assertThat(collected.repeated()).isZero();
        assertThat(ReaderTables.differences(items, collected.items())).isEmpty();
        assertThat(faults.throttles()).isGreaterThanOrEqualTo(ITEMS / 100 / 2);
        assertThat(stats.throttled()).isEqualTo(faults.throttles());
        assertThat(stats.requests()).isEqualTo(faults.scans() - faults.throttles());
        assertThat(faults.attempts()).as("HTTP attempts: the SDK retried nothing itself").isEqualTo(faults.scans());
        assertThat(limiter.decreases()).isPositive();
        assertThat(limiter.currentRate()).isLessThan(WriteRateLimiter.DEFAULT_UNLIMITED_START);
    }

    @Test
    void scan_throttledOnEveryAttempt_givesUpAfterMaxAttempts_namingTableAndSegment() {
        ReadFaults faults = new ReadFaults().throttlingScans(n -> true);
        try (DynamoDbAsyncClient client = retryingClient(faults)) {
            DynamoDbTableReader reader = DynamoDbTableReader.builder().client(client).tableName(table)
                    .segments(1).maxAttempts(3).backoff(Duration.ofMillis(1), Duration.ofMillis(2)).build();

            assertThatThrownBy(() -> reader.scan(item -> { })).isInstanceOf(PitrException.class)
                    .hasMessageContaining("table " + table).hasMessageContaining("Scan segment 0 of 1")
                    .hasMessageContaining("failed 3 times").hasMessageContaining("ProvisionedThroughputExceededException");
            assertThat(faults.scans()).isEqualTo(3);
            assertThat(faults.attempts()).isEqualTo(3);
            assertThat(reader.stats().throttled()).isEqualTo(3);
            assertThat(reader.stats().items()).isZero();
        }
    }
}
