package dev.pitr.testing;

import dev.pitr.manifest.OutputFormat;
import dev.pitr.model.KeySchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * Writes a small sample chain (one FULL export and three 15-minute incremental exports of an
 * {@code orders} table under the prefix {@code exports}) into a folder, for examples and
 * quickstarts.
 *
 * <pre>
 * java -cp pitr-testkit.jar:pitr-core.jar:... dev.pitr.testing.SampleExports /tmp/bucket [DYNAMODB_JSON|ION]
 * </pre>
 */
public final class SampleExports {
    /** The sample FULL export's {@code exportTime}. */
    public static final Instant FULL_EXPORT_TIME = Instant.parse("2026-01-14T10:00:00Z");
    /** Length of each incremental window. */
    public static final Duration WINDOW = Duration.ofMinutes(15);
    /** The prefix the sample lives under. */
    public static final String PREFIX = "exports";

    private SampleExports() {
    }

    /** Writes the sample chain in DynamoDB JSON into {@code bucketRoot}. */
    public static GeneratedChain writeSampleChain(Path bucketRoot) {
        return writeSampleChain(bucketRoot, OutputFormat.DYNAMODB_JSON);
    }

    /**
     * Writes the sample chain into {@code bucketRoot}: 200 MEDIUM items keyed by
     * {@code customer} (S) and {@code orderId} (N), then incrementals with updates, deletes,
     * inserts and re-inserts.
     */
    public static GeneratedChain writeSampleChain(Path bucketRoot, OutputFormat format) {
        ExportGenerator generator = ExportGenerator.builder()
                .bucketRoot(bucketRoot)
                .bucketName("pitr-sample-exports")
                .prefix(PREFIX)
                .tableName("orders")
                .keySchema(KeySchema.of("customer", KeySchema.ScalarType.S, "orderId", KeySchema.ScalarType.N))
                .itemShape(ItemShape.MEDIUM)
                .format(format)
                .filesPerExport(4)
                .emptyFileFraction(0.5)
                .seed(20260114L)
                .trackState(false)
                .build();
        return generator.chain(200, FULL_EXPORT_TIME, WINDOW,
                Changes.of(40, 10, 25, 0),
                Changes.of(30, 15, 10, 5),
                Changes.of(20, 5, 5, 8));
    }

    /**
     * Writes the sample chain into the folder {@code args[0]} (created if missing), in the
     * format {@code args[1]} (DYNAMODB_JSON by default), and prints the exports' folders.
     */
    public static void main(String[] args) throws Exception {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: SampleExports <bucket-root-folder> [DYNAMODB_JSON|ION]");
            System.exit(2);
        }
        Path root = Path.of(args[0]);
        Files.createDirectories(root);
        OutputFormat format = args.length > 1 ? OutputFormat.valueOf(args[1]) : OutputFormat.DYNAMODB_JSON;
        GeneratedChain chain = writeSampleChain(root, format);
        for (GeneratedExport e : chain.exports()) {
            System.out.println(e.type() + " " + e.exportDir() + " (" + e.itemCount() + " lines)");
        }
    }
}
