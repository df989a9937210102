package dev.pitr.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Loses the answers of chosen requests, as a dropped connection would: after the server applied
 * the request ({@link #afterTheServer}) or before it was sent ({@link #beforeTheServer}). The SDK
 * retries a lost answer as it would a broken connection, so a request whose answer is lost after
 * the server applied it reaches the server again. Add it to a client's override configuration.
 */
public final class LostAnswers implements ExecutionInterceptor {
    private final Predicate<SdkRequest> watch;
    private final boolean afterTheServer;
    private final AtomicInteger left = new AtomicInteger();
    private final AtomicInteger lost = new AtomicInteger();
    private final AtomicInteger attempts = new AtomicInteger();

    private LostAnswers(Predicate<SdkRequest> watch, boolean afterTheServer) {
        this.watch = watch;
        this.afterTheServer = afterTheServer;
    }

    /** Loses answers of the requests {@code watch} accepts once the server has applied them. */
    public static LostAnswers afterTheServer(Predicate<SdkRequest> watch) {
        return new LostAnswers(watch, true);
    }

    /** Loses the requests {@code watch} accepts before they reach the server. */
    public static LostAnswers beforeTheServer(Predicate<SdkRequest> watch) {
        return new LostAnswers(watch, false);
    }

    /** The next {@code n} watched attempts lose their answer ({@link Integer#MAX_VALUE}: all of them). */
    public LostAnswers next(int n) {
        left.set(n);
        return this;
    }

    /** Answers lost so far. */
    public int lost() {
        return lost.get();
    }

    /** HTTP attempts of watched requests so far, the SDK's retries included. */
    public int attempts() {
        return attempts.get();
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        if (!afterTheServer) {
            loseIfWatched(context.request());
        }
    }

    @Override
    public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
        if (afterTheServer) {
            loseIfWatched(context.request());
        }
    }

    private void loseIfWatched(SdkRequest request) {
        if (!watch.test(request)) {
            return;
        }
        attempts.incrementAndGet();
        if (left.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            lost.incrementAndGet();
            throw new UncheckedIOException(new IOException("answer lost (injected)"));
        }
    }
}
