package dev.pitr.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pitr.model.KeySchema;
import dev.pitr.testing.Changes;
import dev.pitr.testing.ExportGenerator;
import dev.pitr.testing.GeneratedChain;
import dev.pitr.testing.dynamodb.DynamoDbLocal;
import dev.pitr.testing.dynamodb.DynamoDbLocalExtension;
import dev.pitr.testing.dynamodb.ExpectedTable;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jars the build makes, run as processes against DynamoDB Local: the runnable jar (killed
 * midway and run again), and the cluster jar on Spark's own jars alone, as spark-submit runs it.
 */
@ExtendWith(DynamoDbLocalExtension.class)
class RunnableJarIT {
    private static final KeySchema SCHEMA = KeySchema.of("pk", KeySchema.ScalarType.S, "sk", KeySchema.ScalarType.N);
    private static final Instant T0 = Instant.parse("2026-03-01T00:07:13Z");
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(3);

    @TempDir
    Path dir;

    private ExportGenerator generator(int filesPerExport, long seed) {
        return ExportGenerator.builder().bucketRoot(dir.resolve("bucket")).keySchema(SCHEMA)
                .filesPerExport(filesPerExport).seed(seed).build();
    }

    private static String emptyTable(DynamoDbLocal dynamo, String name) {
        String table = DynamoDbLocal.uniqueTableName(name);
        dynamo.createTable(table, SCHEMA);
        return table;
    }

    private GeneratedChain chain(ExportGenerator g, int items) {
        return g.chain(items, T0, Duration.ofMinutes(15), Changes.of(0, 0, 0, 0),
                Changes.of(items / 5, items / 10, items / 10, 0), Changes.of(items / 5, items / 10, items / 10, items / 20));
    }

    private static List<String> restoreArgs(String table, DynamoDbLocal dynamo, GeneratedChain chain, String... more) {
        List<String> args = new ArrayList<>(List.of("--master", "local[2]", "restore", "--table", table,
                "--dynamodb-endpoint", dynamo.endpoint().toString(), "--region", "us-east-1"));
        chain.exports().forEach(e -> args.addAll(List.of("--export", e.exportDir().toString())));
        args.addAll(Arrays.asList(more));
        return args;
    }

    @Test
    void appJar_killedMidway_andRunAgain_leavesTheTableExact(DynamoDbLocal dynamo) throws Exception {
        ExportGenerator g = generator(4, 51);
        GeneratedChain chain = chain(g, 8_000);
        String table = emptyTable(dynamo, "spark-kill");
        // A ceiling slow enough to stop the job while it writes: about 9 s of writes in all.
        List<String> args = restoreArgs(table, dynamo, chain, "--max-wcu", "1000", "--checkpoint",
                dir.resolve("checkpoints").toString());

        Process first = start(appJar(args), "first");
        long deadline = System.nanoTime() + RUN_TIMEOUT.toNanos();
        while (dynamo.countItems(table) < 1_000) {
            assertThat(first.isAlive()).as("the job is still writing (see first.err)").isTrue();
            assertThat(System.nanoTime()).as("some items written before the deadline").isLessThan(deadline);
            Thread.onSpinWait();
        }
        first.destroyForcibly(); // SIGKILL: no shutdown hook, no last word
        assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
        long written = dynamo.countItems(table);
        assertThat(written).as("killed midway").isLessThan(g.expectedState().size());

        Run second = run(appJar(args), "second");
        assertThat(second.exit).as(second.err).isZero();
        assertThat(second.out).contains("spark restore " + table + ":");
        assertThat(ExpectedTable.of(SCHEMA, g.expectedState()).differences(dynamo.syncClient(), table)).isEmpty();

        Run third = run(appJar(args), "third");
        assertThat(third.exit).as(third.err).isZero();
        assertThat(third.out).contains("complete already");
    }

    @Test
    void appJar_badArguments_andAChainThatCannotBeApplied_exit2_withNothingWritten(DynamoDbLocal dynamo)
            throws Exception {
        ExportGenerator g = generator(1, 52);
        GeneratedChain chain = chain(g, 100);
        String table = emptyTable(dynamo, "spark-bad");

        Run noTable = run(appJar(List.of("--master", "local[1]", "restore", "--export", "x")), "no-table");
        assertThat(noTable.exit).isEqualTo(2);
        assertThat(noTable.err).contains("--table");

        List<String> gap = new ArrayList<>(List.of("--master", "local[1]", "restore", "--table", table,
                "--dynamodb-endpoint", dynamo.endpoint().toString(), "--region", "us-east-1",
                "--export", chain.full().exportDir().toString(), "--export", chain.last().exportDir().toString()));
        Run refused = run(appJar(gap), "gap");
        assertThat(refused.exit).as(refused.err).isEqualTo(2);
        assertThat(refused.err).contains("gap");
        assertThat(dynamo.countItems(table)).isZero();
    }

    @Test
    void clusterJar_onSparksOwnJarsAlone_restoresExactly(DynamoDbLocal dynamo) throws Exception {
        ExportGenerator g = generator(2, 53);
        GeneratedChain chain = chain(g, 2_000);
        String table = emptyTable(dynamo, "spark-cluster");

        // spark-submit's class path: the cluster's jars (Spark's, here those of the runnable jar's
        // library less what only pitr brings), then the job's jar. Libraries both use (Netty, Jackson's
        // core, SLF4J) stay on Spark's side, as on a cluster, where the job's jar relocates its own.
        Set<String> ours = new HashSet<>();
        for (String entry : Files.readString(Path.of(System.getProperty("pitr.spark.runtime.classpath")))
                .trim().split(File.pathSeparator)) {
            String path = entry.replace('\\', '/');
            if (ONLY_PITRS.stream().anyMatch(path::contains) || Path.of(entry).getFileName().toString().startsWith("pitr-")) {
                ours.add(Path.of(entry).getFileName().toString());
            }
        }
        List<String> classpath = new ArrayList<>();
        classpath.add(System.getProperty("pitr.spark.cluster.jar"));
        try (Stream<Path> lib = Files.list(Path.of(System.getProperty("pitr.spark.lib")))) {
            lib.filter(p -> !ours.contains(p.getFileName().toString())).map(Path::toString).sorted().forEach(classpath::add);
        }
        assertThat(classpath).as("Spark's jars are there").anyMatch(p -> p.contains("spark-core_"));
        assertThat(classpath).as("and none of the job's").noneMatch(p -> p.contains("pitr-core"));
        List<String> command = new ArrayList<>(java());
        command.addAll(List.of(System.getProperty("pitr.spark.opens").split(" ")));
        command.addAll(List.of("-cp", String.join(File.pathSeparator, classpath), "dev.pitr.spark.PitrSparkMain"));
        command.addAll(restoreArgs(table, dynamo, chain));

        Run run = run(command, "cluster");
        assertThat(run.exit).as(run.err).isZero();
        assertThat(ExpectedTable.of(SCHEMA, g.expectedState()).differences(dynamo.syncClient(), table)).isEmpty();
    }

    /** Where in the local repository the libraries only pitr brings are (the AWS SDK and pitr's own choices). */
    private static final List<String> ONLY_PITRS = List.of("/software/amazon/", "/info/picocli/", "/com/amazon/ion/",
            "/com/github/luben/", "/io/micrometer/", "/org/rocksdb/", "/org/jspecify/", "/org/hdrhistogram/",
            "/org/latencyutils/", "/org/apache/httpcomponents/client5/", "/org/apache/httpcomponents/core5/");

    private record Run(int exit, String out, String err) {
    }

    private static List<String> java() {
        return new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx768m"));
    }

    private static List<String> appJar(List<String> args) {
        Path jar = Path.of(System.getProperty("pitr.spark.app.jar", "target/pitr-spark-app.jar"));
        List<String> command = java();
        command.addAll(List.of("-jar", jar.toString()));
        command.addAll(args);
        return command;
    }

    private Process start(List<String> command, String name) throws IOException {
        ProcessBuilder b = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(dir.resolve(name + ".out").toFile()).redirectError(dir.resolve(name + ".err").toFile());
        b.environment().put("AWS_ACCESS_KEY_ID", DynamoDbLocal.CREDENTIALS.accessKeyId());
        b.environment().put("AWS_SECRET_ACCESS_KEY", DynamoDbLocal.CREDENTIALS.secretAccessKey());
        b.environment().put("AWS_EC2_METADATA_DISABLED", "true");
        b.environment().put("AWS_CONFIG_FILE", dir.resolve("no-aws-config").toString());
        b.environment().put("AWS_SHARED_CREDENTIALS_FILE", dir.resolve("no-aws-credentials").toString());
        return b.start();
    }

    private Run run(List<String> command, String name) throws Exception {
        Process p = start(command, name);
        if (!p.waitFor(RUN_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(name + " did not end within " + RUN_TIMEOUT + ":\n"
                    + Files.readString(dir.resolve(name + ".err")));
        }
        return new Run(p.exitValue(), Files.readString(dir.resolve(name + ".out")), Files.readString(dir.resolve(name + ".err")));
    }
}
