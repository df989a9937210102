package dev.pitr.examples;

import static dev.pitr.examples.TestChains.SCHEMA;
import static dev.pitr.examples.TestChains.args;
import static dev.pitr.examples.TestChains.awsEnv;
import static dev.pitr.examples.TestChains.exportArgs;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pitr.internal.HumanDuration;
import dev.pitr.model.KeySchema;
import dev.pitr.testing.Changes;
import dev.pitr.testing.ExportGenerator;
import dev.pitr.testing.GeneratedExport;
import dev.pitr.testing.dynamodb.DynamoDbLocal;
import dev.pitr.testing.dynamodb.DynamoDbLocalExtension;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * validate, plan, policy, bad arguments and the quickstart, each run as a separate process from
 * the shaded jar.
 */
@ExtendWith(DynamoDbLocalExtension.class)
class CommandsIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path shared;

    private static List<GeneratedExport> chain;

    @TempDir
    Path dir;

    @BeforeAll
    static void writeChain() {
        ExportGenerator g = TestChains.generator(shared.resolve("bucket"), 11);
        chain = TestChains.chain(g, 400, Changes.of(40, 10, 20, 0), Changes.of(30, 10, 10, 5));
    }

    @Test
    void validate_aGoodChain_exits0AndVerifiesEveryFile_andWritesNothing(DynamoDbLocal dynamo) throws Exception {
        String table = DynamoDbLocal.uniqueTableName("cli-validate");
        dynamo.createTable(table, SCHEMA);

        CliProcess.Result run = CliProcess.run(dir, awsEnv(), command("validate", "--table", table,
                "--dynamodb-endpoint", dynamo.endpoint().toString(), "--report", dir.resolve("dry.json").toString()));

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.lastStderrLine()).isEqualTo("pitr: valid: 3 exports, 12 data files verified, every key matches table "
                + table + ", nothing was written");
        assertThat(run.stdoutText()).contains("DRY_RUN restore-" + chain.get(0).exportId())
                .contains("Write capacity the chain would consume: ");
        JsonNode report = JSON.readTree(dir.resolve("dry.json").toFile());
        assertThat(report.get("status").asText()).isEqualTo("DRY_RUN");
        assertThat(report.at("/totals/writeCapacityUnits").asLong())
                .isGreaterThanOrEqualTo(chain.stream().mapToLong(GeneratedExport::itemCount).sum());
        assertThat(dynamo.countItems(table)).isZero();
    }

    @Test
    void validate_againstATableWithAnotherKey_exits1NamingTheKey(DynamoDbLocal dynamo) throws Exception {
        String table = DynamoDbLocal.uniqueTableName("cli-otherkey");
        dynamo.createTable(table, KeySchema.of("id", KeySchema.ScalarType.S));

        CliProcess.Result run = CliProcess.run(dir, awsEnv(), command("validate", "--table", table,
                "--dynamodb-endpoint", dynamo.endpoint().toString()));

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.FAILURE);
        assertThat(run.lastStderrLine()).startsWith("pitr: failed: ").contains("does not match the table").contains("id");
    }

    @Test
    void plan_ordersTheChainByTime_andShowsTheWcuAndTheTimeAtMaxWcu() throws Exception {
        CliProcess.Result run = CliProcess.run(dir, Map.of(), command("plan", "--max-wcu", "100"));

        assertThat(run.exitCode()).as(run.toString()).isZero();
        long items = chain.stream().mapToLong(GeneratedExport::itemCount).sum();
        List<String> rows = run.stdout().stream().filter(l -> l.matches("  \\d .*")).toList();
        assertThat(rows).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertThat(rows.get(i)).startsWith("  " + (i + 1) + "   " + (i == 0 ? "FULL       " : "INCREMENTAL") + "  "
                    + chain.get(i).exportId());
        }
        assertThat(rows.get(1)).contains(chain.get(1).exportFromTime() + " .. " + chain.get(1).exportToTime());
        assertThat(run.stdoutText()).contains(String.format("at least %,d write capacity units", items))
                .contains("At --max-wcu 100: at least " + HumanDuration.format(Formats.timeAt(items, 100)));
        assertThat(run.lastStderrLine()).isEqualTo("pitr: plan: 3 exports form a chain to the state of "
                + chain.get(2).exportToTime() + ", nothing was written");
    }

    @Test
    void plan_exact_readsTheDataForTheExactWcu() throws Exception {
        CliProcess.Result run = CliProcess.run(dir, Map.of(), command("plan", "--exact"));

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.stdoutText()).containsPattern("exactly [0-9,]+ write capacity units \\(puts by item size")
                .contains("Add --max-wcu N");
    }

    @Test
    void plan_exactWithTheKey_showsWhatACompactedRestoreWrites() throws Exception {
        CliProcess.Result run = CliProcess.run(dir, Map.of(), command("plan", "--exact", "--key", "pk:S,sk:N",
                "--max-wcu", "1000"));

        assertThat(run.exitCode()).as(run.toString()).isZero();
        java.util.regex.Matcher chain = java.util.regex.Pattern.compile("exactly ([0-9,]+) write capacity units \\(puts")
                .matcher(run.stdoutText());
        java.util.regex.Matcher compacted = java.util.regex.Pattern.compile("Compacted \\(restore --compact\\): ([0-9,]+)"
                + " puts, 0 deletes, exactly ([0-9,]+) write capacity units").matcher(run.stdoutText());
        assertThat(chain.find()).as(run.toString()).isTrue();
        assertThat(compacted.find()).as(run.toString()).isTrue();
        long puts = Long.parseLong(compacted.group(1).replace(",", ""));
        assertThat(puts).isPositive();
        assertThat(Long.parseLong(compacted.group(2).replace(",", ""))).isGreaterThanOrEqualTo(puts)
                .isLessThan(Long.parseLong(chain.group(1).replace(",", "")));
    }

    @Test
    void policy_printsTheLeastPrivilegePolicyAsJson() throws Exception {
        CliProcess.Result run = CliProcess.run(dir, Map.of(), "policy", "--table", "orders", "--bucket", "my-exports",
                "--prefix", "prod/", "--checkpoint", "dynamodb://pitr-checkpoints", "--report", "s3://ops/pitr/report.json",
                "--region", "eu-west-1", "--account", "123456789012");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode policy = JSON.readTree(run.stdoutText());
        assertThat(policy.get("Version").asText()).isEqualTo("2012-10-17");
        List<String> resources = new ArrayList<>();
        policy.get("Statement").forEach(s -> s.get("Resource").forEach(r -> resources.add(r.asText())));
        assertThat(resources).containsExactly("arn:aws:s3:::my-exports/prod/AWSDynamoDB/*",
                "arn:aws:dynamodb:eu-west-1:123456789012:table/orders",
                "arn:aws:dynamodb:eu-west-1:123456789012:table/pitr-checkpoints",
                "arn:aws:s3:::ops/pitr/report.json");
        assertThat(run.stderr()).isEmpty();
    }

    @Test
    void badArguments_exit2_andTheLastLineSaysWhy() throws Exception {
        CliProcess.Result missing = CliProcess.run(dir, Map.of(), "restore", "--export", chain.get(0).exportDir().toString());
        assertThat(missing.exitCode()).as(missing.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(missing.lastStderrLine()).isEqualTo("pitr: bad arguments: Missing required option: '--table=TABLE'"
                + " (see pitr restore --help)");

        CliProcess.Result noFolder = CliProcess.run(dir, Map.of(), "validate", "--export", dir.resolve("nowhere").toString());
        assertThat(noFolder.exitCode()).as(noFolder.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(noFolder.lastStderrLine()).isEqualTo("pitr: bad arguments: --export " + dir.resolve("nowhere")
                + ": no such file or folder");
    }

    @Test
    void demo_restoresTheSampleIntoAnEmbeddedDynamoDbLocal_andVerifiesIt() throws Exception {
        CliProcess.Result run = CliProcess.run(dir, Map.of(), "demo");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.stdoutText()).contains("COMPLETED restore-").contains("The table holds exactly the ");
        assertThat(run.stdout().stream().filter(l -> l.startsWith("   {"))).hasSizeBetween(1, 5);
        assertThat(run.stderr()).anyMatch(l -> l.startsWith("pitr: export 3/3 applied: "));
        assertThat(run.lastStderrLine()).isEqualTo("pitr: demo passed: the restored table equals the expected state");
    }

    /** {@code name}, the chain's exports (newest first), then {@code more}. */
    private static String[] command(String name, String... more) {
        List<String> all = new ArrayList<>(List.of(name));
        all.addAll(exportArgs(chain));
        return args(all, more);
    }
}
