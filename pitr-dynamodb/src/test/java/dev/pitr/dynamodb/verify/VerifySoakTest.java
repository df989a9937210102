package dev.pitr.dynamodb.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pitr.PitrRestorer;
import dev.pitr.checkpoint.InMemoryCheckpointStore;
import dev.pitr.dynamodb.DynamoDbItemSink;
import dev.pitr.model.KeySchema;
import dev.pitr.testing.ExportGenerator;
import dev.pitr.testing.GeneratedExport;
import dev.pitr.testing.ItemShape;
import dev.pitr.testing.dynamodb.DynamoDbLocal;
import dev.pitr.testing.dynamodb.DynamoDbLocalExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A verify of {@code -Dpitr.verify.items} items (20,000 by default; the {@code soak} profile asks
 * for 1 million) in DynamoDB Local, run in a JVM of its own under a 256 MB heap, beside a plain
 * scan of the same table in that JVM. Prints the figures RESULTS.md records.
 */
@ExtendWith(DynamoDbLocalExtension.class)
class VerifySoakTest {
    private static final long ITEMS = Long.getLong("pitr.verify.items", 20_000);
    private static final KeySchema SCHEMA = KeySchema.of("pk", KeySchema.ScalarType.S, "sk", KeySchema.ScalarType.N);

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 90, unit = TimeUnit.MINUTES) // a million items take longer than the suite's default
    void verify_ofALargeTable_staysUnderA256MegabyteHeap_andIsEqual(DynamoDbLocal dynamo) throws Exception {
        ExportGenerator g = ExportGenerator.builder().bucketRoot(dir.resolve("bucket")).prefix("soak")
                .keySchema(SCHEMA).itemShape(ItemShape.SMALL).filesPerExport(8).trackState(false).seed(16).build();
        GeneratedExport full = g.full((int) ITEMS, Instant.parse("2026-06-01T00:00:00Z"));
        String table = DynamoDbLocal.uniqueTableName("verify-soak");
        dynamo.createTable(table, SCHEMA);
        long loadStart = System.nanoTime();
        try (DynamoDbItemSink sink = DynamoDbItemSink.builder().client(dynamo.asyncClient()).tableName(table).build()) {
            PitrRestorer.builder().export(full.source()).sink(sink).checkpointStore(new InMemoryCheckpointStore())
                    .build().run();
        }
        double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
        List<String> command = List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), VerifySoakChild.class.getName(),
                dynamo.endpoint().toString(), table, dir.resolve("state").toString(), full.exportDir().toString());

        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(60, TimeUnit.MINUTES)).isTrue();

        assertThat(child.exitValue()).as(out).isZero();
        Matcher m = Pattern.compile("RESULT items=(\\d+) checked=(\\d+) equal=(\\w+) .*peakHeapMB=(\\d+) maxHeapMB=(\\d+).*")
                .matcher(out);
        assertThat(m.find()).as(out).isTrue();
        System.out.printf("%s loadSeconds=%.1f%n", m.group(), loadSeconds);
        assertThat(Long.parseLong(m.group(1))).isEqualTo(ITEMS);
        assertThat(Long.parseLong(m.group(2))).isEqualTo(ITEMS);
        assertThat(m.group(3)).isEqualTo("true");
        assertThat(Long.parseLong(m.group(5))).isLessThanOrEqualTo(256);
        assertThat(Long.parseLong(m.group(4))).isLessThanOrEqualTo(256);
    }
}
