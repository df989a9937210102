package dev.pitr.dynamodb.internal;

import dev.pitr.write.WriteInterruptedException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Bounds what the writer holds: operations accepted but not finished, counted and in bytes.
 * {@link #acquire} blocks while the bound is reached (back-pressure on the caller); an operation
 * larger than the byte bound is still let in once nothing else is held.
 */
final class OpBudget {
    private final int maxOps;
    private final long maxBytes;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition freed = lock.newCondition();
    private int ops;
    private long bytes;
    private boolean stopped;

    OpBudget(int maxOps, long maxBytes) {
        this.maxOps = maxOps;
        this.maxBytes = maxBytes;
    }

    /**
     * Waits for room for one operation of {@code opBytes}.
     *
     * @return {@code true} once taken; {@code false} when the budget was stopped (nothing taken)
     * @throws WriteInterruptedException when interrupted (the flag is set again)
     */
    boolean acquire(long opBytes) {
        lock.lock();
        try {
            while (!stopped && (ops >= maxOps || (ops > 0 && bytes + opBytes > maxBytes))) {
                freed.await();
            }
            if (stopped) {
                return false;
            }
            ops++;
            bytes += opBytes;
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WriteInterruptedException("Interrupted while waiting for room in the write queue", e);
        } finally {
            lock.unlock();
        }
    }

    /** Gives back the room one operation of {@code opBytes} took. */
    void release(long opBytes) {
        release(1, opBytes);
    }

    /** Gives back the room {@code count} operations of {@code totalBytes} together took. */
    void release(int count, long totalBytes) {
        if (count == 0) {
            return;
        }
        lock.lock();
        try {
            ops -= count;
            bytes -= totalBytes;
            freed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Wakes every waiter for good: they return {@code false}. */
    void stop() {
        lock.lock();
        try {
            stopped = true;
            freed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
