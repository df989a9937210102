package dev.pitr.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pitr.TargetNotEmptyException;
import dev.pitr.checkpoint.FileCheckpointStore;
import dev.pitr.decode.DataFileReader;
import dev.pitr.decode.DecodeOptions;
import dev.pitr.manifest.DataFile;
import dev.pitr.manifest.ExportDescriptor;
import dev.pitr.manifest.ManifestReader;
import dev.pitr.model.Item;
import dev.pitr.model.Key;
import dev.pitr.model.KeySchema;
import dev.pitr.model.WriteOp;
import dev.pitr.plan.ChainException;
import dev.pitr.source.LocalExportSource;
import dev.pitr.state.StateExport;
import dev.pitr.testing.Changes;
import dev.pitr.testing.ExportGenerator;
import dev.pitr.testing.GeneratedChain;
import dev.pitr.testing.dynamodb.DynamoDbLocal;
import dev.pitr.testing.dynamodb.DynamoDbLocalExtension;
import dev.pitr.testing.dynamodb.ExpectedTable;
import dev.pitr.testing.s3.S3ProxyExtension;
import dev.pitr.testing.s3.S3ProxyServer;
import dev.pitr.testing.s3.S3TestClients;
import dev.pitr.testing.s3.S3TestData;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/** The Spark job on {@code local[2]} against DynamoDB Local (and s3proxy for exports in S3). */
@ExtendWith({DynamoDbLocalExtension.class, S3ProxyExtension.class})
class PitrSparkRestoreTest {
    private static final KeySchema SCHEMA = KeySchema.of("pk", KeySchema.ScalarType.S, "sk", KeySchema.ScalarType.N);
    private static final Instant T0 = Instant.parse("2026-03-01T00:07:13Z");
    private static SparkSession spark;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        spark = SparkTesting.session(2);
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    /** A FULL export and three windows of updates, deletes, inserts and re-inserts. */
    private static ExportGenerator generator(Path root, long seed) {
        return ExportGenerator.builder().bucketRoot(root).prefix("exports").keySchema(SCHEMA).filesPerExport(3)
                .seed(seed).build();
    }

    private static GeneratedChain chain(ExportGenerator g, int items) {
        return g.chain(items, T0, Duration.ofMinutes(15), Changes.of(0, 0, 0, 0), Changes.of(items / 5, items / 10,
                items / 10, 0), Changes.of(items / 5, items / 10, items / 10, items / 20));
    }

    /** A generated chain and an empty table of its key schema. */
    private record Case(ExportGenerator g, GeneratedChain chain, String table) {
    }

    private Case newCase(DynamoDbLocal dynamo, String name, long seed, int items) {
        ExportGenerator g = generator(dir.resolve("bucket"), seed);
        GeneratedChain chain = chain(g, items);
        String table = DynamoDbLocal.uniqueTableName(name);
        dynamo.createTable(table, SCHEMA);
        return new Case(g, chain, table);
    }

    private static List<String> uris(GeneratedChain chain) {
        return chain.exports().stream().map(e -> e.exportDir().toString()).toList();
    }

    private static AwsClientFactory clients(DynamoDbLocal dynamo) {
        return AwsClientFactory.defaults().withRegion("us-east-1").withDynamoDbEndpoint(dynamo.endpoint().toString());
    }

    @Test
    void restore_generatedChain_leavesTheTableExactlyAtTheChainsState(DynamoDbLocal dynamo) {
        Case c = newCase(dynamo, "spark", 41, 2_000);
        ExportGenerator g = c.g();
        GeneratedChain chain = c.chain();
        String table = c.table();

        SparkRestoreReport report = PitrSpark.restore(spark, SparkRestoreOptions.builder().table(table)
                .exports(uris(chain)).clients(clients(dynamo)).maxWriteCapacityUnitsPerSecond(1_000_000).build());

        Map<Key, Item> expected = g.expectedState();
        assertThat(ExpectedTable.of(SCHEMA, expected).differences(dynamo.syncClient(), table)).isEmpty();
        assertThat(report.status()).isEqualTo(SparkRestoreReport.Status.COMPLETED);
        assertThat(report.puts()).as("one write per live key").isEqualTo(expected.size());
        assertThat(report.deletes()).as("the table was empty: deleted keys were never written").isZero();
        assertThat(report.deletesLeftOut()).isPositive();
        assertThat(report.records()).isEqualTo(chain.exports().stream().mapToLong(e -> e.records().size()).sum());
        assertThat(report.files()).isEqualTo(chain.exports().stream().mapToInt(e -> e.dataFiles().size()).sum());
        assertThat(report.summary()).startsWith(String.format("spark restore %s: %,d keys written", table, expected.size()));
    }

    @Test
    void restore_incrementalsOntoTheTableTheFullMade_deletesWhatTheyDelete(DynamoDbLocal dynamo) {
        Case c = newCase(dynamo, "spark-incr", 42, 600);
        ExportGenerator g = c.g();
        GeneratedChain chain = c.chain();
        String table = c.table();
        PitrSpark.restore(spark, SparkRestoreOptions.builder().table(table).export(chain.full().exportDir().toString())
                .clients(clients(dynamo)).build());

        SparkRestoreReport report = PitrSpark.restore(spark, SparkRestoreOptions.builder().table(table)
                .exports(chain.incrementals().stream().map(e -> e.exportDir().toString()).toList())
                .clients(clients(dynamo)).build());

        assertThat(ExpectedTable.of(SCHEMA, g.expectedState()).differences(dynamo.syncClient(), table)).isEmpty();
        assertThat(report.deletes()).as("incrementals go onto a table with items: deletes are written").isPositive();
        assertThat(report.deletesLeftOut()).isZero();
    }

    @Test
    void restore_exportsInS3_isExact(DynamoDbLocal dynamo, S3ProxyServer s3) throws Exception {
        ExportGenerator g = generator(dir.resolve("bucket"), 43);
        GeneratedChain chain = chain(g, 800);
        String bucket;
        try (S3AsyncClient client = S3TestClients.client(s3.endpoint())) {
            S3TestData data = new S3TestData(client);
            bucket = data.newBucket("spark");
            data.uploadFolder(bucket, dir.resolve("bucket"));
        }
        List<String> uris = chain.exports().stream().map(e -> "s3://" + bucket + "/exports/AWSDynamoDB/" + e.exportId()
                + "/").toList();
        String table = DynamoDbLocal.uniqueTableName("spark-s3");
        dynamo.createTable(table, SCHEMA);

        PitrSpark.restore(spark, SparkRestoreOptions.builder().table(table).exports(uris)
                .clients(clients(dynamo).withS3Endpoint(s3.endpoint().toString())).build());

        assertThat(ExpectedTable.of(SCHEMA, g.expectedState()).differences(dynamo.syncClient(), table)).isEmpty();
    }

    /** Fails the third BatchWriteItem of the JVM once, as a task would fail on a lost executor. */
    record FailingOnce(AwsClientFactory base) implements ClientFactory {
        static final AtomicInteger CALLS = new AtomicInteger();
        static final AtomicBoolean FAILED = new AtomicBoolean();

        @Override
        public DynamoDbAsyncClient createDynamoDb() {
            return base.dynamoDbBuilder().overrideConfiguration(c -> c.addExecutionInterceptor(new ExecutionInterceptor() {
                @Override
                public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                    if (context.request() instanceof BatchWriteItemRequest && CALLS.incrementAndGet() == 3
                            && FAILED.compareAndSet(false, true)) {
                        throw new IllegalStateException("injected: the task's writer stops here");
                    }
                }
            })).build();
        }

        @Override
        public S3AsyncClient createS3() {
            return base.createS3();
        }
    }

    /** Counts the Scans of the JVM's clients. */
    record CountingScans(AwsClientFactory base) implements ClientFactory {
        static final AtomicInteger SCANS = new AtomicInteger();

        @Override
        public DynamoDbAsyncClient createDynamoDb() {
            return base.dynamoDbBuilder().overrideConfiguration(c -> c.addExecutionInterceptor(new ExecutionInterceptor() {
                @Override
                public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                    if (context.request() instanceof ScanRequest) {
                        SCANS.incrementAndGet();
                    }
                }
            })).build();
        }

        @Override
        public S3AsyncClient createS3() {
            return base.createS3();
        }
    }

    @Test
    void restore_aTaskThatFailsOnce_isRetriedBySpark_andTheTableIsExact(DynamoDbLocal dynamo) {
        Case c = newCase(dynamo, "spark-retry", 44, 1_500);
        ExportGenerator g = c.g();
        GeneratedChain chain = c.chain();
        String table = c.table();

        SparkRestoreReport report = PitrSpark.restore(spark, SparkRestoreOptions.builder().table(table)
                .exports(uris(chain)).clients(new FailingOnce(clients(dynamo))).writePartitions(3).build());

        assertThat(FailingOnce.FAILED).as("the fault was injected").isTrue();
        assertThat(ExpectedTable.of(SCHEMA, g.expectedState()).differences(dynamo.syncClient(), table)).isEmpty();
        assertThat(report.puts()).as("the failed try's writes are not counted twice").isEqualTo(g.expectedState().size());
    }

    @Test
    void restore_fullChainOntoATableWithItems_isRefusedWithNothingWritten_unlessAllowed(DynamoDbLocal dynamo) {
        Case c = newCase(dynamo, "spark-nonempty", 45, 300);
        ExportGenerator g = c.g();
        GeneratedChain chain = c.chain();
        String table = c.table();
        dynamo.syncClient().putItem(b -> b.tableName(table).item(Map.of(
                "pk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("other"),
                "sk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromN("1"))));

        CountingScans.SCANS.set(0);
        assertThatThrownBy(() -> PitrSpark.restore(spark, SparkRestoreOptions.builder().table(table)
                .exports(uris(chain)).clients(new CountingScans(clients(dynamo))).build()))
                .isInstanceOf(TargetNotEmptyException.class).hasMessageContaining("already holds items")
                .hasMessageContaining("Nothing was written");
        assertThat(CountingScans.SCANS).as("a first start asks the table").hasValue(1);
        assertThat(dynamo.countItems(table)).isEqualTo(1);

        PitrSpark.restore(spark, SparkRestoreOptions.builder().table(table).exports(uris(chain))
                .clients(clients(dynamo)).allowNonEmpty(true).build());
        Map<Key, Item> expected = new HashMap<>(g.expectedState());
        assertThat(dynamo.countItems(table)).isEqualTo(expected.size() + 1);
    }

    @Test
    void restore_withACheckpointStore_runAgainAfterItStarted_finishes_andAfterItFinished_doesNothing(
            DynamoDbLocal dynamo) {
        Case c = newCase(dynamo, "spark-ckpt", 46, 500);
        ExportGenerator g = c.g();
        GeneratedChain chain = c.chain();
        String table = c.table();
        FileCheckpointStore store = FileCheckpointStore.in(dir.resolve("checkpoints"));
        SparkRestoreOptions options = SparkRestoreOptions.builder().table(table).exports(uris(chain))
                .clients(new CountingScans(clients(dynamo))).checkpointStore(store).restoreId("orders-drill").build();
        // A job that saved its start (on an empty table) and died after writing some keys' final items.
        store.save(new dev.pitr.checkpoint.Checkpoint("orders-drill", chainOf(chain), null, 0, Map.of(),
                "earlier-run", Instant.now(), false), null);
        g.expectedState().values().stream().limit(50).forEach(item -> dynamo.syncClient().putItem(b -> b.tableName(table)
                .item(toSdk(item))));

        CountingScans.SCANS.set(0);
        SparkRestoreReport rerun = PitrSpark.restore(spark, options);
        assertThat(rerun.status()).isEqualTo(SparkRestoreReport.Status.COMPLETED);
        assertThat(CountingScans.SCANS).as("a rerun knows from its record whether the table held items").hasValue(0);
        assertThat(rerun.deletes()).as("the table was empty when the job first started").isZero();
        assertThat(ExpectedTable.of(SCHEMA, g.expectedState()).differences(dynamo.syncClient(), table)).isEmpty();

        SparkRestoreReport again = PitrSpark.restore(spark, options);
        assertThat(again.status()).isEqualTo(SparkRestoreReport.Status.ALREADY_COMPLETE);
        assertThat(again.summary()).contains("complete already");
    }

    @Test
    void restore_aLongerChainOfAFinishedOne_appliesOnlyTheNewExports(DynamoDbLocal dynamo) {
        Case c = newCase(dynamo, "spark-longer", 49, 500);
        ExportGenerator g = c.g();
        GeneratedChain chain = c.chain();
        String table = c.table();
        FileCheckpointStore store = FileCheckpointStore.in(dir.resolve("checkpoints"));
        List<String> all = uris(chain);
        PitrSpark.restore(spark, SparkRestoreOptions.builder().table(table).exports(all.subList(0, 3))
                .clients(clients(dynamo)).checkpointStore(store).restoreId("nightly").build());

        SparkRestoreReport longer = PitrSpark.restore(spark, SparkRestoreOptions.builder().table(table).exports(all)
                .clients(clients(dynamo)).checkpointStore(store).restoreId("nightly").build());

        assertThat(longer.exports()).as("the three exports applied before are not read again").isEqualTo(1);
        assertThat(longer.records()).isEqualTo(chain.last().records().size());
        assertThat(ExpectedTable.of(SCHEMA, g.expectedState()).differences(dynamo.syncClient(), table)).isEmpty();
    }

    private static Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> toSdk(Item item) {
        return dev.pitr.dynamodb.internal.SdkValues.writeRequest(new WriteOp.Put(item, new dev.pitr.model.Origin("test", 1),
                WriteOp.NO_TIMESTAMP)).putRequest().item();
    }

    private static List<String> chainOf(GeneratedChain chain) {
        List<String> arns = new java.util.ArrayList<>();
        arns.add(PitrSpark.CHAIN_MARKER);
        chain.exports().forEach(e -> arns.add(e.exportArn()));
        return arns;
    }

    @Test
    void restore_exportsWithAGap_isRefused(DynamoDbLocal dynamo) {
        Case c = newCase(dynamo, "spark-gap", 47, 100);
        ExportGenerator g = c.g();
        GeneratedChain chain = c.chain();
        String table = c.table();
        List<String> gap = List.of(chain.full().exportDir().toString(), chain.last().exportDir().toString());
        assertThatThrownBy(() -> PitrSpark.restore(spark, SparkRestoreOptions.builder().table(table).exports(gap)
                .clients(clients(dynamo)).build())).isInstanceOf(ChainException.class).hasMessageContaining("gap");
        assertThat(dynamo.countItems(table)).isZero();
    }

    @Test
    void compact_chain_writesOneFullExportHoldingExactlyTheFinalState() throws Exception {
        ExportGenerator g = generator(dir.resolve("bucket"), 48);
        GeneratedChain chain = chain(g, 1_000);

        SparkCompactReport report = PitrSpark.compact(spark, SparkCompactOptions.builder().exports(uris(chain))
                .keySchema(SCHEMA).to(dir.resolve("out").toUri().toString()).prefix("compacted")
                .compression(StateExport.Compression.ZSTD).partitions(3).build());

        Path exportDir = dir.resolve("out").resolve("compacted/AWSDynamoDB").resolve(report.exportId());
        LocalExportSource source = LocalExportSource.of(exportDir);
        ExportDescriptor export = ManifestReader.read(source);
        Map<Key, Item> read = new HashMap<>();
        for (DataFile f : export.dataFiles()) {
            try (DataFileReader r = DataFileReader.open(source, export, f, DecodeOptions.defaults())) {
                for (WriteOp op = r.next(); op != null; op = r.next()) {
                    assertThat(read.put(op.key(SCHEMA), ((WriteOp.Put) op).item())).as("each key once").isNull();
                }
            }
        }
        Map<Key, Item> expected = g.expectedState();
        assertThat(read).isEqualTo(expected);
        assertThat(export.itemCount()).isEqualTo(expected.size()).isEqualTo(report.items());
        assertThat(export.stateTime()).isEqualTo(chain.last().stateTime());
        assertThat(report.files()).isEqualTo(export.dataFiles().size()).isBetween(1, 3);
    }

    @Test
    void options_badValues_areRefusedAsTheyAreSet() {
        assertThatThrownBy(() -> SparkRestoreOptions.builder().maxWriteCapacityUnitsPerSecond(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive");
        assertThatThrownBy(() -> SparkRestoreOptions.builder().writePartitions(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("writePartitions");
        assertThatThrownBy(() -> SparkRestoreOptions.builder().table("t").build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no exports");
        assertThatThrownBy(() -> new AwsClientFactory(null, "localhost:8000", null, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("http://");
        assertThatThrownBy(() -> SparkCompactOptions.builder().prefix("/bad"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("prefix");
    }

}
