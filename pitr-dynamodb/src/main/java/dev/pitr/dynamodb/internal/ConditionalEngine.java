package dev.pitr.dynamodb.internal;

import static software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity.TOTAL;
import static software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure.ALL_OLD;

import dev.pitr.PitrException;
import dev.pitr.model.Item;
import dev.pitr.model.Key;
import dev.pitr.model.KeySchema;
import dev.pitr.revert.ConditionalSink;
import dev.pitr.write.WriteCapacity;
import dev.pitr.write.WriteInterruptedException;
import dev.pitr.write.WriteRateLimiter;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/**
 * The DynamoDB {@link ConditionalSink}'s implementation. Each write is checked and turned into
 * its request on the caller's thread, takes one of {@code maxInFlight} permits (the caller
 * blocks while none is free), reserves its estimated capacity in the rate limiter and is sent
 * when the limiter allows; a throttled or transient failure is sent again after a backoff. The
 * waits run on one timer thread, the answers on the SDK's threads; nothing blocks there.
 */
public final class ConditionalEngine implements ConditionalSink {
    private static final Logger LOG = LoggerFactory.getLogger(ConditionalEngine.class);
    private static final AtomicInteger INSTANCES = new AtomicInteger();
    private static final Outcome WRITTEN = new Outcome.Written();

    private final ConditionalConfig config;
    private final String table;
    private final WriteRateLimiter limiter;
    private final DescribedTable described;
    private final RevertMetrics metrics;
    private final FirstFaults faults;
    private final Semaphore permits;
    private final Set<ConditionalWrite> outstanding = ConcurrentHashMap.newKeySet();
    private final ScheduledThreadPoolExecutor timer;
    private final AtomicBoolean partialLogged = new AtomicBoolean();
    private final Object lifecycle = new Object();
    private volatile boolean closed; // written under lifecycle

    /** Registers the meters; sends nothing yet. */
    public ConditionalEngine(ConditionalConfig config) {
        this.config = config;
        this.table = config.table();
        this.limiter = config.limiter();
        this.described = new DescribedTable(config.client(), table);
        this.metrics = new RevertMetrics(config.meterRegistry(), table);
        this.faults = FirstFaults.ofConditionalWrites(table);
        this.permits = new Semaphore(config.maxInFlight());
        String thread = "pitr-revert-" + table + "-" + INSTANCES.incrementAndGet();
        this.timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, thread);
            t.setDaemon(true);
            return t;
        });
        timer.setRemoveOnCancelPolicy(true);
    }

    @Override
    public KeySchema open() {
        return described.open(schema -> LOG.info("Reverting in table {} (key {}) with conditional writes: at most {} "
                + "WCU/s, {} in flight", table, schema, Double.isInfinite(limiter.ceiling()) ? "unlimited"
                : Math.round(limiter.ceiling()), config.maxInFlight()));
    }

    /** The table's identity as the DynamoDB sink names it ({@link TableDescriber#target}). */
    @Override
    public String target() {
        open();
        return described.target();
    }

    @Override
    public CompletableFuture<Outcome> write(Write write) {
        Objects.requireNonNull(write, "write");
        if (closed) {
            throw closedException();
        }
        KeySchema schema = open();
        ConditionalWrite w = prepare(write, schema);
        if (w == null) {
            metrics.failed();
            return CompletableFuture.failedFuture(new PitrException(refusal(write, "was not sent: its target item "
                    + "is over DynamoDB's item size limit of 400 KB (" + WriteCapacity.MAX_ITEM_BYTES + " bytes)")));
        }
        try {
            permits.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WriteInterruptedException("Interrupted while waiting for one of the " + config.maxInFlight()
                    + " conditional writes to table " + table + " in flight to complete", e);
        }
        synchronized (lifecycle) {
            if (closed) {
                permits.release();
                throw closedException();
            }
            outstanding.add(w);
        }
        if (w.condition.partial()) {
            partial(w);
        }
        go(w);
        return w.future;
    }

    /**
     * Checks {@code write} and makes its request.
     *
     * @return {@code null} when the target item is too large to be written
     * @throws IllegalArgumentException when the key does not fit the table, or the target or the
     *                                  expected item is not the item under the write's key
     */
    private @Nullable ConditionalWrite prepare(Write write, KeySchema schema) {
        String mismatch = schema.mismatch(write.key());
        if (mismatch != null) {
            throw new IllegalArgumentException(refusal(write, "does not fit the table's key " + schema + ": "
                    + mismatch));
        }
        Item target = write.target();
        long targetBytes = 0;
        if (target != null) {
            checkUnderKey(write, target, "target", schema);
            targetBytes = target.sizeInBytes();
            if (targetBytes > WriteCapacity.MAX_ITEM_BYTES) {
                return null;
            }
        }
        long expectedBytes = 0;
        if (write.condition() instanceof Condition.Equals equals) {
            checkUnderKey(write, equals.item(), "expected", schema);
            expectedBytes = equals.item().sizeInBytes();
        }
        ConditionExpression.Built condition = ConditionExpression.of(write.condition(), schema);
        int units = WriteCapacity.unitsForItemBytes(Math.max(targetBytes, expectedBytes));
        if (target != null) {
            return new ConditionalWrite(write, condition, units, targetBytes, PutItemRequest.builder()
                    .tableName(table).item(SdkValues.toSdk(target.attributes()))
                    .conditionExpression(condition.expression()).expressionAttributeNames(condition.namesOrNull())
                    .expressionAttributeValues(condition.valuesOrNull()).returnValuesOnConditionCheckFailure(ALL_OLD)
                    .returnConsumedCapacity(TOTAL).overrideConfiguration(OwnRetries.OVERRIDE).build(), null);
        }
        return new ConditionalWrite(write, condition, units, 0, null, DeleteItemRequest.builder()
                .tableName(table).key(SdkValues.toSdk(write.key().attributes()))
                .conditionExpression(condition.expression()).expressionAttributeNames(condition.namesOrNull())
                .expressionAttributeValues(condition.valuesOrNull()).returnValuesOnConditionCheckFailure(ALL_OLD)
                .returnConsumedCapacity(TOTAL).overrideConfiguration(OwnRetries.OVERRIDE).build());
    }

    /** Checks that {@code item} is an item under the write's key (numbers compared by value). */
    private void checkUnderKey(Write write, Item item, String which, KeySchema schema) {
        Key key;
        try {
            key = schema.keyOf(item);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(refusal(write, "has a " + which + " item that does not fit the "
                    + "table's key " + schema + ": " + e.getMessage()), e);
        }
        if (!KeyIdentity.of(key, schema).equals(KeyIdentity.of(write.key(), schema))) {
            throw new IllegalArgumentException(refusal(write, "has a " + which + " item under another key than the "
                    + "write's"));
        }
    }

    private void partial(ConditionalWrite w) {
        metrics.partialCondition();
        if (partialLogged.compareAndSet(false, true)) {
            LOG.warn("The condition of the write from {} to table {} compares {} of the item's {} attributes: the "
                    + "others do not fit in one DynamoDB condition expression (300 operators, 4 KB). Further such "
                    + "writes are counted in pitr.revert.partial.conditions, not logged", w.write.origin(), table,
                    w.condition.checked(), w.condition.attributes());
        }
    }

    // ---- sending ----

    /** Sends {@code w} now, or once the rate limiter allows. */
    private void go(ConditionalWrite w) {
        long wait = limiter.reserve(w.units);
        if (wait > 0) {
            later(w, wait, () -> send(w));
        } else {
            send(w);
        }
    }

    private void send(ConditionalWrite w) {
        if (w.settled()) {
            return; // the sink was closed meanwhile
        }
        w.attempt++;
        w.sentAt = config.ticker().read();
        w.send(config.client()).whenComplete((response, error) -> answered(w, response, error));
    }

    /** Runs {@code action} for {@code w} on the timer after {@code nanos}; fails {@code w} when the sink is closed. */
    private void later(ConditionalWrite w, long nanos, Runnable action) {
        try {
            timer.schedule(action, nanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            fail(w, "was not sent: the sink was closed first", null);
        }
    }

    // ---- answers, on the SDK's threads ----

    private void answered(ConditionalWrite w, @Nullable DynamoDbResponse response, @Nullable Throwable error) {
        if (w.settled()) {
            return; // the sink was closed while it was in flight
        }
        if (error == null) {
            double reported = CapacityUnits.reported(ConditionalWrite.consumedCapacity(response));
            consumed(w, Double.isNaN(reported) ? w.units : reported);
            succeed(w, WRITTEN);
            return;
        }
        Throwable cause = Fault.unwrap(error);
        if (cause instanceof ConditionalCheckFailedException failed) {
            conditionFailed(w, failed);
            return;
        }
        limiter.adjust(-w.units); // a refused request consumed nothing
        switch (Fault.of(cause)) {
            case THROTTLED -> {
                metrics.throttled();
                limiter.onThrottle(w.sentAt);
                faults.throttled(Fault.code(cause), limiter.currentRate());
                retry(w, cause);
            }
            case TRANSIENT -> {
                metrics.serverError();
                faults.transientError(Fault.describe(cause));
                w.ambiguous = true;
                retry(w, cause);
            }
            default -> fail(w, "was refused by DynamoDB: " + Fault.describe(cause), cause);
        }
    }

    /**
     * The item did not meet the condition. DynamoDB bills such a write by the larger of the item
     * there and the target (it reports no consumed capacity with the failure). After an attempt
     * whose outcome is unknown, finding the target there means that attempt wrote it.
     */
    private void conditionFailed(ConditionalWrite w, ConditionalCheckFailedException failed) {
        Item current;
        try {
            current = failed.hasItem() && !failed.item().isEmpty() ? new Item(SdkValues.toModel(failed.item())) : null;
        } catch (IllegalArgumentException e) {
            consumed(w, w.units);
            fail(w, "failed its condition, and the item DynamoDB returned cannot be read: " + e.getMessage(), e);
            return;
        }
        consumed(w, WriteCapacity.unitsForItemBytes(Math.max(w.targetBytes, current == null ? 0
                : current.sizeInBytes())));
        succeed(w, w.ambiguous && w.wrote(current) ? WRITTEN : new Outcome.ConditionFailed(current));
    }

    /** Corrects the reservation by what the write cost, and lets the rate grow. */
    private void consumed(ConditionalWrite w, double units) {
        limiter.adjust(units - w.units);
        limiter.onSuccess(units);
        metrics.consumed(units);
    }

    private void retry(ConditionalWrite w, Throwable cause) {
        if (w.attempt >= config.maxAttempts()) {
            fail(w, "was throttled or failed " + w.attempt + " times, giving up; last: " + Fault.describe(cause), cause);
            return;
        }
        later(w, config.backoff().delayNanos(w.attempt), () -> go(w));
    }

    // ---- ending writes ----

    private void succeed(ConditionalWrite w, Outcome outcome) {
        if (w.settle()) {
            release(w);
            if (outcome instanceof Outcome.Written) {
                metrics.written();
            } else {
                metrics.conditionFailed();
            }
            w.future.complete(outcome);
        }
    }

    private void fail(ConditionalWrite w, String reason, @Nullable Throwable cause) {
        if (w.settle()) {
            release(w);
            metrics.failed();
            w.future.completeExceptionally(new PitrException(refusal(w.write, reason), cause));
        }
    }

    /** Frees the write's permit before its future completes, so that actions chained to it find room. */
    private void release(ConditionalWrite w) {
        outstanding.remove(w);
        permits.release();
    }

    private String refusal(Write write, String reason) {
        return "The conditional write from " + write.origin() + " to table " + table + " " + reason;
    }

    private IllegalStateException closedException() {
        return new IllegalStateException("The conditional writer to table " + table + " is closed");
    }

    @Override
    public void flush() {
        CompletableFuture<?>[] pending = outstanding.stream().map(w -> w.future).toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(pending).exceptionally(e -> null).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WriteInterruptedException("Interrupted while waiting for the conditional writes to table "
                    + table + " to complete", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("unreachable: failures are taken as completions", e);
        }
    }

    @Override
    public double capacityUnits() {
        return metrics.capacityUnits();
    }

    /** Writes sent with a condition that compares only some of the expected item's attributes. */
    public long partialConditions() {
        return metrics.partialConditions();
    }

    @Override
    public void close() {
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            closed = true;
        }
        timer.shutdownNow();
        for (ConditionalWrite w : List.copyOf(outstanding)) {
            CompletableFuture<?> call = w.call;
            boolean inFlight = call != null && !call.isDone();
            fail(w, inFlight ? "has an unknown outcome: the sink was closed while its request was in flight"
                    : "was not sent: the sink was closed first", null);
            if (call != null) {
                call.cancel(true);
            }
        }
    }

    @Override
    public String toString() {
        return "DynamoDbConditionalSink[" + table + "]";
    }
}
