package dev.pitr.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pitr.write.WriteRateLimiter;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;

class DynamoDbItemSinkBuilderTest {

    @Test
    void setters_badValues_areRefusedAtOnceNamingTheValue() {
        DynamoDbItemSink.Builder b = DynamoDbItemSink.builder();
        assertThatThrownBy(() -> b.tableName("ab")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"ab\"");
        assertThatThrownBy(() -> b.tableName("has space")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"has space\"");
        assertThatThrownBy(() -> b.tableName(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> b.client(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> b.maxWriteCapacityUnitsPerSecond(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0.0");
        assertThatThrownBy(() -> b.maxWriteCapacityUnitsPerSecond(Double.POSITIVE_INFINITY))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Infinity");
        assertThatThrownBy(() -> b.maxInFlightRequests(0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(": 0");
        assertThatThrownBy(() -> b.maxInFlightRequests(1025)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1025");
        assertThatThrownBy(() -> b.maxQueuedOperations(0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(": 0");
        assertThatThrownBy(() -> b.maxQueuedBytes(1000)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1000");
        assertThatThrownBy(() -> b.failurePolicy(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> b.deadLetterSink(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> b.retryDeadline(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT0S");
        assertThatThrownBy(() -> b.backoff(Duration.ZERO, Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("base PT0S");
        assertThatThrownBy(() -> b.backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cap PT1S");
        assertThatThrownBy(() -> b.batchLinger(Duration.ofSeconds(2))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PT2S");
        assertThatThrownBy(() -> b.meterRegistry(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> b.ticker(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> b.rateLimiter(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void tableName_anArn_isAccepted() {
        DynamoDbItemSink.builder().tableName("arn:aws:dynamodb:eu-west-1:123456789012:table/orders");
    }

    @Test
    void build_withoutClientOrTable_orWithCeilingAndLimiterBoth_isRefused() {
        assertThatThrownBy(() -> DynamoDbItemSink.builder().tableName("orders").build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("client");
        try (DynamoDbAsyncClient client = client()) {
            assertThatThrownBy(() -> DynamoDbItemSink.builder().client(client).build())
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("tableName");
            assertThatThrownBy(() -> DynamoDbItemSink.builder().client(client).tableName("orders")
                    .maxWriteCapacityUnitsPerSecond(100).rateLimiter(WriteRateLimiter.builder().build()).build())
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("not both");
        }
    }

    @Test
    void build_startsOneNamedDaemonThread_thatCloseStops() {
        try (DynamoDbAsyncClient client = client()) {
            DynamoDbItemSink sink = DynamoDbItemSink.builder().client(client).tableName("threads-table").build();
            Thread thread = writerThread("threads-table").orElseThrow();
            assertThat(thread.isDaemon()).isTrue();
            sink.close();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (thread.isAlive() && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(thread.isAlive()).isFalse();
            assertThat(sink.stats().written()).isZero();
        }
    }

    private static Optional<Thread> writerThread(String table) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("pitr-writer-" + table + "-")).findFirst();
    }

    private static DynamoDbAsyncClient client() {
        return DynamoDbAsyncClient.builder().region(Region.US_EAST_1)
                .credentialsProvider(AnonymousCredentialsProvider.create())
                .endpointOverride(URI.create("http://127.0.0.1:9")).build();
    }
}
