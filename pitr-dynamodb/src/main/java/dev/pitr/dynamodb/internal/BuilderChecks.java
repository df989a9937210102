package dev.pitr.dynamodb.internal;

import dev.pitr.write.Ticker;
import dev.pitr.write.WriteRateLimiter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import org.jspecify.annotations.Nullable;

/**
 * What the DynamoDB builders (the sink's, the table reader's) check and default alike: required
 * settings, a capacity ceiling, the rate limiter made from it, the meter registry.
 */
public final class BuilderChecks {
    private BuilderChecks() {
    }

    /**
     * {@code value}, when set.
     *
     * @throws IllegalStateException "{@code name} is required" otherwise
     */
    public static <T> T required(@Nullable T value, String name) {
        if (value == null) {
            throw new IllegalStateException(name + " is required");
        }
        return value;
    }

    /**
     * {@code unitsPerSecond}, when it is a positive finite number.
     *
     * @throws IllegalArgumentException naming the setting and the value otherwise
     */
    public static double ceiling(String name, double unitsPerSecond) {
        if (!(unitsPerSecond > 0) || Double.isInfinite(unitsPerSecond)) {
            throw new IllegalArgumentException(name + " must be a positive finite number, got " + unitsPerSecond);
        }
        return unitsPerSecond;
    }

    /**
     * The limiter a builder hands its engine: the one the caller made, or a new one with the
     * {@code ceiling} (none when {@code null}) on {@code ticker}.
     *
     * @param ceilingName the builder's setter of the ceiling, for the message
     * @throws IllegalStateException when both a limiter and a ceiling are given
     */
    public static WriteRateLimiter limiter(@Nullable WriteRateLimiter given, @Nullable Double ceiling,
                                           String ceilingName, Ticker ticker) {
        if (given != null && ceiling != null) {
            throw new IllegalStateException("give either " + ceilingName + " (" + ceiling + ") or a rateLimiter, not both");
        }
        if (given != null) {
            return given;
        }
        WriteRateLimiter.Builder b = WriteRateLimiter.builder().ticker(ticker);
        if (ceiling != null) {
            b.maxWriteCapacityUnitsPerSecond(ceiling);
        }
        return b.build();
    }

    /** {@code registry}, or one that keeps nothing. */
    public static MeterRegistry registry(@Nullable MeterRegistry registry) {
        return registry != null ? registry : new CompositeMeterRegistry();
    }
}
