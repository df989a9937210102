package dev.pitr.dynamodb;

import dev.pitr.dynamodb.internal.BuilderChecks;
import dev.pitr.dynamodb.internal.SinkConfig;
import dev.pitr.dynamodb.internal.TableDescriber;
import dev.pitr.dynamodb.internal.WriteEngine;
import dev.pitr.model.KeySchema;
import dev.pitr.model.WriteOp;
import dev.pitr.write.DeadLetterSink;
import dev.pitr.write.FailurePolicy;
import dev.pitr.write.ItemSink;
import dev.pitr.write.SinkStats;
import dev.pitr.write.Ticker;
import dev.pitr.write.WriteOutcome;
import dev.pitr.write.WriteRateLimiter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;

/**
 * Writes operations to a DynamoDB table with BatchWriteItem: batches of at most 25 operations
 * and 16 MB, never two operations on one item in one request, operations on one item applied in
 * order, at a rate that a token bucket in write capacity units holds under a ceiling and adapts
 * to throttling (additive increase, multiplicative decrease).
 *
 * <p>Nothing is lost: items DynamoDB hands back as {@code UnprocessedItems} are sent again with
 * capped exponential backoff and full jitter, throttled and 5xx requests are retried (forever
 * unless a {@linkplain Builder#retryDeadline retry deadline} is set), and a request refused as
 * invalid is split down to the operation(s) at fault, which go to the {@link FailurePolicy}.
 * A put whose item exceeds 400 KB goes to the policy without being sent. A request refused for
 * a reason that is no single operation's (table deleted, access denied) stops the sink whatever
 * the policy: its operations fail with {@link dev.pitr.write.WriteFailedException}.
 *
 * <pre>{@code
 * try (DynamoDbItemSink sink = DynamoDbItemSink.builder()
 *         .client(asyncClient)
 *         .tableName("orders")
 *         .maxWriteCapacityUnitsPerSecond(500)
 *         .build()) {
 *     sink.open();
 *     for (WriteOp op : ops) {
 *         sink.write(op);
 *     }
 *     sink.flush();
 * }
 * }</pre>
 *
 * <p>The client is the caller's: its HTTP client should allow at least
 * {@link Builder#maxInFlightRequests} concurrent requests, and this sink never closes it. The
 * SDK's own retries, if the client has them, act before this sink sees an answer.
 *
 * <p>By default ({@link RequestBody#PITR}) the sink writes each request's JSON body itself, straight
 * from pitr's model, and hands the client a request with the table and no items plus a
 * per-request plugin that swaps the body in before the SDK signs and sends it (see
 * {@link Builder#requestBody}). Everything else is the client's: endpoint, credentials and
 * signing, retries, HTTP client, reading answers and errors. The client's own execution
 * interceptors therefore see an empty item list in {@code modifyRequest}, and the body that is
 * sent from {@code modifyHttpRequest} on.
 */
public final class DynamoDbItemSink implements ItemSink {
    private final WriteEngine engine;
    private final String table;

    private DynamoDbItemSink(SinkConfig config) {
        this.engine = new WriteEngine(config);
        this.table = config.table();
    }

    /** A builder; {@link Builder#client} and {@link Builder#tableName} are required. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public KeySchema open() {
        return engine.open();
    }

    @Override
    public CompletableFuture<WriteOutcome> write(WriteOp op) {
        return engine.write(op);
    }

    @Override
    public void flush() {
        engine.flush();
    }

    @Override
    public SinkStats stats() {
        return engine.stats();
    }

    /**
     * The table's ARN as DescribeTable answers it, after the client's endpoint and a {@code #}
     * when the client overrides the endpoint: {@code arn:aws:dynamodb:eu-west-1:123456789012:table/orders},
     * or {@code http://localhost:8000#arn:aws:dynamodb:ddblocal:000000000000:table/orders}. So a
     * table of one name in another account, region or endpoint is another target, however the
     * table was named to {@link Builder#tableName}. Describes the table if not yet {@linkplain #open() open}.
     */
    @Override
    public String target() {
        return engine.target();
    }

    /** Whether the table holds any item, from a consistent Scan of one key. */
    @Override
    public Optional<Boolean> holdsItems() {
        return engine.holdsItems();
    }

    @Override
    public void close() {
        engine.close();
    }

    @Override
    public String toString() {
        return engine.toString();
    }

    /** Who writes the JSON body of the BatchWriteItem requests. */
    public enum RequestBody {
        /**
         * pitr, from its own model: each operation is serialized once, when it is written, and a
         * request's body is the operations' JSON joined; the SDK marshals an empty request. Much
         * cheaper on the sink's single sending thread.
         */
        PITR,
        /**
         * The SDK's marshaller, from the SDK's attribute values each operation is converted to: a
         * fallback should a client setup not take the swapped body.
         */
        SDK
    }

    /** Builds a {@link DynamoDbItemSink}; each setter checks its value at once. */
    public static final class Builder {
        /** Default limit of requests in flight. */
        public static final int DEFAULT_MAX_IN_FLIGHT = 16;
        /** Default limit of operations accepted and not yet finished. */
        public static final int DEFAULT_MAX_QUEUED_OPERATIONS = 4096;
        /** Default limit of the request bytes of operations accepted and not yet finished: 64 MiB. */
        public static final long DEFAULT_MAX_QUEUED_BYTES = 64L * 1024 * 1024;

        private DynamoDbAsyncClient client;
        private String tableName;
        private Double maxWcu;
        private WriteRateLimiter limiter;
        private int maxInFlight = DEFAULT_MAX_IN_FLIGHT;
        private int maxQueued = DEFAULT_MAX_QUEUED_OPERATIONS;
        private long maxQueuedBytes = DEFAULT_MAX_QUEUED_BYTES;
        private FailurePolicy failurePolicy = FailurePolicy.FAIL;
        private DeadLetterSink deadLetterSink = DeadLetterSink.discarding();
        private Duration retryDeadline;
        private Duration backoffBase = Duration.ofMillis(50);
        private Duration backoffCap = Duration.ofSeconds(10);
        private Duration batchLinger = Duration.ofMillis(2);
        private RequestBody requestBody = RequestBody.PITR;
        private MeterRegistry meterRegistry;
        private Ticker ticker = Ticker.system();

        private Builder() {
        }

        /** The caller's client; never closed by the sink. Required. */
        public Builder client(DynamoDbAsyncClient client) {
            this.client = Objects.requireNonNull(client, "client");
            return this;
        }

        /** The target table: its name (3 to 255 of {@code a-z A-Z 0-9 _ . -}) or ARN. Required. */
        public Builder tableName(String tableName) {
            this.tableName = TableDescriber.checkName(tableName);
            return this;
        }

        /** The most write capacity units per second the sink uses (default: no ceiling). */
        public Builder maxWriteCapacityUnitsPerSecond(double wcuPerSecond) {
            this.maxWcu = BuilderChecks.ceiling("maxWriteCapacityUnitsPerSecond", wcuPerSecond);
            return this;
        }

        /** No ceiling (the default): the rate only adapts to throttling. */
        public Builder unlimitedWriteCapacity() {
            this.maxWcu = null;
            return this;
        }

        /**
         * A limiter configured by hand (its own ceiling, floor, AIMD factors), possibly shared by
         * several sinks writing to one table; excludes {@link #maxWriteCapacityUnitsPerSecond}.
         * The sink's {@link #ticker} does not apply to it.
         */
        public Builder rateLimiter(WriteRateLimiter limiter) {
            this.limiter = Objects.requireNonNull(limiter, "limiter");
            return this;
        }

        /** BatchWriteItem requests in flight at once, 1 to 1024 (default 16). */
        public Builder maxInFlightRequests(int requests) {
            if (requests < 1 || requests > 1024) {
                throw new IllegalArgumentException("maxInFlightRequests must be in [1, 1024]: " + requests);
            }
            this.maxInFlight = requests;
            return this;
        }

        /**
         * Operations accepted and not yet finished before {@link ItemSink#write} blocks, 1 to
         * 1,000,000 (default 4096).
         */
        public Builder maxQueuedOperations(int operations) {
            if (operations < 1 || operations > 1_000_000) {
                throw new IllegalArgumentException("maxQueuedOperations must be in [1, 1000000]: " + operations);
            }
            this.maxQueued = operations;
            return this;
        }

        /**
         * Request bytes of the operations accepted and not yet finished before
         * {@link ItemSink#write} blocks, at least 1 MiB (default 64 MiB). Bounds memory when items
         * are large.
         */
        public Builder maxQueuedBytes(long bytes) {
            if (bytes < 1024 * 1024) {
                throw new IllegalArgumentException("maxQueuedBytes must be at least 1 MiB: " + bytes);
            }
            this.maxQueuedBytes = bytes;
            return this;
        }

        /** What to do with an operation DynamoDB will not take (default {@link FailurePolicy#FAIL}). */
        public Builder failurePolicy(FailurePolicy policy) {
            this.failurePolicy = Objects.requireNonNull(policy, "failurePolicy");
            return this;
        }

        /** Where {@link FailurePolicy#SKIP} records skipped operations (default: counted only). Not closed by the sink. */
        public Builder deadLetterSink(DeadLetterSink sink) {
            this.deadLetterSink = Objects.requireNonNull(sink, "deadLetterSink");
            return this;
        }

        /**
         * How long after its first sending an operation may keep being retried through throttling
         * and 5xx answers before it goes to the failure policy (default: forever).
         */
        public Builder retryDeadline(Duration deadline) {
            Objects.requireNonNull(deadline, "retryDeadline");
            if (deadline.isNegative() || deadline.isZero()) {
                throw new IllegalArgumentException("retryDeadline must be positive: " + deadline);
            }
            this.retryDeadline = deadline;
            return this;
        }

        /** Retry throttling and 5xx answers without a deadline (the default). */
        public Builder retryForever() {
            this.retryDeadline = null;
            return this;
        }

        /**
         * Backoff before a resend: a random wait up to {@code min(cap, base x 2^(attempt-1))}
         * (default 50 ms and 10 s).
         */
        public Builder backoff(Duration base, Duration cap) {
            Objects.requireNonNull(base, "base");
            Objects.requireNonNull(cap, "cap");
            if (base.isNegative() || base.isZero() || cap.compareTo(base) < 0 || cap.compareTo(Duration.ofHours(1)) > 0) {
                throw new IllegalArgumentException("backoff needs 0 < base <= cap <= 1 hour: base " + base + ", cap " + cap);
            }
            this.backoffBase = base;
            this.backoffCap = cap;
            return this;
        }

        /**
         * How long a batch that is not full may wait for more operations when a request slot is
         * free, 0 to 1 s (default 2 ms). {@link ItemSink#flush()} sends at once.
         */
        public Builder batchLinger(Duration linger) {
            Objects.requireNonNull(linger, "batchLinger");
            if (linger.isNegative() || linger.compareTo(Duration.ofSeconds(1)) > 0) {
                throw new IllegalArgumentException("batchLinger must be in [0, 1 s]: " + linger);
            }
            this.batchLinger = linger;
            return this;
        }

        /**
         * Who writes the requests' JSON body (default {@link RequestBody#PITR}). Both send the same
         * JSON document; {@link RequestBody#SDK} uses the SDK's marshaller and attribute values
         * as any SDK call does, at a higher cost per operation.
         */
        public Builder requestBody(RequestBody body) {
            this.requestBody = Objects.requireNonNull(body, "requestBody");
            return this;
        }

        /** Where the {@code pitr.write.*} meters go (default: nowhere). */
        public Builder meterRegistry(MeterRegistry registry) {
            this.meterRegistry = Objects.requireNonNull(registry, "meterRegistry");
            return this;
        }

        /** The time source for the rate limiter and retry deadlines (default {@link Ticker#system()}). */
        public Builder ticker(Ticker ticker) {
            this.ticker = Objects.requireNonNull(ticker, "ticker");
            return this;
        }

        /**
         * @throws IllegalStateException when the client or table is missing, or both a ceiling and
         *                               a hand-made rate limiter are given
         */
        public DynamoDbItemSink build() {
            DynamoDbAsyncClient client = BuilderChecks.required(this.client, "client");
            String tableName = BuilderChecks.required(this.tableName, "tableName");
            WriteRateLimiter rate = BuilderChecks.limiter(limiter, maxWcu, "maxWriteCapacityUnitsPerSecond", ticker);
            MeterRegistry registry = BuilderChecks.registry(meterRegistry);
            return new DynamoDbItemSink(new SinkConfig(client, tableName, rate, maxInFlight, maxQueued,
                    maxQueuedBytes, failurePolicy, deadLetterSink, retryDeadline, backoffBase, backoffCap,
                    batchLinger, registry, ticker, requestBody == RequestBody.PITR));
        }
    }
}
