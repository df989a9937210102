package dev.pitr.dynamodb.internal;

import dev.pitr.PitrException;
import dev.pitr.write.TargetTableException;
import dev.pitr.write.WriteRateLimiter;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * Sends the table reader's requests, one at a time per calling thread: each waits for its
 * estimated read capacity in the rate limiter, goes out with the client's own retries turned off
 * ({@link OwnRetries}), and is sent again after a backoff when throttled or failed with a
 * transient error ({@link Fault}), at most {@code maxAttempts} times in all. Every answer
 * corrects the limiter with what it really cost ({@link #answered}). Thread-safe.
 *
 * <p>The client's retries are off for these requests so that every throttle reaches the
 * limiter at once (which slows all segments down) and is counted; left on, the SDK would retry
 * a throttled request a few times on its own, unseen, before the reader heard of it.
 */
final class ReadRequests {
    /** An answer, and when its request was sent (ticker time). */
    record Answer<R>(R response, long sentAt) {
    }

    private final ReaderConfig config;
    private final WriteRateLimiter limiter;
    private final FirstFaults faults;

    ReadRequests(ReaderConfig config) {
        this.config = config;
        this.limiter = config.limiter();
        this.faults = FirstFaults.ofReads(config.table());
    }

    /**
     * Sends the request {@code call} makes until it is answered.
     *
     * @param what     the request, for messages: {@code "Scan segment 3 of 8"}
     * @param estimate the read capacity units it is expected to cost, reserved in the limiter
     *                 before each attempt
     * @throws TargetTableException when DynamoDB refuses the request for good (table gone, access
     *                              denied, invalid request)
     * @throws PitrException        when it was throttled or failed {@code maxAttempts} times
     * @throws InterruptedException when interrupted while waiting; the request is cancelled
     */
    <R> Answer<R> send(String what, int estimate, Supplier<CompletableFuture<R>> call, ReadCounters counters)
            throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            pace(estimate);
            long sentAt = config.ticker().read();
            CompletableFuture<R> future;
            try {
                future = call.get();
            } catch (RuntimeException e) {
                future = CompletableFuture.failedFuture(e);
            }
            Throwable error;
            try {
                return new Answer<>(future.get(), sentAt);
            } catch (InterruptedException e) {
                future.cancel(true);
                limiter.adjust(-estimate);
                throw e;
            } catch (ExecutionException e) {
                error = Fault.unwrap(e);
            }
            limiter.adjust(-estimate); // a refused request consumed nothing
            switch (Fault.of(error)) {
                case THROTTLED -> {
                    counters.throttled();
                    limiter.onThrottle(sentAt);
                    faults.throttled(Fault.code(error), limiter.currentRate());
                }
                case TRANSIENT -> {
                    counters.serverError();
                    faults.transientError(Fault.describe(error));
                }
                default -> throw new TargetTableException(config.table(), "cannot be read (" + what + "): "
                        + Fault.describe(error), error);
            }
            if (attempt >= config.maxAttempts()) {
                throw new PitrException("Reading table " + config.table() + " (" + what + ") failed " + attempt
                        + " times, giving up; last: " + Fault.describe(error), error);
            }
            backOff(attempt);
        }
    }

    /**
     * Settles an answer with the limiter and the counters: corrects the estimate reserved for it
     * by what it cost, and grows the rate, or, when DynamoDB handed back {@code refusedShare} of
     * the request unprocessed, counts a throttle and slows the rate by that share.
     */
    void answered(Answer<?> answer, int estimate, double units, double refusedShare, ReadCounters counters) {
        limiter.adjust(units - estimate);
        counters.request(units);
        if (refusedShare > 0) {
            counters.throttled();
            limiter.onThrottle(answer.sentAt(), refusedShare);
            faults.throttled("UnprocessedKeys", limiter.currentRate());
        } else {
            limiter.onSuccess(units);
        }
    }

    /** Waits the backoff before retry number {@code attempt}. */
    void backOff(int attempt) throws InterruptedException {
        long delay = config.backoff().delayNanos(attempt);
        if (delay > 0) {
            config.sleeper().sleep(delay);
        }
    }

    /** Reserves {@code units} in the limiter and waits until they may be used. */
    private void pace(int units) throws InterruptedException {
        long wait = limiter.reserve(units);
        if (wait > 0) {
            try {
                config.sleeper().sleep(wait);
            } catch (InterruptedException e) {
                limiter.adjust(-units);
                throw e;
            }
        }
    }
}
