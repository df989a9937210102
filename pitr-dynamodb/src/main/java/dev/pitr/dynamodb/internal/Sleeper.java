package dev.pitr.dynamodb.internal;

import java.util.concurrent.TimeUnit;

/**
 * How the table reader waits out its rate limiter and its backoffs. Swappable with the
 * {@link dev.pitr.write.Ticker} so that a test drives a virtual clock that moves when the reader
 * waits, instead of waiting in real time.
 */
@FunctionalInterface
public interface Sleeper {

    /**
     * Returns after {@code nanos} nanoseconds of this sleeper's time.
     *
     * @throws InterruptedException when the thread is interrupted meanwhile
     */
    void sleep(long nanos) throws InterruptedException;

    /** Real time: {@link TimeUnit#sleep}. */
    static Sleeper system() {
        return TimeUnit.NANOSECONDS::sleep;
    }
}
