package dev.pitr.benchmarks;

import dev.pitr.decode.DataFileReader;
import dev.pitr.decode.DecodeOptions;
import dev.pitr.manifest.ExportType;
import dev.pitr.manifest.OutputFormat;
import dev.pitr.model.WriteOp;
import dev.pitr.testing.ItemShape;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Decoding one gzip data file into operations, on one thread, beside its two baselines read
 * from the same bytes in memory:
 * <ul>
 *   <li>{@link #floor}: gunzip and find the line ends, nothing else (what no decoder can beat);</li>
 *   <li>{@link #naive}: {@code readLine()} + Jackson's {@code readTree} (JSON) or the Ion DOM
 *       (ION) per line, then the SDK's {@code AttributeValue}s: what users write by hand;</li>
 *   <li>{@link #pitr}: {@code DataFileReader} with the default options (MD5 and line count
 *       verified), giving pitr's {@link WriteOp}s.</li>
 * </ul>
 * The primary score is files/s; the {@code items} and {@code textMB} counters give items/s and
 * MB/s of uncompressed input, {@code cpuMicros} the benchmark thread's CPU. Compare ratios
 * within one run only.
 *
 * <p>{@link #interleaved} runs the three one after the other in every invocation (in a rotating
 * order) and times each: on a machine shared with other work, its ratios are the ones to quote,
 * as load from other processes falls on all three alike.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Threads(1)
public class DecodeBenchmark {
    /** Export format. */
    @Param({"DYNAMODB_JSON", "ION"})
    public OutputFormat format;

    /** Item shape: SMALL ~200 B, MEDIUM ~2 KB, LARGE ~100 KB. */
    @Param({"SMALL", "MEDIUM", "LARGE"})
    public ItemShape shape;

    /** A FULL export's file (Items) or an INCREMENTAL one's (half updates with both images). */
    @Param({"FULL", "INCREMENTAL"})
    public ExportKind kind;

    /** Lines in the file; 0 picks about 8 MB of text for the shape. Tests set it small. */
    int itemsOverride;

    private InMemoryDataFile input;
    private NaiveJsonDecoder naiveJson;
    private NaiveIonDecoder naiveIon;

    /** Generates (or finds in the cache) the export and loads its data file into memory. */
    @Setup(Level.Trial)
    public void setUp() {
        int items = itemsOverride > 0 ? itemsOverride : defaultItems(shape);
        input = InMemoryDataFile.load(BenchExports.export(format, shape, kind, items, 1));
        boolean incremental = input.export().type() == ExportType.INCREMENTAL_EXPORT;
        naiveJson = new NaiveJsonDecoder(incremental);
        naiveIon = new NaiveIonDecoder(incremental);
    }

    /** About 8 MB of uncompressed text per file, whatever the shape. */
    static int defaultItems(ItemShape shape) {
        return switch (shape) {
            case SMALL -> 40_000;
            case MEDIUM -> 4_000;
            case LARGE -> 80;
        };
    }

    /** Baseline: gunzip and split into lines. */
    @Benchmark
    public long floor(DecodeCounters counters, Blackhole bh) throws IOException {
        counters.start();
        long lines = LineFloor.lines(input.open(), bh);
        counters.stop(lines, input.uncompressedBytes());
        return lines;
    }

    /** Baseline: the tree model per line, then SDK values. */
    @Benchmark
    public long naive(DecodeCounters counters, Blackhole bh) throws IOException {
        counters.start();
        long lines = format == OutputFormat.ION ? naiveIon.decode(input.open(), bh::consume)
                : naiveJson.decode(input.open(), bh::consume);
        counters.stop(lines, input.uncompressedBytes());
        return lines;
    }

    /** pitr's streaming decoder, checksum and line count verified. */
    @Benchmark
    public long pitr(DecodeCounters counters, Blackhole bh) {
        counters.start();
        long lines = pitrDecode(bh);
        counters.stop(lines, input.uncompressedBytes());
        return lines;
    }

    private int rotation;

    /**
     * Floor, naive and pitr on the same file in one invocation, in a rotating order, each timed
     * in process CPU (garbage collection included) and wall time.
     */
    @Benchmark
    public long interleaved(InterleavedCounters c, Blackhole bh) throws IOException {
        long lines = 0;
        for (int k = 0; k < 3; k++) {
            int which = (rotation + k) % 3;
            long cpu = CpuClock.processNanos();
            long wall = System.nanoTime();
            long n = switch (which) {
                case 0 -> LineFloor.lines(input.open(), bh);
                case 1 -> format == OutputFormat.ION ? naiveIon.decode(input.open(), bh::consume)
                        : naiveJson.decode(input.open(), bh::consume);
                default -> pitrDecode(bh);
            };
            double cpuMicros = (CpuClock.processNanos() - cpu) / 1e3;
            double wallMicros = (System.nanoTime() - wall) / 1e3;
            switch (which) {
                case 0 -> {
                    c.floorCpu += cpuMicros;
                    c.floorWall += wallMicros;
                }
                case 1 -> {
                    c.naiveCpu += cpuMicros;
                    c.naiveWall += wallMicros;
                }
                default -> {
                    c.pitrCpu += cpuMicros;
                    c.pitrWall += wallMicros;
                }
            }
            if (k > 0 && n != lines) {
                throw new IllegalStateException("decoders disagree on the line count: " + n + " vs " + lines);
            }
            lines = n;
        }
        rotation++;
        c.items += lines;
        c.textMB += input.uncompressedBytes() / 1e6;
        return lines;
    }

    private long pitrDecode(Blackhole bh) {
        long lines = 0;
        try (DataFileReader r = DataFileReader.open(input.source(), input.export(), input.file(),
                DecodeOptions.defaults())) {
            for (WriteOp op = r.next(); op != null; op = r.next()) {
                bh.consume(op);
                lines++;
            }
        }
        return lines;
    }

    /** The loaded input, for tests. */
    InMemoryDataFile input() {
        return input;
    }
}
