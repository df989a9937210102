package dev.pitr.examples;

import dev.pitr.PitrRestorer;
import dev.pitr.RestoreReport;
import dev.pitr.checkpoint.FileCheckpointStore;
import dev.pitr.dynamodb.DynamoDbItemSink;
import dev.pitr.dynamodb.DynamoDbTableReader;
import dev.pitr.verify.PitrVerifier;
import dev.pitr.verify.VerifyReport;
import dev.pitr.model.Item;
import dev.pitr.model.Key;
import dev.pitr.source.ExportSource;
import dev.pitr.testing.GeneratedExport;
import dev.pitr.testing.dynamodb.DynamoDbLocal;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.enhanced.dynamodb.document.EnhancedDocument;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;

/**
 * The quickstart: writes a small sample chain, restores it into DynamoDB Local running in this
 * JVM, shows the report and a few items, and checks the table against the expected state.
 */
@Command(name = "demo", sortOptions = false,
        mixinStandardHelpOptions = true, version = PitrCli.VERSION,
        header = "The quickstart: restore a sample chain into an embedded DynamoDB Local.",
        description = {"The quickstart: restores a sample chain (1 FULL + 2 INCREMENTAL exports of an 'orders' table,"
                + " written by pitr's export generator) into DynamoDB Local started inside this JVM, then checks"
                + " that the table equals the expected state. Needs nothing but Java 17."})
final class DemoCommand implements Callable<Integer> {
    /** Items shown after the restore: it is sample data, a handful is enough. */
    private static final int ITEMS_SHOWN = 3;

    @Spec
    CommandSpec spec;

    @Option(names = "--keep-exports", paramLabel = "DIR",
            description = "Write the sample exports into DIR (a new or empty folder standing for the bucket) and keep"
                    + " them, to try the other commands on.")
    Path keepExports;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (keepExports != null && Files.exists(keepExports) && !isEmptyFolder(keepExports)) {
            throw new UsageException("--keep-exports " + keepExports + ": not an empty folder");
        }
        Path work = Files.createTempDirectory("pitr-demo-");
        try {
            Path bucket = keepExports != null ? keepExports.toAbsolutePath() : work.resolve("bucket");
            out.println("pitr demo: restore a chain of DynamoDB exports into a table, then check the table.");
            out.println();
            out.println("1. The sample chain, written by pitr's export generator in the layout DynamoDB uses:");
            DemoSample.Written sample = DemoSample.write(bucket);
            for (GeneratedExport e : sample.chain().exports()) {
                out.printf("   %-11s %s  %-45s %,6d records  %s%n", e.isFull() ? "FULL" : "INCREMENTAL", e.exportId(),
                        e.isFull() ? "as of " + e.exportTime() : e.exportFromTime() + " .. " + e.exportToTime(),
                        e.itemCount(), bucket.relativize(e.exportDir()));
            }
            out.println();
            out.println("2. Starting DynamoDB Local inside this JVM (in memory, loopback only) ...");
            out.flush();
            try (DynamoDbLocal dynamo = DynamoDbLocal.start()) {
                DynamoDbAsyncClient client = dynamo.asyncClient();
                dynamo.createTable(DemoSample.TABLE, DemoSample.SCHEMA);
                out.printf("   %s: empty table '%s', key %s%n", dynamo.endpoint(), DemoSample.TABLE, DemoSample.SCHEMA);
                out.println();
                out.println("3. Restoring (the exports are given newest first: pitr orders the chain by time) ...");
                out.flush();
                RestoreReport report = restore(sample, client, work.resolve("checkpoints"), err);
                Formats.report(report, out);
                out.println();
                out.println("4. A few restored items (sample data):");
                for (var item : TableItems.first(client, DemoSample.TABLE, ITEMS_SHOWN)) {
                    out.println("   " + EnhancedDocument.fromAttributeValueMap(item).toJson());
                }
                out.println();
                out.println("5. Checking the table against the state the generator expects after the last export ...");
                Map<Key, Item> actual = TableItems.scan(client, DemoSample.TABLE, DemoSample.SCHEMA);
                Comparison comparison = Comparison.of(sample.expected(), actual);
                if (!comparison.equal()) {
                    out.println("   " + comparison.describe());
                    err.println("pitr: demo failed: the restored table differs from the expected state ("
                            + comparison.counts() + ")");
                    return ExitCode.FAILURE;
                }
                out.printf("   The table holds exactly the %,d items expected at %s.%n", actual.size(),
                        report.stateTime());
                out.println();
                out.println("6. The same proof as pitr verify gives it (the chain's state against a scan of the table):");
                VerifyReport verified = PitrVerifier.builder().exports(sources(sample))
                        .table(DynamoDbTableReader.builder().client(client).tableName(DemoSample.TABLE).build())
                        .stateDirectory(work.resolve("verify-state")).build().run();
                out.println("   " + verified.summary());
                if (!verified.equal()) {
                    err.println("pitr: demo failed: verify found the restored table differs from the chain's state");
                    return ExitCode.FAILURE;
                }
                if (keepExports != null) {
                    printNextSteps(sample, out);
                }
            }
            err.println("pitr: demo passed: the restored table equals the expected state");
            return ExitCode.OK;
        } finally {
            deleteQuietly(work);
        }
    }

    private static RestoreReport restore(DemoSample.Written sample, DynamoDbAsyncClient client, Path checkpoints,
                                         PrintWriter err) {
        try (DynamoDbItemSink sink = DynamoDbItemSink.builder().client(client).tableName(DemoSample.TABLE)
                .build()) {
            return PitrRestorer.builder()
                    .exports(sources(sample))
                    .sink(sink)
                    .checkpointStore(FileCheckpointStore.in(checkpoints))
                    .listener(new ProgressPrinter(err, "applied"))
                    .progressInterval(Duration.ofSeconds(1))
                    .build()
                    .run();
        }
    }

    /** The sample's exports, newest first: pitr orders the chain by time. */
    private static List<ExportSource> sources(DemoSample.Written sample) {
        List<ExportSource> sources = new ArrayList<>();
        for (GeneratedExport e : sample.chain().exports()) {
            sources.add(e.source());
        }
        Collections.reverse(sources);
        return sources;
    }

    private void printNextSteps(DemoSample.Written sample, PrintWriter out) {
        StringBuilder exports = new StringBuilder();
        for (GeneratedExport e : sample.chain().exports()) {
            exports.append(" \\\n      --export ").append(e.exportDir());
        }
        out.println();
        out.println("The sample exports are kept in " + keepExports.toAbsolutePath() + ". Try:");
        out.println("  java -jar examples/target/pitr-cli.jar plan" + exports);
        out.println("  java -jar examples/target/pitr-cli.jar validate" + exports);
        out.println("  java -jar examples/target/pitr-cli.jar verify --table TABLE --dynamodb-endpoint URL" + exports);
    }

    private static boolean isEmptyFolder(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // a temporary folder: the OS cleans it up eventually
        }
    }
}
