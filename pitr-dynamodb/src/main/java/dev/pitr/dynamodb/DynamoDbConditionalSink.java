package dev.pitr.dynamodb;

import dev.pitr.dynamodb.internal.BuilderChecks;
import dev.pitr.dynamodb.internal.ConditionalConfig;
import dev.pitr.dynamodb.internal.ConditionalEngine;
import dev.pitr.dynamodb.internal.TableDescriber;
import dev.pitr.internal.Backoff;
import dev.pitr.internal.Check;
import dev.pitr.model.KeySchema;
import dev.pitr.revert.ConditionalSink;
import dev.pitr.write.Ticker;
import dev.pitr.write.WriteRateLimiter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;

/**
 * Writes a revert to a DynamoDB table: each write is one PutItem (or one DeleteItem when the
 * write has no target) whose condition expression DynamoDB evaluates atomically with the write,
 * so an item that changed after it was read is never overwritten.
 *
 * <pre>{@code
 * try (DynamoDbConditionalSink sink = DynamoDbConditionalSink.builder()
 *         .client(asyncClient)
 *         .tableName("orders")
 *         .maxWriteCapacityUnitsPerSecond(200)
 *         .build()) {
 *     sink.open();
 *     CompletableFuture<Outcome> outcome = sink.write(new Write(key, before,
 *             new Condition.Equals(after), "key 17 of the window"));
 *     sink.flush();
 * }
 * }</pre>
 *
 * <p><b>What a condition checks.</b> Every attribute name goes through a placeholder
 * ({@code #k0}, {@code #a0}, ...) and every value through a value placeholder ({@code :v0}, ...),
 * so names may be reserved words or hold any character.
 * <ul>
 * <li>{@link Condition.Absent}: {@code attribute_not_exists(#k0)} on the partition key: there is
 *     no item under the key.</li>
 * <li>{@link Condition.Equals}: {@code #a0 = :v0 AND #a1 = :v1 ...}, one comparison per attribute
 *     of the expected item, its key attributes first. DynamoDB's {@code =} compares values of every
 *     type as DynamoDB holds them: numbers by value ({@code 1.50} equals {@code 1.5}), sets as sets
 *     (in any order), maps by their entries and lists element by element, nested at any depth.
 *     So the write happens when the item there holds each attribute of the expected item with an
 *     equal value. Attributes the item there holds <em>beyond</em> those of the expected item are
 *     not checked: DynamoDB has no condition on an item's set of attribute names.</li>
 * <li>{@link Condition.None}: no condition; the write happens whatever the item is.</li>
 * </ul>
 *
 * <p><b>When the comparisons do not fit.</b> DynamoDB refuses a condition expression of more
 * than 4 KB (4,096 bytes) or 300 operators and functions (each {@code =} and each {@code AND} is
 * one, so at most 150 comparisons fit in one expression), and substitutions (the names and
 * values behind the placeholders) of more than 2 MB together. When an expected item has more
 * attributes than fit, the condition compares its key attributes, then as many of its other
 * attributes as fit, the smallest first (by the size of the name and of the value's DynamoDB
 * JSON; attributes of one size in the item's order), and leaves the rest unchecked: a change to
 * an attribute left out is not detected. Such writes are counted ({@link #partialConditions()},
 * the meter {@code pitr.revert.partial.conditions}) and the first is logged at WARN. Items under
 * 150 attributes always fit whole: a 400 KB item's substitutions stay far under 2 MB.
 *
 * <p><b>Outcomes.</b> A write that DynamoDB applies completes with {@link Outcome.Written}. One
 * whose condition fails completes with {@link Outcome.ConditionFailed} carrying the item the table
 * holds, as DynamoDB returns it with the failure ({@code ReturnValuesOnConditionCheckFailure =
 * ALL_OLD}), or {@code null} when there is none; nothing was written. A write that was throttled
 * or failed with a transient error (HTTP 5xx, a transport error) is sent again after a capped
 * exponential backoff with full jitter, at most {@link Builder#maxAttempts} times in all. A 5xx
 * answer or a lost connection leaves open whether DynamoDB applied the write: when a later attempt
 * then fails its condition because the item already is the target (or is gone, for a delete), the
 * write completes as {@link Outcome.Written}. Any other refusal (an invalid request, the table
 * gone, access denied), or the last of the attempts, completes the future with a
 * {@link dev.pitr.PitrException} naming the table, the write's origin and DynamoDB's error code
 * and message, never attribute values.
 *
 * <p><b>Rate and capacity.</b> Before it is sent, each write reserves in a {@link WriteRateLimiter}
 * the write capacity units it is estimated at: one per started KB of the larger of the target and
 * the expected item (at least one), as DynamoDB bills a conditional write. The answer's
 * {@code ConsumedCapacity} (asked for with {@code ReturnConsumedCapacity = TOTAL}) corrects the
 * estimate. DynamoDB bills a write whose condition fails too but reports no capacity with the
 * failure: it is counted by the larger of the target and the item DynamoDB returned. A throttled
 * write slows the limiter down (additive increase, multiplicative decrease) and is counted in
 * {@code pitr.revert.throttles}. {@link #capacityUnits()} is the total.
 *
 * <p><b>Back-pressure and threads.</b> At most {@link Builder#maxInFlight} writes are accepted and
 * not yet completed; {@link #write} blocks while that many are. Waits for the rate limiter and the
 * backoffs run on one daemon timer thread of the sink; answers are handled on the SDK's threads,
 * where the futures complete, so actions chained to them should not block. Writes are
 * independent of each other: two writes to one key in flight at once may be applied in either
 * order. Thread-safe.
 *
 * <p><b>The client.</b> The client is the caller's and is never closed here; its HTTP client
 * should allow {@link Builder#maxInFlight} concurrent requests. The sink sends its requests with
 * the client's own retries turned off (a per-request plugin; everything else of the client
 * applies) and retries them itself, so that every throttle slows its rate limiter at once and is
 * counted.
 *
 * <p>Meters (tagged {@code table}): {@code pitr.revert.writes} (tag
 * {@code outcome=written|condition_failed|failed}), {@code pitr.revert.wcu.consumed},
 * {@code pitr.revert.throttles}, {@code pitr.revert.server.errors},
 * {@code pitr.revert.partial.conditions}.
 */
public final class DynamoDbConditionalSink implements ConditionalSink {
    private final ConditionalEngine engine;

    private DynamoDbConditionalSink(ConditionalConfig config) {
        this.engine = new ConditionalEngine(config);
    }

    /** A builder; {@link Builder#client} and {@link Builder#tableName} are required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Describes the table: it must exist and be {@code ACTIVE} or {@code UPDATING}. Idempotent.
     *
     * @throws dev.pitr.write.TargetTableException naming the table otherwise
     */
    @Override
    public KeySchema open() {
        return engine.open();
    }

    /**
     * The table's ARN after the client's endpoint and a {@code #} when the client overrides the
     * endpoint, exactly as {@link DynamoDbItemSink#target()} names it. Describes the table if not
     * yet {@linkplain #open() open}.
     */
    @Override
    public String target() {
        return engine.target();
    }

    /**
     * Sends {@code write} as a conditional PutItem or DeleteItem (see the class description);
     * describes the table first if not yet open. Blocks while {@link Builder#maxInFlight} writes
     * are in flight.
     *
     * @throws IllegalArgumentException                  when the write's key does not fit the
     *                                                   table, or its target or expected item is
     *                                                   not an item under that key
     * @throws IllegalStateException                     when the sink is closed
     * @throws dev.pitr.write.WriteInterruptedException when interrupted while waiting for room
     *                                                   (the interrupt flag is set again)
     */
    @Override
    public CompletableFuture<Outcome> write(Write write) {
        return engine.write(write);
    }

    /**
     * Waits until every write accepted so far has completed, however it completed.
     *
     * @throws dev.pitr.write.WriteInterruptedException when interrupted (the flag is set again)
     */
    @Override
    public void flush() {
        engine.flush();
    }

    /**
     * Write capacity units used so far: as DynamoDB reported them for the writes it applied, and
     * as estimated for the writes whose condition failed.
     */
    @Override
    public double capacityUnits() {
        return engine.capacityUnits();
    }

    /**
     * Writes sent so far with a condition that compares only some attributes of the expected
     * item, because they did not all fit in one condition expression (see the class description).
     */
    public long partialConditions() {
        return engine.partialConditions();
    }

    /**
     * Stops the sink: writes not completed fail (those in flight with an unknown outcome), later
     * writes are refused. Does not wait for writes in flight ({@link #flush()} first) and does not
     * close the client. Idempotent.
     */
    @Override
    public void close() {
        engine.close();
    }

    @Override
    public String toString() {
        return engine.toString();
    }

    /** Builds a {@link DynamoDbConditionalSink}; each setter checks its value at once. */
    public static final class Builder {
        /** Default limit of writes in flight. */
        public static final int DEFAULT_MAX_IN_FLIGHT = 16;
        /** Default number of attempts of one write. */
        public static final int DEFAULT_MAX_ATTEMPTS = 10;

        private @Nullable DynamoDbAsyncClient client;
        private @Nullable String tableName;
        private @Nullable Double maxWcu;
        private @Nullable WriteRateLimiter limiter;
        private int maxInFlight = DEFAULT_MAX_IN_FLIGHT;
        private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
        private Backoff backoff = Backoff.create(Duration.ofMillis(50), Duration.ofSeconds(10));
        private @Nullable MeterRegistry meterRegistry;
        private Ticker ticker = Ticker.system();

        private Builder() {
        }

        /** The caller's client; never closed by the sink. Required. */
        public Builder client(DynamoDbAsyncClient client) {
            this.client = Objects.requireNonNull(client, "client");
            return this;
        }

        /** The table: its name (3 to 255 of {@code a-z A-Z 0-9 _ . -}) or ARN. Required. */
        public Builder tableName(String tableName) {
            this.tableName = TableDescriber.checkName(tableName);
            return this;
        }

        /** The most write capacity units per second the sink uses (default: no ceiling). */
        public Builder maxWriteCapacityUnitsPerSecond(double wcuPerSecond) {
            this.maxWcu = BuilderChecks.ceiling("maxWriteCapacityUnitsPerSecond", wcuPerSecond);
            return this;
        }

        /**
         * A limiter configured by hand (its own ceiling, floor, AIMD factors), possibly shared with
         * other writers to the table; excludes {@link #maxWriteCapacityUnitsPerSecond}. The sink's
         * {@link #ticker} does not apply to it.
         */
        public Builder rateLimiter(WriteRateLimiter limiter) {
            this.limiter = Objects.requireNonNull(limiter, "rateLimiter");
            return this;
        }

        /**
         * Writes accepted and not yet completed before {@link DynamoDbConditionalSink#write} blocks,
         * 1 to 1024 (default 16).
         */
        public Builder maxInFlight(int writes) {
            this.maxInFlight = Check.inRange("maxInFlight", writes, 1, 1024);
            return this;
        }

        /**
         * Attempts of one write that is throttled or fails with a transient error before it fails,
         * 1 to 100 (default 10).
         */
        public Builder maxAttempts(int attempts) {
            this.maxAttempts = Check.inRange("maxAttempts", attempts, 1, 100);
            return this;
        }

        /**
         * Backoff before a write is sent again: a random wait up to
         * {@code min(cap, base x 2^(attempt-1))} (default 50 ms and 10 s).
         */
        public Builder backoff(Duration base, Duration cap) {
            this.backoff = Backoff.create(base, cap);
            return this;
        }

        /** Where the {@code pitr.revert.*} meters go (default: nowhere). */
        public Builder meterRegistry(MeterRegistry registry) {
            this.meterRegistry = Objects.requireNonNull(registry, "meterRegistry");
            return this;
        }

        /** The time source for the rate limiter (default {@link Ticker#system()}). */
        public Builder ticker(Ticker ticker) {
            this.ticker = Objects.requireNonNull(ticker, "ticker");
            return this;
        }

        /**
         * Builds the sink; it sends nothing until the first {@link DynamoDbConditionalSink#write}.
         *
         * @throws IllegalStateException when the client or table is missing, or both a ceiling and
         *                               a hand-made rate limiter are given
         */
        public DynamoDbConditionalSink build() {
            DynamoDbAsyncClient client = BuilderChecks.required(this.client, "client");
            String tableName = BuilderChecks.required(this.tableName, "tableName");
            WriteRateLimiter rate = BuilderChecks.limiter(limiter, maxWcu, "maxWriteCapacityUnitsPerSecond", ticker);
            MeterRegistry registry = BuilderChecks.registry(meterRegistry);
            return new DynamoDbConditionalSink(new ConditionalConfig(client, tableName, rate, maxInFlight,
                    maxAttempts, backoff, registry, ticker));
        }
    }
}
