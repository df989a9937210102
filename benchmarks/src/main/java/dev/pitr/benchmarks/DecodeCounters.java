package dev.pitr.benchmarks;


import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Rates reported beside each decode benchmark's files/s, per second of wall time: {@code items}
 * (lines decoded, so items/s), {@code textMB} (megabytes of uncompressed input, 10^6 bytes, so
 * MB/s) and {@code cpuMicros} (process CPU microseconds: the benchmark thread's work plus the
 * garbage collection its allocations cause). On a machine shared with other work,
 * {@code items / cpuMicros} (items per CPU microsecond) compares decoders more steadily than
 * wall-time rates, which other processes' load moves.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class DecodeCounters {
    /** Lines decoded in this iteration. */
    public long items;
    /** Uncompressed megabytes (10^6 bytes) decoded in this iteration. */
    public double textMB;
    /** Process CPU microseconds in this iteration. */
    public double cpuMicros;

    private long cpuStart;

    /** Clears the counters for the next iteration. */
    @Setup(Level.Iteration)
    public void reset() {
        items = 0;
        textMB = 0;
        cpuMicros = 0;
    }

    void start() {
        cpuStart = CpuClock.processNanos();
    }

    void stop(long lines, long uncompressedBytes) {
        cpuMicros += (CpuClock.processNanos() - cpuStart) / 1e3;
        items += lines;
        textMB += uncompressedBytes / 1e6;
    }
}
