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

class DynamoDbTableReaderBuilderTest {

    @Test
    void setters_badValues_areRefusedAtOnceNamingTheValue() {
        DynamoDbTableReader.Builder b = DynamoDbTableReader.builder();
        assertThatThrownBy(() -> b.tableName("ab")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"ab\"");
        assertThatThrownBy(() -> b.tableName(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> b.client(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> b.maxReadCapacityUnitsPerSecond(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxReadCapacityUnitsPerSecond must be a positive finite number, got 0.0");
        assertThatThrownBy(() -> b.maxReadCapacityUnitsPerSecond(Double.NaN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NaN");
        assertThatThrownBy(() -> b.segments(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("segments must be in [1, 1000000], got 0");
        assertThatThrownBy(() -> b.segments(1_000_001)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got 1000001");
        assertThatThrownBy(() -> b.pageLimit(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pageLimit must be in [1, ").hasMessageContaining("got 0");
        assertThatThrownBy(() -> b.maxAttempts(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxAttempts must be in [1, 100], got 0");
        assertThatThrownBy(() -> b.backoff(Duration.ZERO, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT0S");
        assertThatThrownBy(() -> b.backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT1S");
        assertThatThrownBy(() -> b.rateLimiter(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> b.meterRegistry(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> b.ticker(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void setters_boundaryValues_areTaken() {
        DynamoDbTableReader.builder().segments(1).segments(1_000_000).pageLimit(1).maxAttempts(1).maxAttempts(100)
                .tableName("arn:aws:dynamodb:eu-west-1:123456789012:table/orders");
    }

    @Test
    void build_withoutClientOrTable_orWithCeilingAndLimiterBoth_isRefused() {
        assertThatThrownBy(() -> DynamoDbTableReader.builder().tableName("orders").build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("client");
        try (DynamoDbAsyncClient client = DynamoDbAsyncClient.builder().region(Region.US_EAST_1)
                .credentialsProvider(AnonymousCredentialsProvider.create())
                .endpointOverride(URI.create("http://127.0.0.1:9")).build()) {
            assertThatThrownBy(() -> DynamoDbTableReader.builder().client(client).build())
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("tableName");
            assertThatThrownBy(() -> DynamoDbTableReader.builder().client(client).tableName("orders")
                    .maxReadCapacityUnitsPerSecond(100).rateLimiter(WriteRateLimiter.builder().build()).build())
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("not both");
            DynamoDbTableReader reader = DynamoDbTableReader.builder().client(client).tableName("orders").build();
            assertThat(reader).hasToString("DynamoDbTableReader[orders]");
            assertThat(reader.stats().items()).isZero();
        }
    }
}
