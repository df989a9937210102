package dev.pitr.s3.restore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pitr.PitrRestorer;
import dev.pitr.RestoreReport;
import dev.pitr.dynamodb.DynamoDbItemSink;
import dev.pitr.manifest.OutputFormat;
import dev.pitr.manifest.OutputView;
import dev.pitr.model.KeySchema;
import dev.pitr.s3.S3ExportSource;
import dev.pitr.s3.S3ReadStats;
import dev.pitr.s3.testing.CuttingProxy;
import dev.pitr.source.ExportSource;
import dev.pitr.testing.Changes;
import dev.pitr.testing.ExportGenerator;
import dev.pitr.testing.GeneratedExport;
import dev.pitr.testing.ItemShape;
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
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/**
 * Chains uploaded to an S3-compatible server (incrementals sharing {@code AWSDynamoDB/data/})
 * restored into DynamoDB Local through S3ExportSource.
 */
@ExtendWith({DynamoDbLocalExtension.class, S3ProxyExtension.class})
class S3RestoreTest {
    private static final Instant T0 = Instant.parse("2026-02-01T00:00:00Z");
    private static final Duration WINDOW = Duration.ofHours(1);
    private static final KeySchema SCHEMA = KeySchema.of("pk", KeySchema.ScalarType.S, "sk", KeySchema.ScalarType.N);

    @TempDir
    Path dir;

    private List<GeneratedExport> chain(ExportGenerator g, int items) {
        int n = items / 10;
        return List.of(g.full(items, T0),
                g.incremental(T0, T0.plus(WINDOW), Changes.of(n, n, n, 0), OutputView.NEW_AND_OLD_IMAGES),
                g.incremental(T0.plus(WINDOW), T0.plus(WINDOW.multipliedBy(2)), Changes.of(n, n, n, n / 2),
                        OutputView.NEW_IMAGE));
    }

    private static List<ExportSource> s3Sources(S3AsyncClient client, String bucket, List<GeneratedExport> chain,
                                                long partSize, List<S3ExportSource> keep) {
        List<ExportSource> sources = new ArrayList<>();
        for (GeneratedExport e : chain) {
            S3ExportSource s = S3ExportSource.builder().client(client).partSize(partSize)
                    .exportUri("s3://" + bucket + "/" + e.bucketRoot().relativize(e.exportDir()) + "/").build();
            keep.add(s);
            sources.add(s);
        }
        return sources;
    }

    private static RestoreReport restore(DynamoDbLocal dynamo, String table, List<? extends ExportSource> sources) {
        DynamoDbAsyncClient client = dynamo.asyncClient();
        try (DynamoDbItemSink sink = DynamoDbItemSink.builder().client(client).tableName(table).build()) {
            return PitrRestorer.builder().exports(sources).sink(sink)
                    .checkpointStore(new dev.pitr.checkpoint.InMemoryCheckpointStore()).build().run();
        } finally {
            client.close();
        }
    }

    @Test
    void restore_fromS3_givesTheSameTableAsFromTheLocalFolder(DynamoDbLocal dynamo, S3ProxyServer s3proxy) {
        ExportGenerator g = ExportGenerator.builder().bucketRoot(dir.resolve("bucket")).prefix("backups/orders")
                .keySchema(SCHEMA).format(OutputFormat.DYNAMODB_JSON).filesPerExport(3).seed(5).build();
        List<GeneratedExport> chain = chain(g, 800);
        S3AsyncClient s3 = S3TestClients.client(s3proxy.endpoint());
        S3TestData data = new S3TestData(s3);
        String bucket = data.newBucket("restore");
        data.uploadFolder(bucket, dir.resolve("bucket"));

        String fromS3 = DynamoDbLocal.uniqueTableName("from-s3");
        String fromDisk = DynamoDbLocal.uniqueTableName("from-disk");
        dynamo.createTable(fromS3, SCHEMA);
        dynamo.createTable(fromDisk, SCHEMA);
        List<S3ExportSource> opened = new ArrayList<>();
        RestoreReport s3Report = restore(dynamo, fromS3, s3Sources(s3, bucket, chain, 1 << 20, opened));
        restore(dynamo, fromDisk, chain.stream().map(GeneratedExport::source).toList());

        ExpectedTable expected = ExpectedTable.of(SCHEMA, g.expectedState());
        assertThat(expected.differences(dynamo.syncClient(), fromDisk)).isEmpty();
        assertThat(expected.differences(dynamo.syncClient(), fromS3)).isEmpty();
        assertThat(s3Report.exports().get(1).location()).startsWith("s3://" + bucket + "/backups/orders/AWSDynamoDB/");
        s3.close();
    }

    @Test
    void restore_connectionsCutMidObject_completesRereadingAtMostOnePartPerCut(DynamoDbLocal dynamo,
                                                                            S3ProxyServer s3proxy) {
        ExportGenerator g = ExportGenerator.builder().bucketRoot(dir.resolve("bucket")).prefix("cuts")
                .keySchema(SCHEMA).format(OutputFormat.ION).itemShape(ItemShape.MEDIUM).filesPerExport(2).seed(8).build();
        List<GeneratedExport> chain = chain(g, 700);
        S3AsyncClient direct = S3TestClients.client(s3proxy.endpoint());
        S3TestData data = new S3TestData(direct);
        String bucket = data.newBucket("cuts");
        data.uploadFolder(bucket, dir.resolve("bucket"));
        long partSize = 64 * 1024;

        try (CuttingProxy proxy = new CuttingProxy(s3proxy.port())) {
            proxy.cutEvery(150_000, 12);
            S3AsyncClient cut = S3TestClients.client(proxy.endpoint());
            String table = DynamoDbLocal.uniqueTableName("cuts");
            dynamo.createTable(table, SCHEMA);
            List<S3ExportSource> opened = new ArrayList<>();
            restore(dynamo, table, s3Sources(cut, bucket, chain, partSize, opened));

            assertThat(ExpectedTable.of(SCHEMA, g.expectedState()).differences(dynamo.syncClient(), table)).isEmpty();
            assertThat(proxy.cutsMade()).isGreaterThanOrEqualTo(3);
            long resumes = 0;
            long reRead = 0;
            for (S3ExportSource s : opened) {
                S3ReadStats stats = s.stats();
                resumes += stats.resumes();
                reRead += stats.bytesReRead();
            }
            assertThat(resumes).isPositive();
            assertThat(reRead).isLessThanOrEqualTo(proxy.cutsMade() * partSize);
            cut.close();
        } finally {
            direct.close();
        }
    }
}
