package dev.pitr.benchmarks;

import java.lang.management.ManagementFactory;

/** CPU time of the whole JVM process, every thread together, from the platform MXBean. */
final class CpuClock {
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private CpuClock() {
    }

    /** Process CPU time in nanoseconds (user + system, all threads). */
    static long processNanos() {
        return OS.getProcessCpuTime();
    }
}
