package dev.pitr.dynamodb.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One BatchWriteItem request's worth of operations: at most 25, at most one per item, under
 * 16 MB. A batch holds an in-flight slot from the moment it is formed until it is answered
 * for good, including while it waits for the rate limiter or a retry backoff.
 */
final class Batch {
    final List<Pending> ops;
    /** A half of a refused batch: it is never topped up, so that the fault can be found. */
    final boolean narrowing;
    int wcu;
    long bytes;
    /** Times sent so far, over its lineage (the batch it was split from or handed back by). */
    int attempt;
    /** Ticker time it may be sent, while it waits in the timer queue. */
    long due;
    /** Whether rate-limiter tokens are held for its next sending. */
    boolean reserved;
    long sentAt;
    long firstSentAt = Long.MAX_VALUE;
    CompletableFuture<?> call;

    Batch(List<Pending> ops, int attempt, boolean narrowing) {
        this.ops = new ArrayList<>(Math.max(ops.size(), 4));
        this.attempt = attempt;
        this.narrowing = narrowing;
        for (Pending p : ops) {
            add(p);
        }
    }

    void add(Pending p) {
        ops.add(p);
        wcu += p.wcu;
        bytes += p.requestBytes;
        if (p.firstSentAt != Long.MIN_VALUE && p.firstSentAt < firstSentAt) {
            firstSentAt = p.firstSentAt;
        }
    }

    int size() {
        return ops.size();
    }

    @Override
    public String toString() {
        return "Batch[" + ops.size() + " ops, attempt " + attempt + "]";
    }
}
