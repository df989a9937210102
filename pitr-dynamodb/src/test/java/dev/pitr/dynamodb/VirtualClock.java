package dev.pitr.dynamodb;

import dev.pitr.dynamodb.internal.Sleeper;
import dev.pitr.write.Ticker;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Time that passes only when the reader waits: a sleep moves the clock to the sleeper's wake-up
 * time (if no other sleeper moved it further), and returns at once. Requests take no time.
 */
final class VirtualClock implements Ticker, Sleeper {
    private final AtomicLong now = new AtomicLong();

    @Override
    public long read() {
        return now.get();
    }

    @Override
    public void sleep(long nanos) {
        long wake = now.get() + nanos;
        now.accumulateAndGet(wake, Math::max);
    }
}
