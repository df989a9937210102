package dev.pitr.dynamodb.internal;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Orders operations into batches: at most {@code maxOps} per batch and {@code maxBytes} of
 * request, and never two operations on one item in flight at once. An operation on an item
 * that already has one outstanding is deferred until that one finishes, so operations on one
 * item are applied in the order they arrived; operations on other items pass it.
 *
 * <p>Not thread-safe: owned by the dispatcher thread.
 */
final class BatchAssembler {
    private final int maxOps;
    private final long maxBytes;
    private final ArrayDeque<Pending> ready = new ArrayDeque<>();
    /** Item identity to the last operation on it that is outstanding (the tail of its chain). */
    private final Map<Object, Pending> lastByItem = new HashMap<>();
    private long readyBytes;
    private int deferred;

    BatchAssembler(int maxOps, long maxBytes) {
        if (maxOps < 1 || maxBytes < 1) {
            throw new IllegalArgumentException("maxOps and maxBytes must be positive: " + maxOps + ", " + maxBytes);
        }
        this.maxOps = maxOps;
        this.maxBytes = maxBytes;
    }

    /** Takes a new operation: ready at once, or deferred behind the outstanding one on its item. */
    void add(Pending p, long now) {
        Pending previous = lastByItem.put(p.identity, p);
        if (previous == null) {
            makeReady(p, now);
        } else {
            previous.nextSameKey = p;
            deferred++;
        }
    }

    /**
     * {@code p} is finished (written, skipped or failed): the next operation on its item, if
     * any, becomes ready.
     */
    void release(Pending p, long now) {
        Pending next = p.nextSameKey;
        p.nextSameKey = null;
        if (next != null) {
            deferred--;
            makeReady(next, now);
        } else {
            lastByItem.remove(p.identity, p);
        }
    }

    /** Whether a batch can be cut that no later arrival could make bigger. */
    boolean fullBatchReady() {
        return ready.size() >= maxOps || readyBytes >= maxBytes;
    }

    boolean hasReady() {
        return !ready.isEmpty();
    }

    int readyCount() {
        return ready.size();
    }

    int deferredCount() {
        return deferred;
    }

    /** Ticker time the oldest ready operation became ready. */
    long oldestReadySince() {
        Pending head = ready.peekFirst();
        return head == null ? Long.MAX_VALUE : head.readySince;
    }

    /**
     * Cuts the next batch from the ready operations, oldest first: up to {@code maxOps} and
     * {@code maxBytes} (a single operation larger than {@code maxBytes} goes alone).
     */
    Batch nextBatch() {
        Batch batch = new Batch(List.of(), 0, false);
        topUp(batch);
        return batch;
    }

    /**
     * Adds ready operations, oldest first, to {@code batch} while it stays within
     * {@code maxOps} and {@code maxBytes}. The batch's operations are the outstanding ones of
     * their items, so no ready operation shares an item with them.
     */
    void topUp(Batch batch) {
        while (batch.size() < maxOps && !ready.isEmpty()) {
            Pending p = ready.peekFirst();
            if (batch.size() > 0 && batch.bytes + p.requestBytes > maxBytes) {
                break;
            }
            ready.pollFirst();
            readyBytes -= p.requestBytes;
            batch.add(p);
        }
    }

    /** Forgets everything (after the sink stopped); the caller fails the operations itself. */
    void clear() {
        ready.clear();
        lastByItem.clear();
        readyBytes = 0;
        deferred = 0;
    }

    private void makeReady(Pending p, long now) {
        p.readySince = now;
        ready.addLast(p);
        readyBytes += p.requestBytes;
    }
}
