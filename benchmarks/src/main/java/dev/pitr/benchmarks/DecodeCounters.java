package dev.pitr.benchmarks;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Rates reported beside each decode benchmark's files/s: {@code items} (lines decoded, so
 * items/s) and {@code textMB} (megabytes of uncompressed input, 10^6 bytes, so MB/s).
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class DecodeCounters {
    /** Lines decoded in this iteration. */
    public long items;
    /** Uncompressed megabytes (10^6 bytes) decoded in this iteration. */
    public double textMB;

    /** Clears the counters for the next iteration. */
    @Setup(Level.Iteration)
    public void reset() {
        items = 0;
        textMB = 0;
    }

    void add(long lines, long uncompressedBytes) {
        items += lines;
        textMB += uncompressedBytes / 1e6;
    }
}
