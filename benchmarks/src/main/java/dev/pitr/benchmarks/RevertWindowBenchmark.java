package dev.pitr.benchmarks;

import dev.pitr.decode.DecodeOptions;
import dev.pitr.manifest.ManifestReader;
import dev.pitr.manifest.OutputFormat;
import dev.pitr.model.KeySchema;
import dev.pitr.plan.ChainPlanner;
import dev.pitr.plan.RestorePlan;
import dev.pitr.revert.internal.ExportStream;
import dev.pitr.revert.internal.WindowChanges;
import dev.pitr.revert.internal.WindowState;
import dev.pitr.source.LocalExportSource;
import dev.pitr.testing.ItemShape;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The read side of {@code pitr revert} for a window of one INCREMENTAL export (NEW_AND_OLD_IMAGES):
 * every key's images handed to the decider, as {@link ExportStream} streams them (what a one-export
 * revert does since issue 15's streaming) beside {@link WindowState} built on disk and walked in key
 * order (what it did before, and what several exports still do). One invocation is one whole
 * window; the {@code keys} counter is keys/s. Reading and writing the table are not included: the
 * benchmark shows what the change of path costs or saves before the first BatchGetItem.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx256m"})
@Threads(1)
public class RevertWindowBenchmark {
    /** Records in the window (the FULL before it has as many items). */
    @Param({"200000"})
    public int items;

    /** Data files the export is split into. */
    @Param({"8"})
    public int files;

    /** {@code streamed} (ExportStream) or {@code onDisk} (WindowState: ingest, then walk). */
    @Param({"streamed", "onDisk"})
    public String path;

    /** WindowState's reader threads (the revert's default). */
    @Param({"4"})
    public int readers;

    private RestorePlan plan;
    private Path scratch;

    /** Keys handed over, per second of the benchmark. */
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Keys {
        public long keys;
    }

    /** Generates (or finds) the export and plans it. */
    @Setup(Level.Trial)
    public void setUp() {
        Path exportDir = BenchExports.export(OutputFormat.DYNAMODB_JSON, ItemShape.SMALL, ExportKind.INCREMENTAL, items,
                files);
        LocalExportSource source = LocalExportSource.of(exportDir);
        plan = new ChainPlanner().plan(List.of(new RestorePlan.Step(source, ManifestReader.read(source))));
        try {
            scratch = Files.createTempDirectory("pitr-revert-bench");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes the scratch folder (each pass removes its state). */
    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        Files.deleteIfExists(scratch);
    }

    /** Hands every key of the window over once; returns how many. */
    @Benchmark
    public long window(Keys counter, Blackhole sink) {
        KeySchema schema = KeySchema.of("pk", KeySchema.ScalarType.S);
        long n;
        if ("streamed".equals(path)) {
            try (WindowChanges c = new ExportStream(plan.steps().get(0), schema, DecodeOptions.defaults(), 0)) {
                n = walk(c, sink);
            }
        } else {
            WindowState state = new WindowState(scratch.resolve("state"), readers, DecodeOptions.defaults());
            try {
                state.ingest(plan, schema, () -> { });
                try (WindowChanges c = state.cursor()) {
                    n = walk(c, sink);
                }
            } finally {
                state.closeAndDelete();
            }
        }
        counter.keys += n;
        return n;
    }

    private static long walk(WindowChanges c, Blackhole sink) {
        long n = 0;
        while (c.next()) {
            sink.consume(c.change());
            n++;
        }
        return n;
    }
}
