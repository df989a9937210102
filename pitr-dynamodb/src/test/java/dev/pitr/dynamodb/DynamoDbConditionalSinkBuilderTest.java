package dev.pitr.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pitr.write.WriteRateLimiter;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;

class DynamoDbConditionalSinkBuilderTest {

    @Test
    void setters_badValues_areRefusedAtOnceNamingTheValue() {
        DynamoDbConditionalSink.Builder b = DynamoDbConditionalSink.builder();
        assertThatThrownBy(() -> b.tableName("ab")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"ab\"");
        assertThatThrownBy(() -> b.tableName("has space")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"has space\"");
        assertThatThrownBy(() -> b.tableName(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> b.client(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> b.maxWriteCapacityUnitsPerSecond(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxWriteCapacityUnitsPerSecond must be a positive finite number, got 0.0");
        assertThatThrownBy(() -> b.maxWriteCapacityUnitsPerSecond(Double.NaN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NaN");
        assertThatThrownBy(() -> b.maxWriteCapacityUnitsPerSecond(Double.POSITIVE_INFINITY))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Infinity");
        assertThatThrownBy(() -> b.maxInFlight(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxInFlight must be in [1, 1024], got 0");
        assertThatThrownBy(() -> b.maxInFlight(1025)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got 1025");
        assertThatThrownBy(() -> b.maxAttempts(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxAttempts must be in [1, 100], got 0");
        assertThatThrownBy(() -> b.maxAttempts(101)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got 101");
        assertThatThrownBy(() -> b.backoff(Duration.ZERO, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT0S");
        assertThatThrownBy(() -> b.backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT1S");
        assertThatThrownBy(() -> b.backoff(null, Duration.ofSeconds(1))).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> b.rateLimiter(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> b.meterRegistry(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> b.ticker(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void setters_boundaryValues_areTaken() {
        DynamoDbConditionalSink.builder().maxInFlight(1).maxInFlight(1024).maxAttempts(1).maxAttempts(100)
                .maxWriteCapacityUnitsPerSecond(Double.MIN_VALUE)
                .backoff(Duration.ofNanos(1), Duration.ofNanos(1))
                .tableName("arn:aws:dynamodb:eu-west-1:123456789012:table/orders");
    }

    @Test
    void build_withoutClientOrTable_orWithCeilingAndLimiterBoth_isRefused() {
        assertThatThrownBy(() -> DynamoDbConditionalSink.builder().tableName("orders").build())
                .isInstanceOf(IllegalStateException.class).hasMessage("client is required");
        try (DynamoDbAsyncClient client = DynamoDbAsyncClient.builder().region(Region.US_EAST_1)
                .credentialsProvider(AnonymousCredentialsProvider.create())
                .endpointOverride(URI.create("http://127.0.0.1:9")).build()) {
            assertThatThrownBy(() -> DynamoDbConditionalSink.builder().client(client).build())
                    .isInstanceOf(IllegalStateException.class).hasMessage("tableName is required");
            assertThatThrownBy(() -> DynamoDbConditionalSink.builder().client(client).tableName("orders")
                    .maxWriteCapacityUnitsPerSecond(100).rateLimiter(WriteRateLimiter.builder().build()).build())
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("not both");
            try (DynamoDbConditionalSink sink = DynamoDbConditionalSink.builder().client(client).tableName("orders")
                    .build()) {
                assertThat(sink).hasToString("DynamoDbConditionalSink[orders]");
                assertThat(sink.capacityUnits()).isZero();
                assertThat(sink.partialConditions()).isZero();
                sink.flush();
            }
        }
    }
}
