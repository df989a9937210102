package dev.pitr.benchmarks;

import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * A JMH profiler reporting the heap's high-water marks of each iteration, from GC notifications
 * (see {@link HeapWatcher}), aggregated as the maximum over iterations:
 * {@code ·heap.peak} (most heap in use) and {@code ·heap.live} (most heap still in use after a
 * collection), in MB (2^20 bytes). Use it with {@code -prof dev.pitr.benchmarks.PeakHeapProfiler}.
 */
public final class PeakHeapProfiler implements InternalProfiler {
    private HeapWatcher watcher;

    @Override
    public String getDescription() {
        return "heap high-water marks per iteration, from GC notifications";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        if (watcher == null) {
            watcher = new HeapWatcher();
        }
        watcher.reset();
    }

    @Override
    @SuppressWarnings("rawtypes") // the interface's own signature
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams,
                                                       IterationParams iterationParams, IterationResult result) {
        return List.of(
                new ScalarResult("·heap.peak", watcher.peakUsedBytes() / 1048576.0, "MB", AggregationPolicy.MAX),
                new ScalarResult("·heap.live", watcher.peakLiveBytes() / 1048576.0, "MB", AggregationPolicy.MAX),
                new ScalarResult("·heap.max", HeapWatcher.maxBytes() / 1048576.0, "MB", AggregationPolicy.MAX));
    }
}
