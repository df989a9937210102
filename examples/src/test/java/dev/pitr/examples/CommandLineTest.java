package dev.pitr.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pitr.testing.Changes;
import dev.pitr.testing.GeneratedExport;
import dev.pitr.write.FailurePolicy;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.ParseResult;

/** Argument parsing, exit codes and messages, in-process: nothing here needs a server. */
class CommandLineTest {
    @TempDir
    static Path shared;

    private static List<GeneratedExport> chain;

    @BeforeAll
    static void writeChain() {
        chain = TestChains.chain(TestChains.generator(shared.resolve("bucket"), 21), 120, Changes.of(10, 5, 5, 0),
                Changes.of(10, 5, 5, 2));
    }

    @Test
    void restore_everyOption_isParsedIntoTheCommand() {
        ParseResult parsed = PitrCli.commandLine(new PitrCli()).parseArgs("restore", "--table", "orders",
                "--export", "s3://b/AWSDynamoDB/01715685260608-c488b4e1/", "--export", "/tmp/x",
                "--region", "eu-west-1", "--dynamodb-endpoint", "http://127.0.0.1:8000", "--s3-endpoint", "https://s3.local:9000",
                "--checkpoint", "dynamodb://cp-table", "--restore-id", "nightly", "--report", "s3://ops/r.json",
                "--max-wcu", "1500", "--workers", "8", "--on-error", "SKIP", "--dead-letter", "skipped.jsonl", "--dry-run",
                "--until", "2026-01-14T10:30:00Z", "--allow-overlap", "--take-over", "--checkpoint-interval", "5s",
                "--progress-interval", "1m");

        RestoreCommand restore = (RestoreCommand) parsed.subcommand().commandSpec().userObject();
        assertThat(restore.table).isEqualTo("orders");
        assertThat(restore.chain.exports).containsExactly("s3://b/AWSDynamoDB/01715685260608-c488b4e1/", "/tmp/x");
        assertThat(restore.chain.until).isEqualTo(Instant.parse("2026-01-14T10:30:00Z"));
        assertThat(restore.chain.allowOverlap).isTrue();
        assertThat(restore.chain.workers).isEqualTo(8);
        assertThat(restore.aws.region()).isEqualTo("eu-west-1");
        assertThat(restore.aws.dynamoDbEndpoint()).hasToString("http://127.0.0.1:8000");
        assertThat(restore.aws.s3Endpoint()).hasToString("https://s3.local:9000");
        assertThat(restore.checkpoint).isEqualTo("dynamodb://cp-table");
        assertThat(restore.restoreId).isEqualTo("nightly");
        assertThat(restore.run.report).isEqualTo("s3://ops/r.json");
        assertThat(restore.write.maxWcu).isEqualTo(1500.0);
        assertThat(restore.write.onError).isEqualTo(FailurePolicy.SKIP);
        assertThat(restore.write.deadLetter).isEqualTo(Path.of("skipped.jsonl"));
        assertThat(restore.dryRun).isTrue();
        assertThat(restore.takeOver).isTrue();
        assertThat(restore.checkpointInterval).isEqualTo(Duration.ofSeconds(5));
        assertThat(restore.run.progressInterval).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void restore_defaults() {
        ParseResult parsed = PitrCli.commandLine(new PitrCli()).parseArgs("restore", "--table", "t1x", "--export", "e");

        RestoreCommand restore = (RestoreCommand) parsed.subcommand().commandSpec().userObject();
        assertThat(restore.checkpoint).isEqualTo("pitr-checkpoints");
        assertThat(restore.write.onError).isEqualTo(FailurePolicy.FAIL);
        assertThat(restore.chain.workers).isEqualTo(4);
        assertThat(restore.write.maxWcu).isNull();
        assertThat(restore.dryRun).isFalse();
        assertThat(restore.checkpointInterval).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void help_onACommand_exits0WithoutItsRequiredOptions() {
        for (String command : List.of("restore", "validate", "plan", "policy", "demo", "completion")) {
            Run run = run(command, "--help");

            assertThat(run.code).as(command).isEqualTo(ExitCode.OK);
            assertThat(run.out).as(command).contains("Usage: pitr " + command);
        }
    }

    @Test
    void noCommand_exits2() {
        Run run = run();

        assertThat(run.code).isEqualTo(ExitCode.USAGE);
        assertThat(run.lastErrLine()).isEqualTo("pitr: bad arguments: name a command: restore, verify, revert, validate,"
                + " plan, compact, policy, demo or completion (see pitr --help)");
    }

    @Test
    void completion_printsABashScript_completingEveryCommandAndItsOptions() {
        Run run = run("completion");

        assertThat(run.code).as(run.err).isEqualTo(ExitCode.OK);
        assertThat(run.out).contains("complete -F _complete_pitr -o default pitr")
                .contains("local commands=\"restore verify revert validate plan compact policy demo completion help\"")
                .contains("--max-wcu").contains("--keep-exports");
        assertThat(run.err).isEmpty();
    }

    @Test
    void unknownOption_exits2_namingIt() {
        Run run = run("plan", "--export", "x", "--colour");

        assertThat(run.code).isEqualTo(ExitCode.USAGE);
        assertThat(run.lastErrLine()).startsWith("pitr: bad arguments: Unknown option: '--colour'")
                .endsWith("(see pitr plan --help)");
    }

    @Test
    void badValues_exit2_namingTheOptionAndTheValue() {
        assertThat(run("restore", "--table", "t1x", "--export", "x", "--until", "tomorrow").lastErrLine())
                .startsWith("pitr: bad arguments: Invalid value for option '--until': 'tomorrow' is not a time with a zone");
        assertThat(run("restore", "--table", "t1x", "--export", "x", "--on-error", "retry").lastErrLine())
                .contains("--on-error").contains("retry");
        assertThat(run("restore", "--table", "t1x", "--export", "x", "--dynamodb-endpoint", "localhost:8000").lastErrLine())
                .contains("'localhost:8000' is not an http:// or https:// URL");
        assertThat(run("restore", "--table", "t1x", "--export", "x", "--max-wcu", "lots").code).isEqualTo(ExitCode.USAGE);
    }

    @Test
    void deadLetterWithoutSkip_exits2() {
        Run run = run(exportsThen("restore", "--table", "orders", "--dead-letter", shared.resolve("d.jsonl").toString()));

        assertThat(run.code).isEqualTo(ExitCode.USAGE);
        assertThat(run.lastErrLine()).startsWith("pitr: bad arguments: --dead-letter needs --on-error skip");
    }

    @Test
    void builderRefusals_exit2_withTheBuildersMessage() {
        assertThat(run(exportsThen("validate", "--workers", "0")).lastErrLine())
                .isEqualTo("pitr: bad arguments: readerThreads must be in [1, 256], got 0");
        Run wcu = run(exportsThen("restore", "--table", "orders", "--max-wcu", "0", "--region", "us-east-1"));
        assertThat(wcu.code).isEqualTo(ExitCode.USAGE);
        assertThat(wcu.lastErrLine()).startsWith("pitr: bad arguments: maxWriteCapacityUnitsPerSecond must be a positive");
        assertThat(run(exportsThen("restore", "--table", "x", "--region", "us-east-1")).lastErrLine())
                .startsWith("pitr: bad arguments: tableName is not a DynamoDB table name or table ARN: \"x\"");
        assertThat(run(exportsThen("restore", "--table", "orders", "--restore-id", "a b", "--region", "us-east-1")).code)
                .isEqualTo(ExitCode.USAGE);
    }

    @Test
    void validate_localChainWithoutTable_exits0_andReportsEveryExport() {
        Run run = run(exportsThen("validate"));

        assertThat(run.code).as(run.err).isEqualTo(ExitCode.OK);
        assertThat(run.out).contains("DRY_RUN restore-" + chain.get(0).exportId()).contains("1. FULL")
                .contains("3. INCREMENTAL");
        assertThat(run.lastErrLine()).isEqualTo("pitr: valid: 3 exports, 12 data files verified, nothing was written");
    }

    @Test
    void validate_gapInTheChain_exits2() {
        Run run = run("validate", "--export", chain.get(2).exportDir().toString(), "--export",
                chain.get(0).exportDir().toString());

        assertThat(run.code).isEqualTo(ExitCode.USAGE);
        assertThat(run.lastErrLine()).startsWith("pitr: the exports do not form a chain, nothing was written:")
                .contains("Gap in the chain");
    }

    @Test
    void plan_until_stopsAtThatExport() {
        Run run = run(exportsThen("plan", "--until", chain.get(1).exportToTime().toString()));

        assertThat(run.code).as(run.err).isEqualTo(ExitCode.OK);
        assertThat(run.out).contains(chain.get(1).exportId()).doesNotContain(chain.get(2).exportId());
        assertThat(run.lastErrLine()).isEqualTo("pitr: plan: 2 exports form a chain to the state of "
                + chain.get(1).exportToTime() + ", nothing was written");
    }

    @Test
    void plan_untilBetweenExports_exits2() {
        Run run = run(exportsThen("plan", "--until", chain.get(1).exportToTime().minusSeconds(1).toString()));

        assertThat(run.code).isEqualTo(ExitCode.USAGE);
        assertThat(run.lastErrLine()).startsWith("pitr: the exports do not form a chain");
    }

    @Test
    void policy_badAccount_exits2() {
        Run run = run("policy", "--table", "orders", "--bucket", "b-1", "--account", "12");

        assertThat(run.code).isEqualTo(ExitCode.USAGE);
        assertThat(run.lastErrLine()).isEqualTo("pitr: bad arguments: --account \"12\" is not a 12-digit AWS account id");
    }

    @Test
    void verbose_afterTheSubcommand_turnsPitrsInfoLogsOn() {
        ch.qos.logback.classic.Logger pitr = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger("dev.pitr");
        try {
            Run run = run(exportsThen("validate", "-v"));

            assertThat(run.code).as(run.err).isEqualTo(ExitCode.OK);
            assertThat(pitr.getLevel()).isEqualTo(ch.qos.logback.classic.Level.INFO);
        } finally {
            pitr.setLevel(null);
        }
    }

    private static String[] exportsThen(String command, String... more) {
        List<String> args = new ArrayList<>(List.of(command));
        for (GeneratedExport e : chain) {
            args.add("--export");
            args.add(e.exportDir().toString());
        }
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = PitrCli.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(code, out.toString(), err.toString());
    }

    private record Run(int code, String out, String err) {
        String lastErrLine() {
            String[] lines = err.strip().split("\n");
            return lines[lines.length - 1];
        }
    }
}
