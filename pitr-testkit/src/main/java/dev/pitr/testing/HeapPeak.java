package dev.pitr.testing;

import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The most heap a JVM used at once while it ran, for memory-bound tests run in a child JVM: the
 * whole heap's use sampled every 20 ms on a daemon thread (per-pool peaks happen at different
 * moments and would add up to more than was ever used at once).
 */
public final class HeapPeak {
    private final AtomicLong peak = new AtomicLong();

    private HeapPeak() {
    }

    /** Starts sampling. */
    public static HeapPeak start() {
        HeapPeak h = new HeapPeak();
        Thread sampler = new Thread(() -> {
            while (true) {
                h.peak.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-sampler");
        sampler.setDaemon(true);
        sampler.start();
        return h;
    }

    /** The peak so far, in MiB. */
    public long megabytes() {
        return peak.get() >> 20;
    }
}
