package dev.pitr.dynamodb.internal;

import dev.pitr.internal.Backoff;
import dev.pitr.write.Ticker;
import dev.pitr.write.WriteRateLimiter;
import io.micrometer.core.instrument.MeterRegistry;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;

/**
 * The settings of one conditional writer, checked by the public builder.
 *
 * @param limiter     a token bucket in write capacity units
 * @param maxInFlight writes accepted and not yet completed before {@code write} blocks
 * @param maxAttempts attempts of one write (throttled or failing with a transient error) before it fails
 */
public record ConditionalConfig(DynamoDbAsyncClient client, String table, WriteRateLimiter limiter, int maxInFlight,
                                int maxAttempts, Backoff backoff, MeterRegistry meterRegistry, Ticker ticker) {
}
