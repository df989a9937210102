package dev.pitr.write;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** A {@link Ticker} that only moves when a test moves it. */
public final class FakeTicker implements Ticker {
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    @Override
    public long read() {
        return nanos.get();
    }

    /** Moves time forward by {@code nanos}. */
    public void advance(long nanos) {
        if (nanos < 0) {
            throw new IllegalArgumentException("time only moves forward: " + nanos);
        }
        this.nanos.addAndGet(nanos);
    }

    /** Moves time forward by {@code d}. */
    public void advance(Duration d) {
        advance(d.toNanos());
    }
}
