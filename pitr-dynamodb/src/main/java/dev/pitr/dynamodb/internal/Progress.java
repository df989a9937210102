package dev.pitr.dynamodb.internal;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Which operations are finished, for {@link dev.pitr.write.ItemSink#flush()}: operations get
 * increasing sequence numbers as they are accepted, and the loop publishes the highest number up
 * to which every operation is finished (written, skipped or failed), however out of order they
 * finish. The loop thread owns the outstanding list; flushers only wait on the published value.
 *
 * <p>The outstanding list is linked through the operations themselves, oldest first, and an
 * operation leaves it the moment it finishes, wherever it is: one operation retried for long
 * does not keep the operations finished behind it (their items and request bodies) in memory,
 * so what the loop holds stays within the sink's queue bounds.
 */
final class Progress {
    private final AtomicLong flushTarget = new AtomicLong();
    private final Object lock = new Object();
    private Pending oldest;
    private Pending newest;
    private int retained;
    private long retainedBytes;
    private long ingestedThrough;
    private long completedThrough;
    private long publishedThrough;  // guarded by lock
    private boolean stopped;        // guarded by lock
    private volatile int publishedRetained;
    private volatile long publishedRetainedBytes;

    /** The loop took {@code p}: it is outstanding until {@link #finished}. */
    void ingested(Pending p) {
        p.older = newest;
        p.newer = null;
        if (newest == null) {
            oldest = p;
        } else {
            newest.newer = p;
        }
        newest = p;
        p.outstanding = true;
        retained++;
        retainedBytes += p.requestBytes;
        ingestedThrough = p.seq;
    }

    /** {@code p} is finished: it leaves the outstanding list at once. */
    void finished(Pending p) {
        if (!p.outstanding) {
            return;
        }
        p.outstanding = false;
        if (p.older == null) {
            oldest = p.newer;
        } else {
            p.older.newer = p.newer;
        }
        if (p.newer == null) {
            newest = p.older;
        } else {
            p.newer.older = p.older;
        }
        p.older = null;
        p.newer = null;
        retained--;
        retainedBytes -= p.requestBytes;
    }

    /**
     * Calls {@code action} on each operation taken and not finished, oldest first; the action may
     * finish the operation it is given.
     */
    void forEachOutstanding(Consumer<Pending> action) {
        Pending p = oldest;
        while (p != null) {
            Pending next = p.newer;
            action.accept(p);
            p = next;
        }
    }

    /** Operations taken and not finished, as of the loop's last {@link #publish()}. */
    int retainedOperations() {
        return publishedRetained;
    }

    /** Their request bytes, as of the loop's last {@link #publish()}. */
    long retainedBytes() {
        return publishedRetainedBytes;
    }

    /** A flusher waits for every operation up to {@code seq}. */
    void requestFlush(long seq) {
        flushTarget.accumulateAndGet(seq, Math::max);
    }

    /** Whether a flusher waits for operations not yet finished: partial batches go out at once. */
    boolean flushWanted() {
        return flushTarget.get() > completedThrough;
    }

    /** Wakes flushers whose operations are all finished. */
    void publish() {
        publishedRetained = retained;
        publishedRetainedBytes = retainedBytes;
        long through = oldest == null ? ingestedThrough : oldest.seq - 1;
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
        forEachOutstanding(this::finished);
        publishedRetained = 0;
        publishedRetainedBytes = 0;
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
