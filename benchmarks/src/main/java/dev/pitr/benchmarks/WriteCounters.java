package dev.pitr.benchmarks;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Rates reported beside each write benchmark's score, all per second of wall time:
 * {@code items} (operations acknowledged, so items/s), {@code cpuMicros} (CPU microseconds the
 * whole process used, stub included; divide by {@code items} for CPU per item) and
 * {@code stubCpuMicros} (the stub's share of it: 1,000,000 per second is one core busy).
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class WriteCounters {
    /** Operations acknowledged in this iteration. */
    public long items;
    /** Process CPU microseconds in this iteration. */
    public double cpuMicros;
    /** Stub CPU microseconds in this iteration. */
    public double stubCpuMicros;

    private long cpuStart;
    private long stubStart;

    /** Clears the counters for the next iteration. */
    @Setup(Level.Iteration)
    public void reset() {
        items = 0;
        cpuMicros = 0;
        stubCpuMicros = 0;
    }

    void start(StubDynamoDb stub) {
        cpuStart = CpuClock.processNanos();
        stubStart = stub.cpuNanos();
    }

    void stop(StubDynamoDb stub, long operations) {
        items += operations;
        cpuMicros += (CpuClock.processNanos() - cpuStart) / 1e3;
        stubCpuMicros += (stub.cpuNanos() - stubStart) / 1e3;
    }
}
