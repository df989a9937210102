package dev.pitr.dynamodb.internal;

import dev.pitr.verify.TableReader.ReadStats;
import dev.pitr.write.WriteRateLimiter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/**
 * What reads read and cost, as adders any thread adds to. The reader keeps one for its whole
 * life, which also feeds its Micrometer meters (registered once, here, tagged with the table):
 * {@code pitr.read.items}, {@code pitr.read.requests}, {@code pitr.read.rcu.consumed},
 * {@code pitr.read.throttles}, {@code pitr.read.server.errors} and the gauge
 * {@code pitr.read.rcu.rate}. Each scan or keyed read counts in one of its own
 * ({@link #forCall()}), which adds to the reader's as well.
 */
final class ReadCounters {
    private final LongAdder items = new LongAdder();
    private final LongAdder requests = new LongAdder();
    private final DoubleAdder units = new DoubleAdder();
    private final LongAdder throttled = new LongAdder();
    private final @Nullable ReadCounters total;
    private final @Nullable Meters meters;

    private record Meters(Counter items, Counter requests, Counter units, Counter throttles, Counter serverErrors) {
    }

    private ReadCounters(@Nullable ReadCounters total, @Nullable Meters meters) {
        this.total = total;
        this.meters = meters;
    }

    /** The reader's counters, with its meters registered in {@code registry}. */
    static ReadCounters forReader(MeterRegistry registry, String table, WriteRateLimiter limiter) {
        Tags tags = Tags.of("table", table);
        Gauge.builder("pitr.read.rcu.rate", limiter, WriteRateLimiter::currentRate).tags(tags).baseUnit("rcu/s")
                .description("Read capacity per second the adaptive limiter allows now").strongReference(true)
                .register(registry);
        return new ReadCounters(null, new Meters(
                Counter.builder("pitr.read.items").tags(tags).description("Items read").register(registry),
                Counter.builder("pitr.read.requests").tags(tags)
                        .description("Scan and BatchGetItem requests answered").register(registry),
                Counter.builder("pitr.read.rcu.consumed").tags(tags).baseUnit("rcu")
                        .description("Read capacity DynamoDB reported consumed (or the reader estimated)")
                        .register(registry),
                Counter.builder("pitr.read.throttles").tags(tags)
                        .description("Requests throttled, or answered with keys handed back unprocessed")
                        .register(registry),
                Counter.builder("pitr.read.server.errors").tags(tags)
                        .description("Requests answered with a 5xx error or lost to a transport error")
                        .register(registry)));
    }

    /** Counters for one call, which add to these too. */
    ReadCounters forCall() {
        return new ReadCounters(this, null);
    }

    void items(long n) {
        items.add(n);
        if (meters != null) {
            meters.items().increment(n);
        }
        if (total != null) {
            total.items(n);
        }
    }

    /** A request answered, which cost {@code consumed} units. */
    void request(double consumed) {
        requests.increment();
        units.add(consumed);
        if (meters != null) {
            meters.requests().increment();
            meters.units().increment(consumed);
        }
        if (total != null) {
            total.request(consumed);
        }
    }

    void throttled() {
        throttled.increment();
        if (meters != null) {
            meters.throttles().increment();
        }
        if (total != null) {
            total.throttled();
        }
    }

    /** A 5xx answer or a transport error (only metered: {@link ReadStats} does not count them). */
    void serverError() {
        if (meters != null) {
            meters.serverErrors().increment();
        }
        if (total != null) {
            total.serverError();
        }
    }

    ReadStats snapshot() {
        return new ReadStats(items.sum(), requests.sum(), units.sum(), throttled.sum());
    }
}
