package dev.pitr.dynamodb.internal;

import dev.pitr.PitrException;
import dev.pitr.internal.Backoff;
import dev.pitr.model.KeySchema;
import dev.pitr.write.Ticker;
import dev.pitr.write.WriteFailedException;
import dev.pitr.write.WriteRateLimiter;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The writer's event loop. One thread owns every piece of mutable state: it takes operations
 * from callers and answers from the SDK through one queue (SDK callbacks only enqueue, never
 * block), cuts batches, waits out the rate limiter and retry backoffs on a timer queue, and
 * applies the failure policy. Memory is bounded by the callers' {@link OpBudget}: every event in
 * the queue is an accepted operation, an answer to one of at most {@code maxInFlight} requests,
 * or a wake-up.
 */
final class Dispatcher implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    private static final long MAX_IDLE_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final Object WAKE = new Object();
    private static final Object CLOSE = new Object();

    /** An SDK answer, carried from the SDK's thread to the loop. */
    private record Answer(Batch batch, BatchWriteItemResponse response, Throwable error) {
    }

    private final String table;
    private final DynamoDbAsyncClient client;
    /** The key schema, known once the sink is open (the loop only needs it for answers). */
    private final Supplier<KeySchema> keySchema;
    private final WriteRateLimiter limiter;
    private final Ticker ticker;
    private final SinkMetrics metrics;
    private final OpBudget budget;
    private final Backoff backoff;
    private final Duration retryDeadline;
    private final long retryDeadlineNanos;
    private final long lingerNanos;
    private final int maxInFlight;
    private final boolean pitrBody;
    private final JsonBody.Envelope envelope;
    private final Map<String, List<WriteRequest>> noItems;

    /**
     * Lock-free: callers add an operation with a CAS and wake the loop only when it waits, where
     * a LinkedBlockingQueue took a lock per operation on both sides and contended on it.
     */
    private final BlockingQueue<Object> events = new LinkedTransferQueue<>();
    private final Progress progress = new Progress();
    private volatile PitrException failure;

    // Owned by the loop thread.
    private final BatchAssembler assembler;
    private final PriorityQueue<Batch> timers = new PriorityQueue<>(Comparator.comparingLong(b -> b.due));
    private final ArrayDeque<Batch> awaitingSlot = new ArrayDeque<>();
    private final Set<Batch> onWire = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    private int slots;
    private final FirstFaults firstFaults;
    private final Settlement settlement;

    Dispatcher(SinkConfig config, Supplier<KeySchema> keySchema, SinkMetrics metrics, OpBudget budget) {
        this.table = config.table();
        this.client = config.client();
        this.keySchema = keySchema;
        this.limiter = config.limiter();
        this.ticker = config.ticker();
        this.metrics = metrics;
        this.budget = budget;
        this.backoff = Backoff.create(config.backoffBase(), config.backoffCap());
        this.retryDeadline = config.retryDeadline();
        this.retryDeadlineNanos = retryDeadline == null ? Long.MAX_VALUE : retryDeadline.toNanos();
        this.lingerNanos = config.batchLinger().toNanos();
        this.maxInFlight = config.maxInFlightRequests();
        this.pitrBody = config.pitrBody();
        this.envelope = JsonBody.Envelope.of(table);
        this.noItems = Map.of(table, List.of());
        this.firstFaults = FirstFaults.ofWrites(table);
        this.assembler = new BatchAssembler(25, RequestSize.MAX_REQUEST_BYTES - RequestSize.ENVELOPE_BYTES);
        this.settlement = new Settlement(config, metrics, budget, assembler, progress);
    }

    // ---- called from other threads ----

    /** Hands an accepted operation to the loop. */
    void submit(Pending p) {
        events.add(p);
    }

    /** Asks the loop to send everything up to {@code seq} without lingering. */
    void requestFlush(long seq) {
        progress.requestFlush(seq);
        events.add(WAKE);
    }

    /** Asks the loop to stop. */
    void requestClose() {
        events.add(CLOSE);
    }

    /** The failure that stopped the sink, or {@code null}. */
    PitrException failure() {
        return failure;
    }

    /**
     * Waits until every operation up to {@code seq} is finished, or the loop stopped.
     *
     * @return whether they all finished
     */
    boolean awaitCompleted(long seq) throws InterruptedException {
        return progress.awaitCompleted(seq);
    }

    /** Operations taken and not finished, as of the loop's last round. */
    int retainedOperations() {
        return progress.retainedOperations();
    }

    /** The request bytes of those operations, as of the loop's last round. */
    long retainedBytes() {
        return progress.retainedBytes();
    }

    // ---- the loop ----

    @Override
    public void run() {
        try {
            while (true) {
                Object event = events.poll(waitNanos(), TimeUnit.NANOSECONDS);
                boolean closing = false;
                while (event != null) {
                    if (event == CLOSE) {
                        closing = true;
                    } else if (event instanceof Pending p) {
                        ingest(p);
                    } else if (event instanceof Answer a) {
                        onAnswer(a);
                    }
                    event = events.poll();
                }
                if (closing) {
                    shutDown("the sink was closed first");
                    return;
                }
                long now = ticker.read();
                fireTimers(now);
                dispatch(now);
                progress.publish();
            }
        } catch (InterruptedException e) {
            shutDown("the sink's thread was interrupted");
        } catch (RuntimeException | Error e) {
            LOG.error("pitr writer for table {} stopped on an unexpected error; pending operations fail", table, e);
            if (failure == null) {
                failure = new PitrException("pitr writer for table " + table + " stopped on an unexpected error: " + e, e);
            }
            shutDown("the sink stopped on an unexpected error");
        }
    }

    private long waitNanos() {
        boolean slotFree = slots < maxInFlight && failure == null;
        if (slotFree && (!awaitingSlot.isEmpty() || assembler.fullBatchReady()
                || (assembler.hasReady() && progress.flushWanted()))) {
            return 0;
        }
        long now = ticker.read();
        long wait = MAX_IDLE_WAIT_NANOS;
        Batch next = timers.peek();
        if (next != null) {
            wait = Math.min(wait, next.due - now);
        }
        if (slotFree && assembler.hasReady()) {
            wait = Math.min(wait, assembler.oldestReadySince() + lingerNanos - now);
        }
        return Math.max(0, wait);
    }

    private void ingest(Pending p) {
        progress.ingested(p);
        if (failure != null) {
            abandon(p, notSentReason());
        } else if (p.refusal != null) {
            stopOn(settlement.refused(p, p.refusal, null));
        } else {
            assembler.add(p, ticker.read());
        }
    }

    private void dispatch(long now) {
        while (slots < maxInFlight && failure == null) {
            Batch b = awaitingSlot.pollFirst();
            if (b == null) {
                if (!assembler.hasReady() || !(assembler.fullBatchReady() || progress.flushWanted()
                        || now - assembler.oldestReadySince() >= lingerNanos)) {
                    break;
                }
                b = assembler.nextBatch();
            }
            slots++;
            metrics.inFlight.set(slots);
            go(b, now);
        }
    }

    private void fireTimers(long now) {
        Batch b;
        while ((b = timers.peek()) != null && b.due - now <= 0) {
            timers.poll();
            go(b, now);
        }
    }

    /** Sends {@code b} (which holds a slot) now, or parks it until the rate limiter allows. */
    private void go(Batch b, long now) {
        if (!b.reserved) {
            if (!b.narrowing) {
                assembler.topUp(b);
            }
            long wait = limiter.reserve(b.wcu);
            b.reserved = true;
            if (wait > 0) {
                b.due = now + wait;
                timers.add(b);
                return;
            }
        }
        send(b, now);
    }

    private void send(Batch b, long now) {
        b.attempt++;
        b.sentAt = now;
        for (Pending p : b.ops) {
            if (p.firstSentAt == Long.MIN_VALUE) {
                p.firstSentAt = now;
            }
        }
        b.firstSentAt = Math.min(b.firstSentAt, now);
        BatchWriteItemRequest request = pitrBody ? BodySwap.request(emptyRequest(), envelope.body(b.ops))
                : sdkRequest(b.ops);
        metrics.batchSent();
        CompletableFuture<BatchWriteItemResponse> call;
        try {
            call = client.batchWriteItem(request);
        } catch (RuntimeException e) {
            call = CompletableFuture.failedFuture(e);
        }
        b.call = call;
        onWire.add(b);
        call.whenComplete((response, error) -> events.add(new Answer(b, response, error)));
    }

    /** The request with every entry for the SDK to marshal. */
    private BatchWriteItemRequest sdkRequest(List<Pending> ops) {
        List<WriteRequest> requests = new ArrayList<>(ops.size());
        for (Pending p : ops) {
            requests.add(p.request);
        }
        return BatchWriteItemRequest.builder()
                .requestItems(Map.of(table, requests))
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)
                .build();
    }

    /**
     * The request the SDK marshals when pitr writes the body: the same table and options (read
     * by the SDK's endpoint rules) with no entries. The body pitr sends is
     * {@link JsonBody.Envelope#body}, with the same options.
     */
    private BatchWriteItemRequest.Builder emptyRequest() {
        return BatchWriteItemRequest.builder()
                .requestItems(noItems)
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL);
    }

    // ---- answers ----

    private void onAnswer(Answer a) {
        Batch b = a.batch();
        if (!onWire.remove(b)) {
            return; // answered after the sink stopped: its operations were settled then
        }
        long now = ticker.read();
        metrics.latency(now - b.sentAt);
        b.reserved = false;
        if (a.error() == null) {
            onAccepted(b, a.response(), now);
        } else {
            onFailed(b, a.error(), now);
        }
    }

    private void onAccepted(Batch b, BatchWriteItemResponse response, long now) {
        Answers.HandedBack handedBack = Answers.handedBack(b.ops, response, table, keySchema.get());
        if (handedBack.unknown() > 0) {
            firstFaults.unknownItems(handedBack.unknown(), b.size());
        }
        List<Pending> again = handedBack.ops();
        int againWcu = 0;
        for (Pending p : again) {
            againWcu += p.wcu;
        }
        double consumed = Answers.consumedUnits(response);
        double actual = Double.isNaN(consumed) ? b.wcu - againWcu : consumed;
        limiter.adjust(actual - b.wcu);
        metrics.consumed(actual);
        Set<Pending> retry = null;
        if (!again.isEmpty()) {
            retry = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
            retry.addAll(again);
        }
        settlement.written(b.ops, retry);
        if (again.isEmpty()) {
            limiter.onSuccess(actual);
            releaseSlot();
            return;
        }
        metrics.unprocessed(again.size());
        limiter.onThrottle(b.sentAt, (double) again.size() / b.size());
        firstFaults.handedBack(again.size(), b.size(), limiter.currentRate());
        retryLater(new Batch(again, b.attempt, false), now, "handed back as UnprocessedItems");
    }

    private void onFailed(Batch b, Throwable error, long now) {
        limiter.adjust(-b.wcu); // a refused request consumed nothing
        Fault fault = Fault.of(error);
        switch (fault) {
            case THROTTLED -> {
                metrics.throttled();
                limiter.onThrottle(b.sentAt);
                firstFaults.throttled(Fault.code(error), limiter.currentRate());
                if (retryLater(b, now, Fault.describe(error))) {
                    metrics.retried();
                }
            }
            case TRANSIENT -> {
                metrics.serverError();
                firstFaults.transientError(Fault.describe(error));
                if (retryLater(b, now, Fault.describe(error))) {
                    metrics.retried();
                }
            }
            case VALIDATION -> narrowDown(b, error, now);
            default -> {
                String reason = "DynamoDB refused the request: " + Fault.describe(error);
                Throwable cause = Fault.unwrap(error);
                WriteFailedException first = null;
                for (Pending p : b.ops) {
                    WriteFailedException e = new WriteFailedException(table, p.key(), p.op.origin(), reason, cause);
                    settlement.failed(p, e);
                    first = first == null ? e : first;
                }
                releaseSlot();
                stopOn(first);
            }
        }
    }

    /** A refused batch is split in halves until the operations at fault stand alone. */
    private void narrowDown(Batch b, Throwable error, long now) {
        if (b.size() == 1) {
            WriteFailedException e = settlement.refused(b.ops.get(0), "DynamoDB refused it: " + Fault.describe(error),
                    Fault.unwrap(error));
            releaseSlot();
            stopOn(e);
            return;
        }
        if (failure != null) {
            abandonBatch(b);
            releaseSlot();
            return;
        }
        int mid = b.size() / 2;
        Batch first = new Batch(b.ops.subList(0, mid), b.attempt, true);
        Batch second = new Batch(b.ops.subList(mid, b.size()), b.attempt, true);
        LOG.debug("Table {} refused a batch of {} as invalid; narrowing down", table, b.size());
        awaitingSlot.addFirst(second);
        go(first, now);
    }

    /**
     * Parks {@code b} (which keeps its slot) for a backoff, or gives up on it when the retry
     * deadline would pass.
     *
     * @return whether it will be sent again
     */
    private boolean retryLater(Batch b, long now, String why) {
        if (failure != null) {
            abandonBatch(b);
            releaseSlot();
            return false;
        }
        long delay = backoff.delayNanos(b.attempt);
        if (retryDeadlineNanos != Long.MAX_VALUE && (now + delay) - b.firstSentAt > retryDeadlineNanos) {
            String reason = "still not accepted after retrying for " + retryDeadline + ", last: " + why;
            WriteFailedException first = null;
            for (Pending p : b.ops) {
                WriteFailedException e = settlement.refused(p, reason, null);
                first = first == null ? e : first;
            }
            releaseSlot();
            stopOn(first);
            return false;
        }
        b.due = now + delay;
        b.reserved = false;
        timers.add(b);
        return true;
    }

    // ---- ending operations ----

    /** Stops the sink on its first failure: nothing that is not on the wire will be sent. */
    private void stopOn(WriteFailedException e) {
        if (e != null && failure == null) {
            failure = e;
            settlement.freeze();
            abandonAll();
        }
    }

    private void abandon(Pending p, String reason) {
        settlement.abandoned(p, reason, failure);
    }

    private void abandonBatch(Batch b) {
        for (Pending p : b.ops) {
            abandon(p, notSentReason());
        }
    }

    private void abandonAll() {
        assembler.clear();
        slots -= timers.size();
        metrics.inFlight.set(slots);
        timers.clear();
        awaitingSlot.clear();
        Set<Pending> wire = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        for (Batch b : onWire) {
            wire.addAll(b.ops);
        }
        String reason = notSentReason();
        progress.forEachOutstanding(p -> {
            if (!wire.contains(p)) {
                abandon(p, reason);
            }
        });
    }

    private String notSentReason() {
        PitrException f = failure;
        String first = f instanceof WriteFailedException w ? "the operation from " + w.origin() : "an internal error";
        return "not sent: the sink stopped after the failure of " + first;
    }

    private void releaseSlot() {
        slots--;
        metrics.inFlight.set(slots);
    }

    /** Ends everything still pending and stops the loop for good. */
    private void shutDown(String reason) {
        settlement.freeze();
        for (Batch b : onWire) {
            b.call.cancel(true);
            for (Pending p : b.ops) {
                abandon(p, "outcome unknown: " + reason + " while its request was in flight");
            }
        }
        onWire.clear();
        Object event;
        while ((event = events.poll()) != null) {
            if (event instanceof Pending p) {
                progress.ingested(p);
            }
        }
        progress.forEachOutstanding(p -> abandon(p, "not sent: " + reason));
        timers.clear();
        awaitingSlot.clear();
        assembler.clear();
        slots = 0;
        metrics.inFlight.set(0);
        budget.stop();
        progress.stop();
    }
}
