package dev.pitr.examples;

import dev.pitr.model.KeySchema;
import dev.pitr.testing.Changes;
import dev.pitr.testing.ExportGenerator;
import dev.pitr.testing.GeneratedExport;
import dev.pitr.testing.ItemShape;
import dev.pitr.testing.dynamodb.DynamoDbLocal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Generated chains and the environment the CLI runs in for the tests. */
final class TestChains {
    static final KeySchema SCHEMA = KeySchema.of("pk", KeySchema.ScalarType.S, "sk", KeySchema.ScalarType.N);
    static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
    static final Duration WINDOW = Duration.ofMinutes(15);
    static final String PREFIX = "exports/orders";

    private TestChains() {
    }

    /** A generator of small items under {@code root}, keeping the expected state. */
    static ExportGenerator generator(Path root, long seed) {
        return ExportGenerator.builder()
                .bucketRoot(root)
                .bucketName("pitr-it-exports")
                .prefix(PREFIX)
                .tableName("orders")
                .region("us-east-1")
                .keySchema(SCHEMA)
                .itemShape(ItemShape.SMALL)
                .filesPerExport(4)
                .seed(seed)
                .build();
    }

    /** A FULL export of {@code items} then one incremental export per {@code changes}. */
    static List<GeneratedExport> chain(ExportGenerator g, int items, Changes... changes) {
        return g.chain(items, T0, WINDOW, changes).exports();
    }

    /** {@code --export <dir>} for each export, newest first (the CLI orders them). */
    static List<String> exportArgs(List<GeneratedExport> exports) {
        List<String> args = new ArrayList<>();
        for (int i = exports.size() - 1; i >= 0; i--) {
            args.add("--export");
            args.add(exports.get(i).exportDir().toString());
        }
        return args;
    }

    /** Credentials both local servers take, and a region, for the child process. */
    static Map<String, String> awsEnv() {
        return Map.of("AWS_ACCESS_KEY_ID", DynamoDbLocal.CREDENTIALS.accessKeyId(),
                "AWS_SECRET_ACCESS_KEY", DynamoDbLocal.CREDENTIALS.secretAccessKey(),
                "AWS_REGION", "us-east-1");
    }

    /** {@code base} followed by {@code more}, as an array for the process. */
    static String[] args(List<String> base, String... more) {
        List<String> all = new ArrayList<>(base);
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }
}
