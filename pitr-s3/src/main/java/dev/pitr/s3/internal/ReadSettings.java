package dev.pitr.s3.internal;

import dev.pitr.internal.Backoff;
import java.util.concurrent.Executor;

/**
 * How objects are read: part size, parts in flight per stream, and the resume policy.
 *
 * @param partSize   bytes per ranged GET
 * @param readAhead  parts fetched or held at once by one stream
 * @param maxRetries times one part may be requested again before the read fails
 * @param backoff    the wait before resuming a part after its n-th consecutive failure that brought
 *                   no new bytes; a failure after new bytes arrived resumes at once (n = 0)
 * @param executor   where completions and resumes run; {@code null} for the SDK's completion threads
 */
public record ReadSettings(int partSize, int readAhead, int maxRetries, Backoff backoff, Executor executor) {

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
