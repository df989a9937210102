package dev.pitr.benchmarks;

import dev.pitr.decode.DataFileReader;
import dev.pitr.decode.DecodeOptions;
import dev.pitr.dynamodb.DynamoDbItemSink;
import dev.pitr.dynamodb.internal.SdkValues;
import dev.pitr.manifest.OutputFormat;
import dev.pitr.model.KeySchema;
import dev.pitr.model.WriteOp;
import dev.pitr.testing.ItemShape;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
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
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The write path: decoded operations through {@link DynamoDbItemSink} (checks, sizing, batching,
 * pacing, request body, SigV4, HTTP) into the loopback {@link StubDynamoDb}, beside the
 * plain loop an application would write: the same operations pre-built into 25-item
 * BatchWriteItem requests (so the loop pays for neither conversion nor batching), sent through
 * the same {@link DynamoDbAsyncClient} with as many requests in flight. The loop's requests are
 * marshalled by the SDK; the sink writes its request bodies itself by default
 * ({@link DynamoDbItemSink.RequestBody#PITR}), the same JSON document.
 *
 * <p>One invocation writes every prepared operation and waits until all are acknowledged. The
 * {@code items} counter gives items/s; {@code cpuMicros}/{@code items} the CPU per item, and
 * {@code stubCpuMicros} how busy the stub was. {@link #interleaved} runs both in every
 * invocation: on a shared machine its ratio is the one to quote.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Threads(1)
public class WriteBenchmark {
    static final int BATCH = 25;

    /** Item shape: SMALL ~200 B, MEDIUM ~2 KB, LARGE ~100 KB. */
    @Param({"SMALL", "MEDIUM", "LARGE"})
    public ItemShape shape;

    /** BatchWriteItem requests in flight, for the sink and the plain loop alike. */
    @Param({"16"})
    public int inFlight;

    /** Operations per invocation; 0 picks a default for the shape. Tests set it small. */
    int itemsOverride;
    /** Whether the stub counts the items it receives (tests check deliveries with it). */
    boolean countItems;

    private StubDynamoDb stub;
    private BenchClients clients;
    private DynamoDbAsyncClient client;
    private DynamoDbItemSink sink;
    private List<WriteOp> ops;
    private List<BatchWriteItemRequest> requests;

    /** Decodes the operations, builds the baseline's requests, starts the stub, client and sink. */
    @Setup(Level.Trial)
    public void setUp() {
        int items = itemsOverride > 0 ? itemsOverride : defaultItems(shape);
        ops = decodeAll(InMemoryDataFile.load(BenchExports.export(OutputFormat.DYNAMODB_JSON, shape,
                ExportKind.FULL, items, 1)));
        requests = new ArrayList<>();
        for (int i = 0; i < ops.size(); i += BATCH) {
            List<WriteRequest> batch = new ArrayList<>(BATCH);
            for (WriteOp op : ops.subList(i, Math.min(ops.size(), i + BATCH))) {
                batch.add(SdkValues.writeRequest(op));
            }
            requests.add(BatchWriteItemRequest.builder()
                    .requestItems(Map.of(StubDynamoDb.TABLE, batch))
                    .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)
                    .build());
        }
        stub = StubDynamoDb.start(KeySchema.of("pk", KeySchema.ScalarType.S), 1, countItems);
        clients = BenchClients.dynamoDb(stub.endpoint(), inFlight);
        client = clients.client();
        sink = DynamoDbItemSink.builder()
                .client(client)
                .tableName(StubDynamoDb.TABLE)
                .maxInFlightRequests(inFlight)
                .build();
        sink.open();
    }

    /** Closes the sink, the client and the stub. */
    @TearDown(Level.Trial)
    public void tearDown() {
        sink.close();
        clients.close();
        stub.close();
    }

    /** Operations per invocation: several batches per request slot, whatever the shape. */
    static int defaultItems(ItemShape shape) {
        return switch (shape) {
            case SMALL -> 20_000;
            case MEDIUM -> 4_000;
            case LARGE -> 800;
        };
    }

    static List<WriteOp> decodeAll(InMemoryDataFile file) {
        List<WriteOp> out = new ArrayList<>((int) file.items());
        try (DataFileReader r = DataFileReader.open(file.source(), file.export(), file.file(),
                DecodeOptions.defaults())) {
            for (WriteOp op = r.next(); op != null; op = r.next()) {
                out.add(op);
            }
        }
        return out;
    }

    /** pitr: every operation through the sink, then flush. */
    @Benchmark
    public long sink(WriteCounters counters) {
        counters.start(stub);
        long n = writeThroughSink();
        counters.stop(stub, ops.size());
        return n;
    }

    /** Baseline: pre-built 25-item requests, {@code inFlight} at a time, through the same client. */
    @Benchmark
    public long plainLoop(WriteCounters counters) throws InterruptedException {
        counters.start(stub);
        long n = sendPlainLoop();
        counters.stop(stub, ops.size());
        return n;
    }

    private boolean sinkFirst;

    /**
     * The sink and the plain loop one after the other in every invocation (alternating which
     * goes first), each timed: their ratio holds on a machine shared with other work.
     */
    @Benchmark
    public long interleaved(WriteInterleavedCounters c) throws InterruptedException {
        sinkFirst = !sinkFirst;
        for (int k = 0; k < 2; k++) {
            boolean sinkNow = sinkFirst == (k == 0);
            long cpu = CpuClock.processNanos();
            long wall = System.nanoTime();
            if (sinkNow) {
                writeThroughSink();
            } else {
                sendPlainLoop();
            }
            double cpuMicros = (CpuClock.processNanos() - cpu) / 1e3;
            double wallMicros = (System.nanoTime() - wall) / 1e3;
            if (sinkNow) {
                c.sinkCpu += cpuMicros;
                c.sinkWall += wallMicros;
            } else {
                c.loopCpu += cpuMicros;
                c.loopWall += wallMicros;
            }
        }
        c.items += ops.size();
        return ops.size();
    }

    private long writeThroughSink() {
        for (WriteOp op : ops) {
            sink.write(op);
        }
        sink.flush();
        return sink.stats().puts();
    }

    private long sendPlainLoop() throws InterruptedException {
        Semaphore slots = new Semaphore(inFlight);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        for (BatchWriteItemRequest request : requests) {
            slots.acquire();
            client.batchWriteItem(request).whenComplete((response, error) -> {
                if (error != null) {
                    failure.compareAndSet(null, error);
                } else if (!response.unprocessedItems().isEmpty()) {
                    failure.compareAndSet(null, new IllegalStateException("the stub handed items back"));
                }
                slots.release();
            });
        }
        slots.acquire(inFlight);
        if (failure.get() != null) {
            throw new IllegalStateException("a baseline request failed", failure.get());
        }
        return requests.size();
    }

    StubDynamoDb stub() {
        return stub;
    }

    DynamoDbItemSink sinkUnderTest() {
        return sink;
    }

    List<WriteOp> ops() {
        return ops;
    }
}
