package dev.pitr.examples;

import static dev.pitr.examples.TestChains.SCHEMA;
import static dev.pitr.examples.TestChains.args;
import static dev.pitr.examples.TestChains.awsEnv;
import static dev.pitr.examples.TestChains.exportArgs;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pitr.model.Item;
import dev.pitr.model.Key;
import dev.pitr.testing.Changes;
import dev.pitr.testing.ExportGenerator;
import dev.pitr.testing.GeneratedExport;
import dev.pitr.testing.dynamodb.DynamoDbLocal;
import dev.pitr.testing.dynamodb.DynamoDbLocalExtension;
import dev.pitr.testing.s3.S3ProxyExtension;
import dev.pitr.testing.s3.S3ProxyServer;
import dev.pitr.testing.s3.S3TestClients;
import dev.pitr.testing.s3.S3TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/**
 * {@code pitr restore} run as a separate process from the shaded jar, against DynamoDB Local and
 * s3proxy running in this JVM.
 */
@ExtendWith({DynamoDbLocalExtension.class, S3ProxyExtension.class})
class RestoreIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PROGRESS = Pattern.compile("pitr: export 1/3: (\\d+)/\\d+ items.*");

    private static S3ProxyServer s3;
    private static S3AsyncClient s3Client;
    private static S3TestData s3Data;

    @TempDir
    Path dir;

    @BeforeAll
    static void clientOfS3(S3ProxyServer server) {
        s3 = server;
        s3Client = S3TestClients.client(server.endpoint());
        s3Data = new S3TestData(s3Client);
    }

    @AfterAll
    static void closeClientOfS3() {
        s3Client.close();
    }

    @Test
    void restore_localExportsInAnyOrder_tableEqualsTheExpectedState_andARerunHasNothingToDo(DynamoDbLocal dynamo)
            throws Exception {
        ExportGenerator g = TestChains.generator(dir.resolve("bucket"), 1);
        List<GeneratedExport> chain = TestChains.chain(g, 800, Changes.of(100, 40, 60, 0), Changes.of(80, 30, 40, 15));
        String table = DynamoDbLocal.uniqueTableName("cli-local");
        dynamo.createTable(table, SCHEMA);
        List<String> command = new ArrayList<>(List.of("restore", "--table", table,
                "--dynamodb-endpoint", dynamo.endpoint().toString(),
                "--checkpoint", dir.resolve("checkpoints").toString(),
                "--report", dir.resolve("reports/run.json").toString()));
        command.addAll(exportArgs(chain));

        CliProcess.Result run = CliProcess.run(dir, awsEnv(), args(command));

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.lastStderrLine()).startsWith("pitr: restore completed: table " + table + " holds the state of "
                + chain.get(2).exportToTime());
        Matcher idInSummary = Pattern.compile("COMPLETED (restore-" + chain.get(0).exportId() + "-to-" + table
                + "-[0-9a-f]{8}): ").matcher(run.stdoutText());
        assertThat(idInSummary.find()).as(run.stdoutText()).isTrue();
        String id = idInSummary.group(1);
        JsonNode report = JSON.readTree(dir.resolve("reports/run.json").toFile());
        assertThat(report.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(ids(report)).containsExactly(chain.get(0).exportId(), chain.get(1).exportId(), chain.get(2).exportId());
        assertThat(report.at("/totals/puts").asLong() + report.at("/totals/deletes").asLong())
                .isEqualTo(chain.stream().mapToLong(GeneratedExport::itemCount).sum());
        assertThat(dir.resolve("checkpoints/" + id + ".json")).isRegularFile();
        assertThat(scan(dynamo, table)).isEqualTo(g.expectedState());

        CliProcess.Result again = CliProcess.run(dir, awsEnv(), args(command));

        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(again.lastStderrLine()).startsWith("pitr: nothing to do: checkpoint ");
        assertThat(again.stdoutText()).contains("ALREADY_COMPLETE");
    }

    @Test
    void restore_s3ExportsOnS3Proxy_withCheckpointAndReportInS3_tableEqualsTheExpectedState(DynamoDbLocal dynamo)
            throws Exception {
        ExportGenerator g = TestChains.generator(dir.resolve("bucket"), 2);
        List<GeneratedExport> chain = TestChains.chain(g, 400, Changes.of(50, 20, 30, 0), Changes.of(40, 15, 20, 10));
        String bucket = s3Data.newBucket("cli-exports");
        s3Data.uploadFolder(bucket, dir.resolve("bucket"));
        String folder = "s3://" + bucket + "/" + TestChains.PREFIX + "/AWSDynamoDB/";
        String table = DynamoDbLocal.uniqueTableName("cli-s3");
        dynamo.createTable(table, SCHEMA);

        CliProcess.Result run = CliProcess.run(dir, awsEnv(), "restore", "--table", table,
                "--dynamodb-endpoint", dynamo.endpoint().toString(), "--s3-endpoint", s3.endpoint().toString(),
                "--export", folder + chain.get(2).exportId(),
                "--export", folder + chain.get(0).exportId() + "/",
                "--export", folder + chain.get(1).exportId() + "/manifest-summary.json",
                "--checkpoint", "s3://" + bucket + "/checkpoints",
                "--report", "s3://" + bucket + "/reports/run.json");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(scan(dynamo, table)).isEqualTo(g.expectedState());
        JsonNode report = JSON.readTree(s3Data.get(bucket, "reports/run.json").orElseThrow());
        assertThat(report.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(ids(report)).containsExactly(chain.get(0).exportId(), chain.get(1).exportId(), chain.get(2).exportId());
        String id = report.get("restoreId").asText();
        assertThat(id).matches("restore-" + chain.get(0).exportId() + "-to-" + table + "-[0-9a-f]{8}");
        assertThat(s3Data.get(bucket, "checkpoints/" + id + ".json")).isPresent();
    }

    @Test
    void restore_stoppedBySigterm_thenKilledBySigkill_resumesToExactlyTheExpectedTable(DynamoDbLocal dynamo)
            throws Exception {
        ExportGenerator g = TestChains.generator(dir.resolve("bucket"), 3);
        List<GeneratedExport> chain = TestChains.chain(g, 2_000, Changes.of(400, 150, 400, 0),
                Changes.of(300, 100, 200, 80));
        String table = DynamoDbLocal.uniqueTableName("cli-crash");
        dynamo.createTable(table, SCHEMA);
        List<String> command = new ArrayList<>(List.of("restore", "--table", table,
                "--dynamodb-endpoint", dynamo.endpoint().toString(),
                "--checkpoint", "dynamodb://" + DynamoDbLocal.uniqueTableName("cli-checkpoints"),
                "--max-wcu", "600", "--checkpoint-interval", "1s", "--progress-interval", "300ms",
                "--report", dir.resolve("report.json").toString()));
        command.addAll(exportArgs(chain));

        // 1. SIGTERM (Ctrl-C, a container stop) part-way through the FULL export: the hook stops
        //    the restore, which saves its checkpoint and gives the lease up.
        CliProcess first = CliProcess.start(dir, awsEnv(), args(command));
        assertThat(first.awaitStderrLine(l -> itemsDone(l) > 0, Duration.ofSeconds(60)))
                .as("a progress line with items done").isNotNull();
        CliProcess.Result stopped = first.terminate();
        assertThat(stopped.exitCode()).as(stopped.toString()).isEqualTo(143);
        assertThat(stopped.stderr()).as(stopped.toString()).contains("pitr: signal received: stopping and saving a checkpoint");
        assertThat(stopped.lastStderrLine()).as(stopped.toString())
                .startsWith("pitr: stopped: Restore restore-" + chain.get(0).exportId() + "-to-" + table + "-")
                .contains(" stopped during export")
                .contains("checkpoint saved");
        assertThat(dynamo.countItems(table)).isPositive();

        // 2. Rerun (no --take-over needed: the lease was released); SIGKILL as the last export starts.
        CliProcess second = CliProcess.start(dir, awsEnv(), args(command));
        assertThat(second.awaitStderrLine(l -> l.startsWith("pitr: export 3/3 starts"), Duration.ofSeconds(90)))
                .as("export 3 starts").isNotNull();
        CliProcess.Result killed = second.kill();
        assertThat(killed.exitCode()).isEqualTo(137);
        String full = killed.stderr().stream().filter(l -> l.startsWith("pitr: export 1/3 applied: ")).findFirst()
                .orElseThrow(() -> new AssertionError("no end of export 1 in\n" + killed));
        assertThat(count(full, "puts")).as("puts of the resumed FULL export").isPositive().isLessThan(2_000);

        // 3. The killed run still holds the lease, but its process is gone from this machine: the
        //    exact same command (no --take-over) takes the restore over at once, resumes with the
        //    last export only, and the table ends exactly as expected.
        CliProcess.Result resumed = CliProcess.run(dir, awsEnv(), args(command));
        assertThat(resumed.exitCode()).as(resumed.toString()).isZero();
        assertThat(resumed.stderr()).noneMatch(l -> l.contains("waiting until"));
        assertThat(ids(JSON.readTree(dir.resolve("report.json").toFile()))).containsExactly(chain.get(2).exportId());
        assertThat(scan(dynamo, table)).isEqualTo(g.expectedState());
    }

    @Test
    void restore_gapInTheChain_exits2AndWritesNothing(DynamoDbLocal dynamo) throws Exception {
        ExportGenerator g = TestChains.generator(dir.resolve("bucket"), 4);
        List<GeneratedExport> chain = TestChains.chain(g, 200, Changes.of(20, 5, 5, 0), Changes.of(20, 5, 5, 0));
        String table = DynamoDbLocal.uniqueTableName("cli-gap");
        dynamo.createTable(table, SCHEMA);

        CliProcess.Result run = CliProcess.run(dir, awsEnv(), "restore", "--table", table,
                "--dynamodb-endpoint", dynamo.endpoint().toString(),
                "--export", chain.get(0).exportDir().toString(), "--export", chain.get(2).exportDir().toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(run.lastStderrLine()).startsWith("pitr: the exports do not form a chain, nothing was written: ")
                .contains("Gap in the chain");
        assertThat(dynamo.countItems(table)).isZero();
    }

    @Test
    void restore_onErrorSkip_itemsTheTableRefuses_goToTheDeadLetterFile_andExit3(DynamoDbLocal dynamo)
            throws Exception {
        ExportGenerator g = TestChains.generator(dir.resolve("bucket"), 5);
        List<GeneratedExport> chain = TestChains.chain(g, 150, Changes.of(30, 10, 15, 0));
        // An index keyed by a number on "note", which the items hold as a string: DynamoDB refuses
        // every put of an item that has a note.
        String table = DynamoDbLocal.uniqueTableName("cli-skip");
        dynamo.syncClient().createTable(b -> b.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(List.of(key("pk", KeyType.HASH), key("sk", KeyType.RANGE)))
                .attributeDefinitions(List.of(attribute("pk", ScalarAttributeType.S), attribute("sk", ScalarAttributeType.N),
                        attribute("note", ScalarAttributeType.N)))
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName("by-note")
                        .keySchema(List.of(key("note", KeyType.HASH)))
                        .projection(Projection.builder().projectionType(ProjectionType.KEYS_ONLY).build()).build()));
        dynamo.syncClient().waiter().waitUntilTableExists(b -> b.tableName(table));
        Path deadLetter = dir.resolve("skipped.jsonl");

        CliProcess.Result run = CliProcess.run(dir, awsEnv(), args(List.of("restore", "--table", table,
                "--dynamodb-endpoint", dynamo.endpoint().toString(), "--checkpoint", dir.resolve("cp").toString(),
                "--on-error", "skip", "--dead-letter", deadLetter.toString(),
                "--report", dir.resolve("report.json").toString()), exportArgs(chain).toArray(String[]::new)));

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.SKIPPED);
        long skipped = JSON.readTree(dir.resolve("report.json").toFile()).at("/totals/skipped").asLong();
        assertThat(skipped).isPositive();
        assertThat(run.lastStderrLine()).isEqualTo("pitr: restore finished, but " + skipped
                + " operations were skipped by --on-error skip (they are in " + deadLetter + ")");
        List<String> lines = Files.readAllLines(deadLetter);
        assertThat(lines).hasSize((int) skipped).allMatch(l -> l.contains("\"reason\"") && l.contains("\"PutRequest\""));
        Map<Key, Item> actual = scan(dynamo, table);
        assertThat(actual.values()).noneMatch(i -> i.attributes().containsKey("note"));
        g.expectedState().forEach((key, item) -> {
            if (!item.attributes().containsKey("note")) {
                assertThat(actual.get(key)).as("item without a note %s", key.toDisplayString()).isEqualTo(item);
            }
        });
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }

    private static AttributeDefinition attribute(String name, ScalarAttributeType type) {
        return AttributeDefinition.builder().attributeName(name).attributeType(type).build();
    }

    private static long itemsDone(String line) {
        Matcher m = PROGRESS.matcher(line);
        return m.matches() ? Long.parseLong(m.group(1)) : 0;
    }

    /** The number before {@code " " + what} in a progress line: {@code "1,234 puts"} gives 1234. */
    private static long count(String line, String what) {
        Matcher m = Pattern.compile("([0-9,]+) " + what).matcher(line);
        if (!m.find()) {
            throw new AssertionError("no \"" + what + "\" in: " + line);
        }
        return Long.parseLong(m.group(1).replace(",", ""));
    }

    private static List<String> ids(JsonNode report) {
        List<String> ids = new ArrayList<>();
        report.get("exports").forEach(e -> ids.add(e.get("exportId").asText()));
        return ids;
    }

    private static Map<Key, Item> scan(DynamoDbLocal dynamo, String table) {
        DynamoDbAsyncClient client = dynamo.asyncClient();
        return TableItems.scan(client, table, SCHEMA);
    }
}
