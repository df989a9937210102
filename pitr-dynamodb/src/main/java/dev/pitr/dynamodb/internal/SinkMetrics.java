package dev.pitr.dynamodb.internal;

import dev.pitr.write.SinkStats;
import dev.pitr.write.WriteRateLimiter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * The writer's counters, kept twice: as plain adders for {@link SinkStats} and as Micrometer
 * meters (registered once, here) tagged with the table name:
 * {@code pitr.write.operations} (tag {@code type=put|delete}), {@code pitr.write.batches},
 * {@code pitr.write.batch.latency}, {@code pitr.write.throttles}, {@code pitr.write.retries},
 * {@code pitr.write.server.errors}, {@code pitr.write.unprocessed}, {@code pitr.write.skipped},
 * {@code pitr.write.failed}, {@code pitr.write.wcu.consumed}, and the gauges
 * {@code pitr.write.wcu.rate} and {@code pitr.write.inflight}.
 */
final class SinkMetrics {
    private final LongAdder puts = new LongAdder();
    private final LongAdder deletes = new LongAdder();
    private final LongAdder batches = new LongAdder();
    private final LongAdder retries = new LongAdder();
    private final LongAdder throttles = new LongAdder();
    private final LongAdder serverErrors = new LongAdder();
    private final LongAdder unprocessed = new LongAdder();
    private final LongAdder skipped = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final DoubleAdder consumed = new DoubleAdder();
    final AtomicInteger inFlight = new AtomicInteger();

    private final Counter putCounter;
    private final Counter deleteCounter;
    private final Counter batchCounter;
    private final Timer latency;
    private final Counter throttleCounter;
    private final Counter retryCounter;
    private final Counter serverErrorCounter;
    private final Counter unprocessedCounter;
    private final Counter skippedCounter;
    private final Counter failedCounter;
    private final Counter consumedCounter;

    SinkMetrics(MeterRegistry registry, String table, WriteRateLimiter limiter) {
        Tags tags = Tags.of("table", table);
        putCounter = Counter.builder("pitr.write.operations").tags(tags).tag("type", "put")
                .description("Operations DynamoDB accepted").register(registry);
        deleteCounter = Counter.builder("pitr.write.operations").tags(tags).tag("type", "delete")
                .description("Operations DynamoDB accepted").register(registry);
        batchCounter = Counter.builder("pitr.write.batches").tags(tags)
                .description("BatchWriteItem requests sent").register(registry);
        latency = Timer.builder("pitr.write.batch.latency").tags(tags)
                .description("Time from sending a BatchWriteItem request to its answer").register(registry);
        throttleCounter = Counter.builder("pitr.write.throttles").tags(tags)
                .description("Requests answered with a throttling error").register(registry);
        retryCounter = Counter.builder("pitr.write.retries").tags(tags)
                .description("Requests sent again after throttling, a 5xx answer or a transport error")
                .register(registry);
        serverErrorCounter = Counter.builder("pitr.write.server.errors").tags(tags)
                .description("Requests answered with a 5xx error or lost to a transport error").register(registry);
        unprocessedCounter = Counter.builder("pitr.write.unprocessed").tags(tags)
                .description("Operations handed back as UnprocessedItems").register(registry);
        skippedCounter = Counter.builder("pitr.write.skipped").tags(tags)
                .description("Operations set aside by the SKIP failure policy").register(registry);
        failedCounter = Counter.builder("pitr.write.failed").tags(tags)
                .description("Operations failed, or left unsent when the writer stopped").register(registry);
        consumedCounter = Counter.builder("pitr.write.wcu.consumed").tags(tags).baseUnit("wcu")
                .description("Write capacity DynamoDB reported consumed").register(registry);
        Gauge.builder("pitr.write.wcu.rate", limiter, WriteRateLimiter::currentRate).tags(tags).baseUnit("wcu/s")
                .description("Write capacity per second the adaptive limiter allows now").strongReference(true)
                .register(registry);
        Gauge.builder("pitr.write.inflight", inFlight, AtomicInteger::get).tags(tags)
                .description("BatchWriteItem requests in flight or waiting to be sent again")
                .strongReference(true).register(registry);
    }

    void written(int putCount, int deleteCount) {
        if (putCount > 0) {
            puts.add(putCount);
            putCounter.increment(putCount);
        }
        if (deleteCount > 0) {
            deletes.add(deleteCount);
            deleteCounter.increment(deleteCount);
        }
    }

    void batchSent() {
        batches.increment();
        batchCounter.increment();
    }

    void latency(long nanos) {
        latency.record(nanos, TimeUnit.NANOSECONDS);
    }

    void throttled() {
        throttles.increment();
        throttleCounter.increment();
    }

    void serverError() {
        serverErrors.increment();
        serverErrorCounter.increment();
    }

    void retried() {
        retries.increment();
        retryCounter.increment();
    }

    void unprocessed(int count) {
        unprocessed.add(count);
        unprocessedCounter.increment(count);
    }

    void skipped() {
        skipped.increment();
        skippedCounter.increment();
    }

    void failed() {
        failed.increment();
        failedCounter.increment();
    }

    void consumed(double wcu) {
        consumed.add(wcu);
        consumedCounter.increment(wcu);
    }

    /** A snapshot of the counters. */
    SinkStats snapshot() {
        return new SinkStats(puts.sum(), deletes.sum(), batches.sum(), retries.sum(), throttles.sum(),
                serverErrors.sum(), unprocessed.sum(), skipped.sum(), failed.sum(), consumed.sum());
    }
}
