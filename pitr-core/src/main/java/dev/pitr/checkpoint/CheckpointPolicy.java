package dev.pitr.checkpoint;

import java.time.Duration;
import java.util.Objects;

/**
 * When a restore saves its progress between the saves it always makes (at each export's end and
 * when it stops): after so many operations, after so much time, or either. A save also renews the
 * restore's lease, which the restorer does on its own whatever the policy says, so a policy only
 * decides how much work a crash may make the next run repeat.
 *
 * <pre>{@code
 * CheckpointPolicy.everyOperations(50_000).or(CheckpointPolicy.periodic(Duration.ofSeconds(10)))
 * }</pre>
 */
@FunctionalInterface
public interface CheckpointPolicy {

    /**
     * Whether to save now.
     *
     * @param operations operations acknowledged since the last save
     * @param elapsed    time since the last save
     */
    boolean shouldSave(long operations, Duration elapsed);

    /** Saves when either this policy or {@code other} says so. */
    default CheckpointPolicy or(CheckpointPolicy other) {
        Objects.requireNonNull(other, "other");
        return (operations, elapsed) -> shouldSave(operations, elapsed) || other.shouldSave(operations, elapsed);
    }

    /** Saves after every {@code n} acknowledged operations. */
    static CheckpointPolicy everyOperations(long n) {
        if (n < 1) {
            throw new IllegalArgumentException("operations must be at least 1, got " + n);
        }
        return (operations, elapsed) -> operations >= n;
    }

    /** Saves at least every {@code interval}. */
    static CheckpointPolicy periodic(Duration interval) {
        Objects.requireNonNull(interval, "interval");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be positive, got " + interval);
        }
        return (operations, elapsed) -> elapsed.compareTo(interval) >= 0;
    }

    /** Every 50,000 operations or every 10 seconds, whichever comes first. */
    static CheckpointPolicy defaults() {
        return everyOperations(50_000).or(periodic(Duration.ofSeconds(10)));
    }
}
