package dev.pitr.dynamodb.restore;

import static dev.pitr.dynamodb.restore.RestoreChains.SCHEMA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pitr.PitrRestorer;
import dev.pitr.RestoreReport;
import dev.pitr.checkpoint.FileCheckpointStore;
import dev.pitr.checkpoint.InMemoryCheckpointStore;
import dev.pitr.dynamodb.DynamoDbItemSink;
import dev.pitr.manifest.OutputFormat;
import dev.pitr.model.KeySchema;
import dev.pitr.plan.ChainException;
import dev.pitr.source.ExportSource;
import dev.pitr.testing.Compression;
import dev.pitr.testing.ExportGenerator;
import dev.pitr.testing.GeneratedChain;
import dev.pitr.testing.GeneratedExport;
import dev.pitr.testing.dynamodb.DynamoDbLocal;
import dev.pitr.testing.dynamodb.DynamoDbLocalExtension;
import dev.pitr.testing.dynamodb.ExpectedTable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;

/** Generated chains restored into DynamoDB Local through the real writer. */
@ExtendWith(DynamoDbLocalExtension.class)
class RestoreEndToEndTest {
    @TempDir
    Path dir;

    private static List<ExportSource> shuffledSources(GeneratedChain chain) {
        List<ExportSource> sources = new ArrayList<>();
        for (GeneratedExport e : chain.exports()) {
            sources.add(e.source());
        }
        Collections.reverse(sources);
        return sources;
    }

    @ParameterizedTest
    @CsvSource({"DYNAMODB_JSON, GZIP", "ION, ZSTD"})
    void restore_fullAndThreeIncrementals_tableEqualsTheExpectedState(OutputFormat format, Compression compression,
                                                                      DynamoDbLocal dynamo) {
        ExportGenerator g = RestoreChains.generator(dir.resolve("bucket"), format, compression, 7);
        GeneratedChain chain = RestoreChains.chain(g, 1_500);
        String table = DynamoDbLocal.uniqueTableName("e2e");
        dynamo.createTable(table, SCHEMA);
        DynamoDbAsyncClient client = dynamo.asyncClient();
        try (DynamoDbItemSink sink = DynamoDbItemSink.builder().client(client).tableName(table).build()) {
            RestoreReport report = PitrRestorer.builder().exports(shuffledSources(chain)).sink(sink)
                    .checkpointStore(FileCheckpointStore.in(dir.resolve("checkpoints"))).build().run();

            assertThat(report.status()).isEqualTo(RestoreReport.Status.COMPLETED);
            assertThat(report.exports()).extracting(RestoreReport.ExportReport::exportId)
                    .containsExactlyElementsOf(chain.exports().stream().map(GeneratedExport::exportId).toList());
            assertThat(report.sink().written()).isEqualTo(report.puts() + report.deletes());
        } finally {
            client.close();
        }
        assertThat(ExpectedTable.of(SCHEMA, g.expectedState()).differences(dynamo.syncClient(), table)).isEmpty();
    }

    @Test
    void restore_rerunAfterCompletion_isAlreadyComplete(DynamoDbLocal dynamo) {
        ExportGenerator g = RestoreChains.generator(dir.resolve("bucket"), OutputFormat.DYNAMODB_JSON, Compression.GZIP, 3);
        GeneratedChain chain = RestoreChains.chain(g, 200);
        String table = DynamoDbLocal.uniqueTableName("again");
        dynamo.createTable(table, SCHEMA);
        FileCheckpointStore store = FileCheckpointStore.in(dir.resolve("checkpoints"));
        DynamoDbAsyncClient client = dynamo.asyncClient();
        try (DynamoDbItemSink sink = DynamoDbItemSink.builder().client(client).tableName(table).build()) {
            PitrRestorer.builder().exports(shuffledSources(chain)).sink(sink).checkpointStore(store).build().run();
            RestoreReport again = PitrRestorer.builder().exports(shuffledSources(chain)).sink(sink).checkpointStore(store)
                    .build().run();

            assertThat(again.status()).isEqualTo(RestoreReport.Status.ALREADY_COMPLETE);
            assertThat(again.puts() + again.deletes()).isZero();
        } finally {
            client.close();
        }
    }

    @Test
    void restore_keySchemaMismatch_failsBeforeAnyWrite(DynamoDbLocal dynamo) {
        ExportGenerator g = RestoreChains.generator(dir.resolve("bucket"), OutputFormat.DYNAMODB_JSON, Compression.GZIP, 5);
        GeneratedChain chain = RestoreChains.chain(g, 100);
        String table = DynamoDbLocal.uniqueTableName("wrongkey");
        dynamo.createTable(table, KeySchema.of("id", KeySchema.ScalarType.S));
        DynamoDbAsyncClient client = dynamo.asyncClient();
        try (DynamoDbItemSink sink = DynamoDbItemSink.builder().client(client).tableName(table).build()) {
            assertThatThrownBy(() -> PitrRestorer.builder().exports(shuffledSources(chain)).sink(sink)
                    .checkpointStore(new InMemoryCheckpointStore()).build().run())
                    .hasMessageContaining("id");
        } finally {
            client.close();
        }
        assertThat(dynamo.countItems(table)).isZero();
    }

    @Test
    void restore_chainWithAGap_failsBeforeAnyWrite(DynamoDbLocal dynamo) {
        ExportGenerator g = RestoreChains.generator(dir.resolve("bucket"), OutputFormat.DYNAMODB_JSON, Compression.GZIP, 9);
        GeneratedChain chain = RestoreChains.chain(g, 100);
        String table = DynamoDbLocal.uniqueTableName("gap");
        dynamo.createTable(table, SCHEMA);
        DynamoDbAsyncClient client = dynamo.asyncClient();
        try (DynamoDbItemSink sink = DynamoDbItemSink.builder().client(client).tableName(table).build()) {
            assertThatThrownBy(() -> PitrRestorer.builder().export(chain.full().source())
                    .export(chain.incrementals().get(1).source()).sink(sink).checkpointStore(new InMemoryCheckpointStore())
                    .build().run())
                    .isInstanceOf(ChainException.class).hasMessageContaining("Gap in the chain");
        } finally {
            client.close();
        }
        assertThat(dynamo.countItems(table)).isZero();
    }
}
