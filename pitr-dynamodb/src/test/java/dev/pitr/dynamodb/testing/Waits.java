package dev.pitr.dynamodb.testing;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Waiting in tests without sleeping: polling with a deadline, and what failed a future. */
public final class Waits {
    private Waits() {
    }

    /** Returns once {@code condition} holds; fails naming {@code what} after 20 s. */
    public static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.onSpinWait();
            Thread.yield();
        }
    }

    /** What failed {@code future}, which must have completed already: exceptionally. */
    public static Throwable failureOf(CompletableFuture<?> future) {
        if (!future.isDone()) {
            throw new AssertionError("the future has not completed yet");
        }
        return awaitFailureOf(future);
    }

    /** What failed {@code future}, once it completes: exceptionally. */
    public static Throwable awaitFailureOf(CompletableFuture<?> future) {
        try {
            future.join();
        } catch (CompletionException e) {
            return e.getCause();
        }
        throw new AssertionError("the future did not fail");
    }
}
