package dev.pitr.internal;

import java.time.Duration;
import java.util.Objects;

/** Argument checks with one message shape: {@code "name must be in [lo, hi], got v"}. */
public final class Check {
    private Check() {
    }

    /** {@code value}, when it is in {@code [lo, hi]}. */
    public static int inRange(String name, int value, int lo, int hi) {
        if (value < lo || value > hi) {
            throw new IllegalArgumentException(name + " must be in [" + lo + ", " + hi + "], got " + value);
        }
        return value;
    }

    /** {@code value}, when it is positive. */
    public static Duration positive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
        return value;
    }
}
