package dev.pitr.internal;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

/**
 * pitr's one retry backoff: capped exponential with full jitter. Before retry number {@code n}
 * (1-based) wait a uniformly random time in {@code [0, min(cap, base x 2^(n-1))]}; "retry" 0
 * waits nothing. The DynamoDB sink waits it before resending a batch, the S3 reader before
 * resuming a part that brought no new bytes, each with its own base and cap.
 *
 * <p>Immutable, and safe to share between threads when its random generator is (the default,
 * each thread's {@link ThreadLocalRandom}, is).
 */
public final class Backoff {
    /** Each calling thread's own {@link ThreadLocalRandom}. */
    private static final RandomGenerator PER_THREAD = new RandomGenerator() {
        @Override
        public long nextLong() {
            return ThreadLocalRandom.current().nextLong();
        }

        @Override
        public long nextLong(long bound) {
            return ThreadLocalRandom.current().nextLong(bound);
        }
    };

    private final long baseNanos;
    private final long capNanos;
    private final RandomGenerator random;

    private Backoff(Duration base, Duration cap, RandomGenerator random) {
        Check.positive("base", base);
        Objects.requireNonNull(cap, "cap");
        if (cap.compareTo(base) < 0) {
            throw new IllegalArgumentException("cap must be at least base " + base + ", got " + cap);
        }
        this.baseNanos = base.toNanos();
        this.capNanos = cap.toNanos();
        this.random = Objects.requireNonNull(random, "random");
    }

    /** Waits from {@code base} doubling up to {@code cap}, jittered by each thread's own random. */
    public static Backoff create(Duration base, Duration cap) {
        return new Backoff(base, cap, PER_THREAD);
    }

    /** Jittered by {@code random} (tests pass a seeded or a fixed one). */
    public static Backoff create(Duration base, Duration cap, RandomGenerator random) {
        return new Backoff(base, cap, random);
    }

    /** The longest wait before retry number {@code attempt} (1-based; 0 or less: none). */
    public long ceilingNanos(int attempt) {
        if (attempt <= 0) {
            return 0;
        }
        int shift = Math.min(attempt - 1, 62);
        long bound = baseNanos << shift;
        return bound <= 0 || bound > capNanos || (bound >> shift) != baseNanos ? capNanos : bound;
    }

    /** A random wait before retry number {@code attempt}, in {@code [0, ceilingNanos(attempt)]}. */
    public long delayNanos(int attempt) {
        long ceiling = ceilingNanos(attempt);
        return ceiling == 0 ? 0 : random.nextLong(ceiling + 1);
    }

    @Override
    public String toString() {
        return "Backoff[" + Duration.ofNanos(baseNanos) + " to " + Duration.ofNanos(capNanos) + ", full jitter]";
    }
}
