package dev.pitr.benchmarks;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What {@link WriteBenchmark#interleaved} measures, per second of wall time: {@code items}
 * (operations each writer delivered: both write the same ones) and, for the sink and the plain
 * loop, the wall and process CPU microseconds each took. {@code loopWall / sinkWall} is the
 * sink's throughput as a share of the plain loop's, both measured in the same invocations.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class WriteInterleavedCounters {
    /** Operations each writer delivered in this iteration. */
    public long items;
    /** Wall microseconds the sink took. */
    public double sinkWall;
    /** Wall microseconds the plain loop took. */
    public double loopWall;
    /** Process CPU microseconds while the sink ran (stub included). */
    public double sinkCpu;
    /** Process CPU microseconds while the plain loop ran (stub included). */
    public double loopCpu;

    /** Clears the counters for the next iteration. */
    @Setup(Level.Iteration)
    public void reset() {
        items = 0;
        sinkWall = 0;
        loopWall = 0;
        sinkCpu = 0;
        loopCpu = 0;
    }
}
