package dev.pitr.s3.internal;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How objects are read: part size, parts in flight per stream, and the resume policy.
 *
 * @param partSize   bytes per ranged GET
 * @param readAhead  parts fetched or held at once by one stream
 * @param maxRetries times one part may be requested again before the read fails
 * @param baseDelay  first backoff after a failure that brought no new bytes
 * @param maxDelay   cap on the backoff
 * @param executor   where completions and resumes run; {@code null} for the SDK's completion threads
 */
public record ReadSettings(int partSize, int readAhead, int maxRetries, Duration baseDelay, Duration maxDelay,
                           Executor executor) {

    /**
     * The wait before the next attempt. A failure after new bytes arrived resumes at once; each
     * further failure without progress doubles the wait, up to {@link #maxDelay()}, with jitter.
     *
     * @param failuresWithoutProgress consecutive failed attempts that received nothing new
     */
    public long backoffMillis(int failuresWithoutProgress) {
        if (failuresWithoutProgress <= 0) {
            return 0;
        }
        long base = Math.max(1, baseDelay.toMillis());
        int shift = Math.min(failuresWithoutProgress - 1, 30);
        long capped = Math.min(maxDelay.toMillis(), base << shift);
        // Half fixed, half random: spreads retries of parallel streams without going near zero.
        long half = capped / 2;
        return half + ThreadLocalRandom.current().nextLong(capped - half + 1);
    }

    /** Runs {@code task} on the executor, or at once when there is none or it refuses the task. */
    public void dispatch(Runnable task) {
        if (executor == null) {
            task.run();
            return;
        }
        try {
            executor.execute(task);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            task.run();
        }
    }
}
