package dev.pitr.dynamodb;

import dev.pitr.dynamodb.internal.BuilderChecks;
import dev.pitr.dynamodb.internal.ReadEngine;
import dev.pitr.dynamodb.internal.ReaderConfig;
import dev.pitr.dynamodb.internal.Sleeper;
import dev.pitr.dynamodb.internal.TableDescriber;
import dev.pitr.internal.Backoff;
import dev.pitr.internal.Check;
import dev.pitr.model.Item;
import dev.pitr.model.Key;
import dev.pitr.model.KeySchema;
import dev.pitr.verify.TableReader;
import dev.pitr.write.Ticker;
import dev.pitr.write.WriteRateLimiter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;

/**
 * Reads a DynamoDB table back for the verifier: the whole table with a parallel segmented Scan,
 * or named keys with BatchGetItem, at a rate that a token bucket in read capacity units holds
 * under a ceiling and adapts to throttling (additive increase, multiplicative decrease).
 *
 * <pre>{@code
 * DynamoDbTableReader reader = DynamoDbTableReader.builder()
 *         .client(asyncClient)
 *         .tableName("orders")
 *         .maxReadCapacityUnitsPerSecond(200)
 *         .segments(8)
 *         .build();
 * KeySchema schema = reader.open();
 * Set<Key> keys = ConcurrentHashMap.newKeySet();
 * ReadStats stats = reader.scan(item -> keys.add(schema.keyOf(item))); // from several threads at once
 * Map<Key, Item> some = reader.get(List.copyOf(keys).subList(0, 100));
 * }</pre>
 *
 * <p><b>Scan.</b> The table is read in {@link Builder#segments} segments (the Scan's
 * {@code TotalSegments}), at most {@value #MAX_PARALLEL_SEGMENTS} at once, each by its own
 * thread with one request in flight and one page in memory: a page's items go to the visitor
 * before the next page is asked for. The visitor is called from those threads, concurrently. A
 * page that is throttled or fails with a transient error (HTTP 5xx, a transport error) is asked
 * again, after a backoff, with the same {@code ExclusiveStartKey}, so no item is lost or handed
 * over twice; after {@link Builder#maxAttempts} attempts the scan fails with a
 * {@link dev.pitr.PitrException} naming the table and the segment. The first failure, or an
 * exception thrown by the visitor, stops every segment and is thrown by {@link #scan} once no
 * thread can call the visitor any more; an interrupt stops them too and is thrown as a
 * {@code PitrException} with the thread's interrupt flag set again.
 *
 * <p><b>Keyed read.</b> {@link #get} sends one BatchGetItem for up to 100 keys and asks again,
 * after a backoff, for the keys DynamoDB hands back as {@code UnprocessedKeys} (each such answer
 * counts as a throttle). Items are matched to the keys asked for as DynamoDB compares keys:
 * numbers by value.
 *
 * <p><b>Rate.</b> Before each request the reader takes its estimated cost from a
 * {@link WriteRateLimiter} (a generic token bucket: its WCU naming is the writer's, here every
 * unit is a read capacity unit) and waits if the bucket is short: the previous page's cost for
 * a segment's next page (one unit for its first), half a unit per key for an eventually
 * consistent keyed read, one per key for a strongly consistent one. The answer's
 * {@code ConsumedCapacity} (asked for with {@code ReturnConsumedCapacity=TOTAL}) then corrects the
 * bucket, so an underestimate is paid back by the requests that follow and the ceiling holds
 * over time. Where an answer reports no consumed capacity, the reader estimates it as DynamoDB
 * bills reads: one unit per started 4 KB (of a Scan page's items together, of each item read by
 * key, one unit for a key without an item), halved when eventually consistent. Throttling
 * slows the rate down, answers without throttling let it grow back up to the ceiling; without
 * a ceiling it starts at 40,000 units per second ({@link WriteRateLimiter#DEFAULT_UNLIMITED_START},
 * also the default per-table read quota).
 *
 * <p><b>The client.</b> The client is the caller's and is never closed here; its HTTP client
 * should allow {@code min(segments, 32)} concurrent requests. The reader sends its requests with
 * the client's own retries turned off (a per-request plugin; everything else of the client
 * applies): it retries them itself, so that every throttle slows its rate limiter at once and is
 * counted in {@link ReadStats#throttled()} rather than retried unseen by the SDK.
 *
 * <p>Thread-safe: scans and keyed reads may run at once and share the one rate limiter.
 */
public final class DynamoDbTableReader implements TableReader {
    /** The most segments a scan reads at once, whatever {@link Builder#segments} says. */
    public static final int MAX_PARALLEL_SEGMENTS = 32;

    private final ReadEngine engine;

    private DynamoDbTableReader(ReaderConfig config) {
        this.engine = new ReadEngine(config);
    }

    /** A builder; {@link Builder#client} and {@link Builder#tableName} are required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Describes the table: it must exist and be {@code ACTIVE} or {@code UPDATING}.
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
     * Reads every item once, in parallel segments (see the class description); describes the
     * table first if not yet open.
     */
    @Override
    public ReadStats scan(ItemVisitor visitor) {
        return engine.scan(visitor);
    }

    /**
     * Reads the items of {@code keys} with BatchGetItem; describes the table first if not yet open.
     *
     * @throws IllegalArgumentException when there are more than 100 keys or a key does not fit
     *                                  the table's key schema
     */
    @Override
    public Map<Key, Item> get(List<Key> keys) {
        return engine.get(keys);
    }

    @Override
    public ReadStats stats() {
        return engine.stats();
    }

    @Override
    public String toString() {
        return engine.toString();
    }

    /** Builds a {@link DynamoDbTableReader}; each setter checks its value at once. */
    public static final class Builder {
        /** Default number of Scan segments. */
        public static final int DEFAULT_SEGMENTS = 4;
        /** Default number of attempts of one request. */
        public static final int DEFAULT_MAX_ATTEMPTS = 10;
        /** The most Scan segments DynamoDB accepts. */
        public static final int MAX_SEGMENTS = 1_000_000;

        private @Nullable DynamoDbAsyncClient client;
        private @Nullable String tableName;
        private @Nullable Double maxRcu;
        private @Nullable WriteRateLimiter limiter;
        private int segments = DEFAULT_SEGMENTS;
        private boolean consistentRead;
        private @Nullable Integer pageLimit;
        private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
        private Backoff backoff = Backoff.create(Duration.ofMillis(50), Duration.ofSeconds(10));
        private @Nullable MeterRegistry meterRegistry;
        private Ticker ticker = Ticker.system();
        private Sleeper sleeper = Sleeper.system();

        private Builder() {
        }

        /** The caller's client; never closed by the reader. Required. */
        public Builder client(DynamoDbAsyncClient client) {
            this.client = Objects.requireNonNull(client, "client");
            return this;
        }

        /** The table: its name (3 to 255 of {@code a-z A-Z 0-9 _ . -}) or ARN. Required. */
        public Builder tableName(String tableName) {
            this.tableName = TableDescriber.checkName(tableName);
            return this;
        }

        /** The most read capacity units per second the reader uses (default: no ceiling). */
        public Builder maxReadCapacityUnitsPerSecond(double rcuPerSecond) {
            this.maxRcu = BuilderChecks.ceiling("maxReadCapacityUnitsPerSecond", rcuPerSecond);
            return this;
        }

        /**
         * A limiter configured by hand (its own ceiling, floor, AIMD factors; its units are read
         * capacity units here), possibly shared with other readers of the table; excludes
         * {@link #maxReadCapacityUnitsPerSecond}. The reader's {@link #ticker} does not apply to it.
         */
        public Builder rateLimiter(WriteRateLimiter limiter) {
            this.limiter = Objects.requireNonNull(limiter, "rateLimiter");
            return this;
        }

        /**
         * The Scan's {@code TotalSegments}, 1 to 1,000,000 (default 4); at most
         * {@value DynamoDbTableReader#MAX_PARALLEL_SEGMENTS} are read at once.
         */
        public Builder segments(int segments) {
            this.segments = Check.inRange("segments", segments, 1, MAX_SEGMENTS);
            return this;
        }

        /**
         * Whether reads are strongly consistent, at twice the cost (default {@code false}:
         * eventually consistent).
         */
        public Builder consistentRead(boolean consistentRead) {
            this.consistentRead = consistentRead;
            return this;
        }

        /**
         * The most items a Scan page holds (its {@code Limit}), at least 1 (default: pages of up
         * to 1 MB, as DynamoDB cuts them). Smaller pages pace the reads more evenly.
         */
        public Builder pageLimit(int items) {
            this.pageLimit = Check.inRange("pageLimit", items, 1, Integer.MAX_VALUE);
            return this;
        }

        /**
         * Attempts of one request that is throttled or fails with a transient error before the
         * read fails, 1 to 100 (default 10); for a keyed read, rounds in a row in which every key
         * is handed back unprocessed.
         */
        public Builder maxAttempts(int attempts) {
            this.maxAttempts = Check.inRange("maxAttempts", attempts, 1, 100);
            return this;
        }

        /**
         * Backoff before a request is sent again: a random wait up to
         * {@code min(cap, base x 2^(attempt-1))} (default 50 ms and 10 s).
         */
        public Builder backoff(Duration base, Duration cap) {
            this.backoff = Backoff.create(base, cap);
            return this;
        }

        /** Where the {@code pitr.read.*} meters go (default: nowhere). */
        public Builder meterRegistry(MeterRegistry registry) {
            this.meterRegistry = Objects.requireNonNull(registry, "meterRegistry");
            return this;
        }

        /** The time source for the rate limiter (default {@link Ticker#system()}). */
        public Builder ticker(Ticker ticker) {
            this.ticker = Objects.requireNonNull(ticker, "ticker");
            return this;
        }

        /** How the reader waits, in the ticker's time (tests pass a virtual clock's). */
        Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        /**
         * @throws IllegalStateException when the client or table is missing, or both a ceiling and
         *                               a hand-made rate limiter are given
         */
        public DynamoDbTableReader build() {
            DynamoDbAsyncClient client = BuilderChecks.required(this.client, "client");
            String tableName = BuilderChecks.required(this.tableName, "tableName");
            WriteRateLimiter rate = BuilderChecks.limiter(limiter, maxRcu, "maxReadCapacityUnitsPerSecond", ticker);
            MeterRegistry registry = BuilderChecks.registry(meterRegistry);
            return new DynamoDbTableReader(new ReaderConfig(client, tableName, rate, segments, consistentRead,
                    pageLimit, backoff, maxAttempts, registry, ticker, sleeper));
        }
    }
}
