package dev.pitr.examples;

import static dev.pitr.examples.TestChains.SCHEMA;
import static dev.pitr.examples.TestChains.awsEnv;
import static dev.pitr.examples.TestChains.exportArgs;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pitr.testing.dynamodb.DynamoDbLocal;
import dev.pitr.testing.dynamodb.DynamoDbLocalExtension;
import dev.pitr.testing.s3.S3ProxyExtension;
import dev.pitr.testing.s3.S3ProxyServer;
import dev.pitr.testing.s3.S3TestClients;
import dev.pitr.testing.s3.S3TestData;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import dev.pitr.testing.Changes;
import dev.pitr.testing.ExportGenerator;
import dev.pitr.testing.GeneratedExport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code pitr restore --compact}: a long chain with heavy key overlap, each key written once into DynamoDB Local. */
@ExtendWith({DynamoDbLocalExtension.class, S3ProxyExtension.class})
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

    @Test
    void compact_chainToAFolder_isAFullExport_whoseRestoreEqualsTheChainedRestore(DynamoDbLocal dynamo) throws Exception {
        ExportGenerator g = TestChains.generator(dir.resolve("bucket"), 10);
        List<GeneratedExport> chain = TestChains.chain(g, 300, Changes.of(80, 20, 20, 0), Changes.of(60, 20, 20, 10),
                Changes.of(70, 10, 15, 10));
        List<String> command = new ArrayList<>(List.of("compact", "--to", dir.resolve("out").toString(),
                "--key", "pk:S,sk:N", "--state-dir", dir.resolve("state").toString(), "--max-file-mb", "1"));
        command.addAll(exportArgs(chain));

        CliProcess.Result run = CliProcess.run(dir, awsEnv(), command.toArray(String[]::new));

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.stdoutText()).contains("aws dynamodb import-table --s3-bucket-source S3Bucket=")
                .contains("--input-format DYNAMODB_JSON --input-compression-type GZIP")
                .contains("KeySchema=[{AttributeName=pk,KeyType=HASH},{AttributeName=sk,KeyType=RANGE}]")
                .contains("AttributeDefinitions=[{AttributeName=pk,AttributeType=S},{AttributeName=sk,AttributeType=N}]");
        Path export;
        try (Stream<Path> dirs = Files.list(dir.resolve("out/AWSDynamoDB"))) {
            export = dirs.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().equals("data"))
                    .findFirst().orElseThrow();
        }
        String table = DynamoDbLocal.uniqueTableName("cli-from-compacted");
        dynamo.createTable(table, SCHEMA);
        CliProcess.Result restore = CliProcess.run(dir, awsEnv(), "restore", "--table", table,
                "--dynamodb-endpoint", dynamo.endpoint().toString(), "--export", export.toString(),
                "--checkpoint", dir.resolve("checkpoints").toString());

        assertThat(restore.exitCode()).as(restore.toString()).isZero();
        assertThat(restore.lastStderrLine()).endsWith("holds the state of " + chain.get(3).exportToTime());
        assertThat(TableItems.scan(dynamo.asyncClient(), table, SCHEMA)).isEqualTo(g.expectedState());
    }

    @Test
    void compact_killedWhileBuildingTheState_resumesAfterTheExportsItHadRead_andEndsExact(DynamoDbLocal dynamo)
            throws Exception {
        ExportGenerator g = TestChains.generator(dir.resolve("bucket"), 11);
        Changes[] windows = new Changes[8];
        for (int i = 0; i < windows.length; i++) {
            windows[i] = Changes.of(2_000, 500, 1_000, i == 0 ? 0 : 300);
        }
        List<GeneratedExport> chain = TestChains.chain(g, 20_000, windows);
        List<String> command = new ArrayList<>(List.of("compact", "--to", dir.resolve("out").toString(),
                "--key", "pk:S,sk:N", "--state-dir", dir.resolve("state").toString(), "--workers", "1"));
        command.addAll(exportArgs(chain));

        CliProcess first = CliProcess.start(dir, awsEnv(), command.toArray(String[]::new));
        assertThat(first.awaitStderrLine(l -> l.startsWith("pitr: export 2/9 "), Duration.ofSeconds(120)))
                .as("two exports read into the state").isNotNull();
        CliProcess.Result killed = first.kill();
        assertThat(killed.exitCode()).isEqualTo(137);

        CliProcess.Result rerun = CliProcess.run(dir, awsEnv(), command.toArray(String[]::new));

        assertThat(rerun.exitCode()).as(rerun.toString()).isZero();
        assertThat(rerun.stderr()).anyMatch(l -> l.matches("pitr: resuming: the state holds [2-8] of the 9 exports"
                + " already"));
        assertThat(rerun.stderr()).noneMatch(l -> l.startsWith("pitr: export 1/9 "));
        Path export;
        try (Stream<Path> dirs = Files.list(dir.resolve("out/AWSDynamoDB"))) {
            export = dirs.filter(p -> !p.getFileName().toString().equals("data")).findFirst().orElseThrow();
        }
        String table = DynamoDbLocal.uniqueTableName("cli-compact-resumed");
        dynamo.createTable(table, SCHEMA);
        CliProcess.Result restore = CliProcess.run(dir, awsEnv(), "restore", "--table", table,
                "--dynamodb-endpoint", dynamo.endpoint().toString(), "--export", export.toString(),
                "--checkpoint", dir.resolve("checkpoints").toString());
        assertThat(restore.exitCode()).as(restore.toString()).isZero();
        assertThat(TableItems.scan(dynamo.asyncClient(), table, SCHEMA)).isEqualTo(g.expectedState());
    }

    @Test
    void compact_chainInS3_toAnS3Prefix_isAnExportThatRestoresLikeTheChain(DynamoDbLocal dynamo, S3ProxyServer s3)
            throws Exception {
        ExportGenerator g = TestChains.generator(dir.resolve("bucket"), 12);
        List<GeneratedExport> chain = TestChains.chain(g, 200, Changes.of(50, 10, 10, 0), Changes.of(40, 10, 10, 5));
        try (S3AsyncClient client = S3TestClients.client(s3.endpoint())) {
            S3TestData data = new S3TestData(client);
            String bucket = data.newBucket("compact");
            data.uploadFolder(bucket, dir.resolve("bucket"));
            String folder = "s3://" + bucket + "/" + TestChains.PREFIX + "/AWSDynamoDB/";
            List<String> command = new ArrayList<>(List.of("compact", "--s3-endpoint", s3.endpoint().toString(),
                    "--to", "s3://" + bucket + "/compacted/orders", "--key", "pk:S,sk:N", "--compression", "zstd",
                    "--state-dir", dir.resolve("state").toString()));
            for (GeneratedExport e : chain) {
                command.add("--export");
                command.add(folder + e.exportId() + "/");
            }

            CliProcess.Result run = CliProcess.run(dir, awsEnv(), command.toArray(String[]::new));

            assertThat(run.exitCode()).as(run.toString()).isZero();
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(s3://\\S+/compacted/orders/AWSDynamoDB/\\S+)")
                    .matcher(run.stdoutText());
            assertThat(m.find()).as(run.stdoutText()).isTrue();
            assertThat(run.stdoutText()).contains("S3Bucket=" + bucket + ",S3KeyPrefix=compacted/orders/AWSDynamoDB/")
                    .contains("--input-compression-type ZSTD");
            String table = DynamoDbLocal.uniqueTableName("cli-from-s3-compacted");
            dynamo.createTable(table, SCHEMA);
            CliProcess.Result restore = CliProcess.run(dir, awsEnv(), "restore", "--table", table,
                    "--dynamodb-endpoint", dynamo.endpoint().toString(), "--s3-endpoint", s3.endpoint().toString(),
                    "--export", m.group(1) + "/", "--checkpoint", dir.resolve("checkpoints").toString());
            assertThat(restore.exitCode()).as(restore.toString()).isZero();
            assertThat(TableItems.scan(dynamo.asyncClient(), table, SCHEMA)).isEqualTo(g.expectedState());
        }
    }
}
