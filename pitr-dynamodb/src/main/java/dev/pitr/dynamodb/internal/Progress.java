package dev.pitr.dynamodb.internal;

import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Which operations are finished, for {@link dev.pitr.write.ItemSink#flush()}: operations get
 * increasing sequence numbers as they are accepted, and the loop publishes the highest number up
 * to which every operation is finished (written, skipped or failed), however out of order they
 * finish. The loop thread owns the outstanding list; flushers only wait on the published value.
 */
final class Progress {
    private final ArrayDeque<Pending> outstanding = new ArrayDeque<>();
    private final AtomicLong flushTarget = new AtomicLong();
    private final Object lock = new Object();
    private long ingestedThrough;
    private long completedThrough;
    private long publishedThrough;  // guarded by lock
    private boolean stopped;        // guarded by lock

    /** The loop took {@code p}: it is outstanding until finished. */
    void ingested(Pending p) {
        outstanding.addLast(p);
        ingestedThrough = p.seq;
    }

    /** Operations taken and not known finished, oldest first (finished ones may remain). */
    Iterable<Pending> outstanding() {
        return outstanding;
    }

    /** A flusher waits for every operation up to {@code seq}. */
    void requestFlush(long seq) {
        flushTarget.accumulateAndGet(seq, Math::max);
    }

    /** Whether a flusher waits for operations not yet finished: partial batches go out at once. */
    boolean flushWanted() {
        return flushTarget.get() > completedThrough;
    }

    /** Drops finished operations from the head and wakes flushers whose operations are all finished. */
    void publish() {
        while (!outstanding.isEmpty() && outstanding.peekFirst().done) {
            outstanding.pollFirst();
        }
        long through = outstanding.isEmpty() ? ingestedThrough : outstanding.peekFirst().seq - 1;
        if (through != completedThrough) {
            completedThrough = through;
            synchronized (lock) {
                publishedThrough = through;
                lock.notifyAll();
            }
        }
    }

    /** The loop stopped: every operation taken counts as finished, and flushers wake for good. */
    void stop() {
        outstanding.clear();
        synchronized (lock) {
            publishedThrough = ingestedThrough;
            stopped = true;
            lock.notifyAll();
        }
    }

    /**
     * Waits until every operation up to {@code seq} is finished, or the loop stopped.
     *
     * @return whether they all finished before the loop stopped
     */
    boolean awaitCompleted(long seq) throws InterruptedException {
        synchronized (lock) {
            while (publishedThrough < seq && !stopped) {
                lock.wait();
            }
            return publishedThrough >= seq;
        }
    }
}
