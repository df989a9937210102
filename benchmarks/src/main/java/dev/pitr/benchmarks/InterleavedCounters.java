package dev.pitr.benchmarks;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What {@link DecodeBenchmark#interleaved} measures, per second of wall time: {@code items}
 * (lines each decoder read: all three read the same file) and, for each decoder, the process
 * CPU microseconds ({@code *Cpu}, garbage collection included) and wall microseconds
 * ({@code *Wall}) it took. {@code items / pitrCpu} is pitr's items per CPU microsecond; the
 * ratio {@code naiveCpu / pitrCpu} is how many times faster pitr is than the naive path, both
 * measured in the same invocations, so load from other processes moves all three alike.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class InterleavedCounters {
    /** Lines each decoder read in this iteration. */
    public long items;
    /** Uncompressed megabytes each decoder read in this iteration. */
    public double textMB;
    /** Process CPU microseconds the floor took. */
    public double floorCpu;
    /** Process CPU microseconds the naive path took. */
    public double naiveCpu;
    /** Process CPU microseconds pitr took. */
    public double pitrCpu;
    /** Wall microseconds the floor took. */
    public double floorWall;
    /** Wall microseconds the naive path took. */
    public double naiveWall;
    /** Wall microseconds pitr took. */
    public double pitrWall;

    /** Clears the counters for the next iteration. */
    @Setup(Level.Iteration)
    public void reset() {
        items = 0;
        textMB = 0;
        floorCpu = 0;
        naiveCpu = 0;
        pitrCpu = 0;
        floorWall = 0;
        naiveWall = 0;
        pitrWall = 0;
    }
}
