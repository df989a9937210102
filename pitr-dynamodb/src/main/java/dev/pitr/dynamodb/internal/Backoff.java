package dev.pitr.dynamodb.internal;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Capped exponential backoff with full jitter: before the n-th resend, wait a uniformly random
 * time in {@code [0, min(cap, base x 2^(n-1))]}.
 */
final class Backoff {
    private final long baseNanos;
    private final long capNanos;

    Backoff(Duration base, Duration cap) {
        this.baseNanos = base.toNanos();
        this.capNanos = cap.toNanos();
        if (baseNanos <= 0 || capNanos < baseNanos) {
            throw new IllegalArgumentException("backoff needs 0 < base <= cap: " + base + ", " + cap);
        }
    }

    /** The longest wait before resend number {@code attempt} (1-based). */
    long ceilingNanos(int attempt) {
        int shift = Math.min(Math.max(attempt, 1) - 1, 62);
        long bound = baseNanos << shift;
        return bound <= 0 || bound > capNanos || (bound >> shift) != baseNanos ? capNanos : bound;
    }

    /** A random wait before resend number {@code attempt}. */
    long delayNanos(int attempt) {
        return ThreadLocalRandom.current().nextLong(ceilingNanos(attempt) + 1);
    }
}
