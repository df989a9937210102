package dev.pitr.dynamodb.internal;

import dev.pitr.write.DeadLetterSink;
import dev.pitr.write.FailurePolicy;
import dev.pitr.write.Ticker;
import dev.pitr.write.WriteRateLimiter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;

/**
 * The settings of one writer, checked by the public builder.
 *
 * @param retryDeadline how long an operation may keep being retried after its first sending,
 *                      or {@code null} to retry throttling and 5xx answers forever
 * @param pitrBody      whether pitr writes the request bodies ({@link JsonBody}) rather than the
 *                      SDK's marshaller
 */
public record SinkConfig(DynamoDbAsyncClient client, String table, WriteRateLimiter limiter,
                         int maxInFlightRequests, int maxQueuedOperations, long maxQueuedBytes,
                         FailurePolicy failurePolicy, DeadLetterSink deadLetterSink, Duration retryDeadline,
                         Duration backoffBase, Duration backoffCap, Duration batchLinger,
                         MeterRegistry meterRegistry, Ticker ticker, boolean pitrBody) {
}
