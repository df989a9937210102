package dev.pitr.dynamodb.internal;

import dev.pitr.internal.Backoff;
import dev.pitr.write.Ticker;
import dev.pitr.write.WriteRateLimiter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;

/**
 * The settings of one table reader, checked by the public builder.
 *
 * @param limiter     a token bucket in read capacity units
 * @param segments    the Scan's {@code TotalSegments}
 * @param pageLimit   the Scan's {@code Limit} (items per page), or {@code null} for DynamoDB's 1 MB pages
 * @param maxAttempts attempts of one request (throttled or failing with a transient error) before
 *                    the read fails
 */
public record ReaderConfig(DynamoDbAsyncClient client, String table, WriteRateLimiter limiter, int segments,
                           boolean consistentRead, @Nullable Integer pageLimit, Backoff backoff, int maxAttempts,
                           MeterRegistry meterRegistry, Ticker ticker, Sleeper sleeper) {
}
