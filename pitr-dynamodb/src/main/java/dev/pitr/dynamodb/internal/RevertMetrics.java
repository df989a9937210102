package dev.pitr.dynamodb.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * The conditional writer's counters, registered once, here, tagged with the table:
 * {@code pitr.revert.writes} (tag {@code outcome=written|condition_failed|failed}),
 * {@code pitr.revert.wcu.consumed}, {@code pitr.revert.throttles},
 * {@code pitr.revert.server.errors} and {@code pitr.revert.partial.conditions}. What the sink
 * answers itself (capacity used, partial conditions) is also kept in adders, which a registry
 * that keeps nothing does not zero.
 */
final class RevertMetrics {
    private final DoubleAdder consumed = new DoubleAdder();
    private final LongAdder partial = new LongAdder();
    private final Counter written;
    private final Counter conditionFailed;
    private final Counter failed;
    private final Counter consumedCounter;
    private final Counter throttles;
    private final Counter serverErrors;
    private final Counter partialConditions;

    RevertMetrics(MeterRegistry registry, String table) {
        Tags tags = Tags.of("table", table);
        written = outcome(registry, tags, "written");
        conditionFailed = outcome(registry, tags, "condition_failed");
        failed = outcome(registry, tags, "failed");
        consumedCounter = Counter.builder("pitr.revert.wcu.consumed").tags(tags).baseUnit("wcu")
                .description("Write capacity DynamoDB reported consumed (estimated for failed conditions)")
                .register(registry);
        throttles = Counter.builder("pitr.revert.throttles").tags(tags)
                .description("Conditional writes answered with a throttling error").register(registry);
        serverErrors = Counter.builder("pitr.revert.server.errors").tags(tags)
                .description("Conditional writes answered with a 5xx error or lost to a transport error")
                .register(registry);
        partialConditions = Counter.builder("pitr.revert.partial.conditions").tags(tags)
                .description("Writes whose condition compares only some attributes of the item (the rest did not fit)")
                .register(registry);
    }

    private static Counter outcome(MeterRegistry registry, Tags tags, String outcome) {
        return Counter.builder("pitr.revert.writes").tags(tags).tag("outcome", outcome)
                .description("Conditional writes completed, by outcome").register(registry);
    }

    void written() {
        written.increment();
    }

    void conditionFailed() {
        conditionFailed.increment();
    }

    void failed() {
        failed.increment();
    }

    void consumed(double wcu) {
        consumed.add(wcu);
        consumedCounter.increment(wcu);
    }

    void throttled() {
        throttles.increment();
    }

    void serverError() {
        serverErrors.increment();
    }

    void partialCondition() {
        partial.increment();
        partialConditions.increment();
    }

    double capacityUnits() {
        return consumed.sum();
    }

    long partialConditions() {
        return partial.sum();
    }
}
