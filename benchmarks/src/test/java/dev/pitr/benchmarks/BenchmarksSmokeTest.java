package dev.pitr.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.pitr.decode.DataFileReader;
import dev.pitr.decode.DecodeOptions;
import dev.pitr.dynamodb.internal.SdkValues;
import dev.pitr.manifest.ExportType;
import dev.pitr.manifest.OutputFormat;
import dev.pitr.model.WriteOp;
import dev.pitr.testing.ItemShape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.VerboseMode;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Every benchmark's setup and one invocation of each benchmark method, on tiny inputs, so that
 * {@code mvn verify} catches a broken benchmark without running any measurement. The decode
 * baselines are also checked to do the same work as pitr (same operations, line for line), and
 * the write benchmarks to deliver every item to the stub.
 */
class BenchmarksSmokeTest {
    private static final Blackhole BH = new Blackhole(
            "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");

    @TempDir
    static Path cache;

    @BeforeAll
    static void generateIntoTempDir() {
        System.setProperty("pitr.bench.dir", cache.toString());
    }

    @AfterAll
    static void clearProperty() {
        System.clearProperty("pitr.bench.dir");
    }

    @ParameterizedTest
    @CsvSource({
            "DYNAMODB_JSON, FULL, SMALL", "DYNAMODB_JSON, INCREMENTAL, MEDIUM", "DYNAMODB_JSON, FULL, LARGE",
            "ION, FULL, MEDIUM", "ION, INCREMENTAL, SMALL", "ION, INCREMENTAL, LARGE"})
    void decode_floorNaiveAndPitr_eachReadEveryLine_andNaiveBuildsWhatPitrBuilds(OutputFormat format,
                                                                                ExportKind kind, ItemShape shape)
            throws IOException {
        DecodeBenchmark bench = new DecodeBenchmark();
        bench.format = format;
        bench.kind = kind;
        bench.shape = shape;
        bench.itemsOverride = shape == ItemShape.LARGE ? 8 : 120;
        bench.setUp();
        long lines = bench.input().items();
        assertThat(lines).isEqualTo(bench.itemsOverride);
        DecodeCounters counters = new DecodeCounters();
        counters.reset();

        assertThat(bench.floor(counters, BH)).isEqualTo(lines);
        assertThat(bench.naive(counters, BH)).isEqualTo(lines);
        assertThat(bench.pitr(counters, BH)).isEqualTo(lines);
        assertThat(counters.items).isEqualTo(3 * lines);
        assertThat(counters.textMB).isCloseTo(3 * bench.input().uncompressedBytes() / 1e6, within(1e-9));
        InterleavedCounters interleaved = new InterleavedCounters();
        interleaved.reset();
        assertThat(bench.interleaved(interleaved, BH)).isEqualTo(lines);
        assertThat(bench.interleaved(interleaved, BH)).isEqualTo(lines);
        assertThat(interleaved.items).isEqualTo(2 * lines);
        assertThat(interleaved.pitrWall).isPositive();
        assertThat(interleaved.naiveWall).isPositive();
        assertThat(interleaved.floorWall).isPositive();

        boolean incremental = bench.input().export().type() == ExportType.INCREMENTAL_EXPORT;
        List<Object> naive = new ArrayList<>();
        if (format == OutputFormat.ION) {
            new NaiveIonDecoder(incremental).decode(bench.input().open(), r -> naive.add(normalize(r)));
        } else {
            new NaiveJsonDecoder(incremental).decode(bench.input().open(), r -> naive.add(normalize(r)));
        }
        List<Object> pitr = new ArrayList<>();
        for (WriteOp op : WriteBenchmark.decodeAll(bench.input())) {
            pitr.add(normalize(SdkValues.writeRequest(op)));
        }
        assertThat(naive).hasSize((int) lines).isEqualTo(pitr);
        Set<String> kinds = pitr.stream().map(o -> ((Map<?, ?>) o).keySet().iterator().next().toString())
                .collect(Collectors.toSet());
        assertThat(kinds).isEqualTo(incremental ? Set.of("put", "delete") : Set.of("put"));
    }

    @Test
    void stubCeiling_oneRawRequest_isAnsweredByTheStub() throws IOException {
        StubCeilingBenchmark bench = new StubCeilingBenchmark();
        bench.shape = ItemShape.SMALL;
        bench.setUp();
        StubCeilingBenchmark.Connection connection = new StubCeilingBenchmark.Connection();
        try {
            connection.connect(bench);
            StubCeilingBenchmark.Items items = new StubCeilingBenchmark.Items();
            items.reset();
            assertThat(bench.request(connection, items)).isEqualTo("{\"UnprocessedItems\":{}}".length());
            assertThat(bench.request(connection, items)).isPositive();
            assertThat(items.items).isEqualTo(2 * StubCeilingBenchmark.ITEMS_PER_REQUEST);
            assertThat(bench.stub().batchRequests()).isEqualTo(2);
        } finally {
            connection.close();
            bench.tearDown();
        }
    }

    @Test
    void write_sinkAndPlainLoop_eachDeliverEveryItemToTheStub() throws InterruptedException {
        WriteBenchmark bench = new WriteBenchmark();
        bench.shape = ItemShape.MEDIUM;
        bench.inFlight = 4;
        bench.itemsOverride = 110;
        bench.countItems = true;
        bench.setUp();
        try {
            WriteCounters counters = new WriteCounters();
            counters.reset();
            assertThat(bench.sink(counters)).isEqualTo(110);
            assertThat(bench.stub().puts()).isEqualTo(110);
            assertThat(bench.plainLoop(counters)).isEqualTo(5); // 110 items in 25-item requests
            assertThat(bench.stub().puts()).isEqualTo(220);
            assertThat(bench.stub().batchRequests()).isGreaterThanOrEqualTo(10);
            assertThat(counters.items).isEqualTo(220);
            assertThat(counters.cpuMicros).isPositive();
            assertThat(counters.stubCpuMicros).isPositive().isLessThan(counters.cpuMicros);
            WriteInterleavedCounters interleaved = new WriteInterleavedCounters();
            interleaved.reset();
            assertThat(bench.interleaved(interleaved)).isEqualTo(110);
            assertThat(bench.stub().puts()).isEqualTo(440);
            assertThat(interleaved.items).isEqualTo(110);
            assertThat(interleaved.sinkWall).isPositive();
            assertThat(interleaved.loopWall).isPositive();
        } finally {
            bench.tearDown();
        }
    }

    @Test
    void endToEnd_restore_deliversEveryItemOfTheExportToTheStub() {
        EndToEndBenchmark bench = new EndToEndBenchmark();
        bench.items = 900;
        bench.files = 3;
        bench.shape = ItemShape.SMALL;
        bench.format = OutputFormat.DYNAMODB_JSON;
        bench.readers = 2;
        bench.maxWcu = 1_000_000;
        bench.countItems = true;
        bench.setUp();
        try {
            bench.resetHeap();
            WriteCounters counters = new WriteCounters();
            counters.reset();
            assertThat(bench.restore(counters)).isEqualTo(900);
            assertThat(bench.stub().puts()).isEqualTo(900);
            assertThat(bench.lastReport().exports()).hasSize(1);
            assertThat(counters.items).isEqualTo(900);
            bench.printHeap();
        } finally {
            bench.tearDown();
        }
    }

    @ParameterizedTest
    @CsvSource({"streamed", "onDisk"})
    void revertWindow_handsOverEveryKeyOfTheWindowOnce(String path) throws Exception {
        RevertWindowBenchmark bench = new RevertWindowBenchmark();
        bench.items = 400;
        bench.files = 3;
        bench.path = path;
        bench.readers = 2;
        bench.setUp();
        RevertWindowBenchmark.Keys keys = new RevertWindowBenchmark.Keys();
        // The window of the benchmark's INCREMENTAL export: every record one key.
        assertThat(bench.window(keys, BH)).isEqualTo(400);
        assertThat(bench.window(keys, BH)).as("a second pass, the state rebuilt").isEqualTo(400);
        assertThat(keys.keys).isEqualTo(800);
        bench.tearDown();
    }

    @Test
    void sparkJob_oneRunOfTheRunnableJar_deliversEveryItemToTheStub() throws Exception {
        // pitr-spark comes before benchmarks in the build, and packages its runnable jar in verify.
        Path jar = Path.of(System.getProperty("pitr.spark.app.jar", "../pitr-spark/target/pitr-spark-app.jar"));
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(jar),
                "no " + jar + ": package pitr-spark first (mvn -B -ntp verify builds it before this module)");
        String saved = System.getProperty("pitr.spark.app.jar");
        System.setProperty("pitr.spark.app.jar", jar.toString());
        SparkJobBenchmark bench = new SparkJobBenchmark();
        bench.master = "local[1]";
        bench.items = 40;
        bench.setUp();
        try {
            assertThat(bench.job()).isEqualTo(40);
        } finally {
            bench.tearDown();
            if (saved == null) {
                System.clearProperty("pitr.spark.app.jar");
            }
        }
    }

    @Test
    void peakHeapProfiler_reportsPeakLiveAndLimit() {
        PeakHeapProfiler profiler = new PeakHeapProfiler();
        profiler.beforeIteration(null, null);
        byte[][] garbage = new byte[64][];
        for (int i = 0; i < garbage.length; i++) {
            garbage[i] = new byte[64 * 1024];
        }
        Map<String, Double> results = new TreeMap<>();
        for (Result<?> r : profiler.afterIteration(null, null, null)) {
            results.put(r.getLabel(), r.getScore());
        }
        assertThat(results.keySet()).containsExactlyInAnyOrder("·heap.peak", "·heap.live", "·heap.max");
        assertThat(results.get("·heap.peak")).isPositive().isLessThanOrEqualTo(results.get("·heap.max"));
        assertThat(garbage[63]).hasSize(64 * 1024);
    }

    @Test
    void everyBenchmarkInTheJar_isInvokedByThisTest() {
        Set<String> listed = BenchmarkList.defaultList()
                .getAll(OutputFormatFactory.createFormatInstance(System.out, VerboseMode.SILENT), List.of())
                .stream().map(BenchmarkListEntry::getUsername).collect(Collectors.toCollection(TreeSet::new));
        assertThat(listed).containsExactlyInAnyOrder(
                "dev.pitr.benchmarks.DecodeBenchmark.floor",
                "dev.pitr.benchmarks.DecodeBenchmark.naive",
                "dev.pitr.benchmarks.DecodeBenchmark.pitr",
                "dev.pitr.benchmarks.DecodeBenchmark.interleaved",
                "dev.pitr.benchmarks.StubCeilingBenchmark.request",
                "dev.pitr.benchmarks.WriteBenchmark.sink",
                "dev.pitr.benchmarks.WriteBenchmark.plainLoop",
                "dev.pitr.benchmarks.WriteBenchmark.interleaved",
                "dev.pitr.benchmarks.EndToEndBenchmark.restore",
                "dev.pitr.benchmarks.RevertWindowBenchmark.window",
                "dev.pitr.benchmarks.SparkJobBenchmark.job");
    }

    /** A write request as plain values, sets sorted, so two decoders' outputs compare by content. */
    private static Object normalize(WriteRequest r) {
        return r.putRequest() != null
                ? Map.of("put", normalize(r.putRequest().item()))
                : Map.of("delete", normalize(r.deleteRequest().key()));
    }

    private static Map<String, Object> normalize(Map<String, AttributeValue> attributes) {
        Map<String, Object> out = new TreeMap<>();
        attributes.forEach((name, v) -> out.put(name, normalize(v)));
        return out;
    }

    private static Object normalize(AttributeValue v) {
        return switch (v.type()) {
            case S -> "S:" + v.s();
            case N -> "N:" + v.n();
            case B -> "B:" + base64(v.b());
            case BOOL -> "BOOL:" + v.bool();
            case NUL -> "NULL";
            case M -> normalize(v.m());
            case L -> v.l().stream().map(BenchmarksSmokeTest::normalize).collect(Collectors.toList());
            case SS -> "SS:" + new TreeSet<>(v.ss());
            case NS -> "NS:" + new TreeSet<>(v.ns());
            case BS -> "BS:" + v.bs().stream().map(BenchmarksSmokeTest::base64).collect(Collectors.toCollection(TreeSet::new));
            default -> throw new IllegalArgumentException("unknown type " + v.type());
        };
    }

    private static String base64(SdkBytes b) {
        return Base64.getEncoder().encodeToString(b.asByteArray());
    }
}
