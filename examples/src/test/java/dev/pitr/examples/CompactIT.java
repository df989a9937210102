package dev.pitr.examples;

import static dev.pitr.examples.TestChains.SCHEMA;
import static dev.pitr.examples.TestChains.awsEnv;
import static dev.pitr.examples.TestChains.exportArgs;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pitr.dynamodb.testing.DynamoDbLocal;
import dev.pitr.dynamodb.testing.DynamoDbLocalExtension;
import dev.pitr.testing.Changes;
import dev.pitr.testing.ExportGenerator;
import dev.pitr.testing.GeneratedExport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code pitr restore --compact}: a long chain with heavy key overlap, each key written once into DynamoDB Local. */
@ExtendWith(DynamoDbLocalExtension.class)
class CompactIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void restoreCompact_fullAndNineOverlappingWindows_ontoAnEmptyTable_putsTheFinalStateOnceAndNoDelete(
            DynamoDbLocal dynamo) throws Exception {
        ExportGenerator g = TestChains.generator(dir.resolve("bucket"), 9);
        Changes[] windows = new Changes[9];
        for (int i = 0; i < windows.length; i++) {
            windows[i] = Changes.of(120, 30, 25, i == 0 ? 0 : 15);
        }
        List<GeneratedExport> chain = TestChains.chain(g, 400, windows);
        long records = chain.stream().mapToLong(GeneratedExport::itemCount).sum();
        String table = DynamoDbLocal.uniqueTableName("cli-compact");
        dynamo.createTable(table, SCHEMA);
        List<String> command = new ArrayList<>(List.of("restore", "--table", table, "--compact",
                "--dynamodb-endpoint", dynamo.endpoint().toString(), "--state-dir", dir.resolve("state").toString(),
                "--checkpoint", dir.resolve("checkpoints").toString(), "--report", dir.resolve("report.json").toString()));
        command.addAll(exportArgs(chain));

        CliProcess.Result run = CliProcess.run(dir, awsEnv(), command.toArray(String[]::new));

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.stdoutText()).contains("compacted: the chain's " + String.format("%,d", records) + " records");
        JsonNode report = JSON.readTree(dir.resolve("report.json").toFile());
        assertThat(report.at("/compaction/chainRecords").asLong()).isEqualTo(records);
        assertThat(report.at("/compaction/puts").asLong()).isEqualTo(g.expectedState().size());
        assertThat(report.at("/compaction/deletes").asLong()).isZero();
        assertThat(records).isGreaterThan(2L * g.expectedState().size());
        assertThat(TableItems.scan(dynamo.asyncClient(), table, SCHEMA)).isEqualTo(g.expectedState());
        assertThat(dir.resolve("state")).doesNotExist();
    }
}
