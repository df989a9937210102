package dev.pitr.benchmarks;

import dev.pitr.PitrRestorer;
import dev.pitr.RestoreReport;
import dev.pitr.checkpoint.InMemoryCheckpointStore;
import dev.pitr.dynamodb.DynamoDbItemSink;
import dev.pitr.manifest.OutputFormat;
import dev.pitr.model.KeySchema;
import dev.pitr.source.LocalExportSource;
import dev.pitr.testing.ItemShape;
import java.nio.file.Path;
import java.util.Locale;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;

/**
 * End to end: a generated FULL export on disk restored by {@link PitrRestorer} (manifests,
 * parallel readers, MD5 and line counts, decode, checkpoints in memory) through
 * {@link DynamoDbItemSink} into the loopback {@link StubDynamoDb}, in a JVM limited to
 * {@code -Xmx256m}. One invocation is one whole restore.
 *
 * <p>Reported: {@code items} (items/s), {@code cpuMicros} (process CPU per second; divided by
 * items/s it is the CPU per item, the stub's included) and {@code stubCpuMicros} (the stub's
 * part). Each iteration also prints its heap high-water marks; run with
 * {@code -prof dev.pitr.benchmarks.PeakHeapProfiler} to have them in the results table.
 *
 * <p>The export's size is a parameter; the default (200,000 SMALL items, ~57 MB of JSON) keeps
 * runs short. The 1 GB run is {@code -p items=3600000 -p files=32}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx256m"})
@Threads(1)
public class EndToEndBenchmark {
    /** Items in the FULL export. */
    @Param({"200000"})
    public int items;

    /** Data files the export is split into. */
    @Param({"8"})
    public int files;

    /** Item shape. */
    @Param({"SMALL"})
    public ItemShape shape;

    /** Export format. */
    @Param({"DYNAMODB_JSON"})
    public OutputFormat format;

    /**
     * The sink's write-capacity ceiling in WCU/s, as a user who knows the table's capacity sets it
     * ({@code --max-wcu}); the rate limiter starts there. {@code 0}: no ceiling, the sink's
     * default, whose limiter starts at 40,000 WCU/s and grows by a tenth of that per second of
     * full use, so a short restore spends most of its time below what the stub could take.
     */
    @Param({"1000000"})
    public double maxWcu;

    /** The restorer's reader threads (its default is 4). */
    @Param({"4"})
    public int readers;

    /** Whether the stub counts the items it receives (tests check deliveries with it). */
    boolean countItems;

    private LocalExportSource source;
    private StubDynamoDb stub;
    private BenchClients clients;
    private DynamoDbAsyncClient client;
    private DynamoDbItemSink sink;
    private HeapWatcher heap;
    private RestoreReport lastReport;

    /** Generates (or finds) the export; starts the stub, the client and the sink. */
    @Setup(Level.Trial)
    public void setUp() {
        Path exportDir = BenchExports.export(format, shape, ExportKind.FULL, items, files);
        source = LocalExportSource.of(exportDir);
        stub = StubDynamoDb.start(KeySchema.of("pk", KeySchema.ScalarType.S), 1, countItems);
        clients = BenchClients.dynamoDb(stub.endpoint(), DynamoDbItemSink.Builder.DEFAULT_MAX_IN_FLIGHT);
        client = clients.client();
        DynamoDbItemSink.Builder b = DynamoDbItemSink.builder().client(client).tableName(StubDynamoDb.TABLE);
        if (maxWcu > 0) {
            b.maxWriteCapacityUnitsPerSecond(maxWcu);
        }
        sink = b.build();
        sink.open();
        heap = new HeapWatcher();
    }

    /** Closes everything the setup started. */
    @TearDown(Level.Trial)
    public void tearDown() {
        heap.close();
        sink.close();
        clients.close();
        stub.close();
    }

    /** One whole restore of the export into the stub. */
    @Benchmark
    public long restore(WriteCounters counters) {
        counters.start(stub);
        RestoreReport report = PitrRestorer.builder()
                .export(source)
                .sink(sink)
                .readerThreads(readers)
                .checkpointStore(new InMemoryCheckpointStore())
                .build()
                .run();
        if (report.status() != RestoreReport.Status.COMPLETED || report.puts() != items) {
            throw new IllegalStateException("restore " + report.status() + " with " + report.puts() + " puts, expected "
                    + items);
        }
        counters.stop(stub, report.puts());
        lastReport = report;
        return report.puts();
    }

    /** Starts the heap marks afresh for the iteration. */
    @Setup(Level.Iteration)
    public void resetHeap() {
        heap.reset();
    }

    /** One line per iteration with the heap marks against the limit, for the log. */
    @TearDown(Level.Iteration)
    public void printHeap() {
        System.out.printf(Locale.ROOT, "%n  [heap] peak in use %.1f MB, peak live after GC %.1f MB, limit %.0f MB%n",
                heap.peakUsedBytes() / 1048576.0, heap.peakLiveBytes() / 1048576.0, HeapWatcher.maxBytes() / 1048576.0);
    }

    StubDynamoDb stub() {
        return stub;
    }

    RestoreReport lastReport() {
        return lastReport;
    }
}
