package dev.pitr.write;

/**
 * A source of nanosecond time, swappable so that tests drive time by hand instead of sleeping.
 * Only differences between two readings mean anything.
 */
@FunctionalInterface
public interface Ticker {

    /** Nanoseconds since an arbitrary origin that never changes for this ticker. */
    long read();

    /** The JVM's monotonic clock, {@link System#nanoTime()}. */
    static Ticker system() {
        return System::nanoTime;
    }
}

