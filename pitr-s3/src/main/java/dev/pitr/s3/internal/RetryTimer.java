package dev.pitr.s3.internal;

import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * One daemon thread, shared by every reader in the JVM, that fires delayed resumes. It only hands
 * the task on (to the reader's executor, or runs the non-blocking request call itself), so one
 * thread is enough; pending tasks are bounded by the parts in flight.
 */
final class RetryTimer {
    private static final ScheduledThreadPoolExecutor TIMER = create();

    private RetryTimer() {
    }

    private static ScheduledThreadPoolExecutor create() {
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> {
            Thread th = new Thread(r, "pitr-s3-retry-timer");
            th.setDaemon(true);
            return th;
        });
        t.setRemoveOnCancelPolicy(true);
        return t;
    }

    /** Runs {@code task} through {@code settings} after {@code delayMillis}; at once when 0. */
    static void schedule(ReadSettings settings, long delayMillis, Runnable task) {
        if (delayMillis <= 0) {
            settings.dispatch(task);
        } else {
            TIMER.schedule(() -> settings.dispatch(task), delayMillis, TimeUnit.MILLISECONDS);
        }
    }
}
