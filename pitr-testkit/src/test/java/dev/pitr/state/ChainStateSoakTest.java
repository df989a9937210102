package dev.pitr.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pitr.model.KeySchema;
import dev.pitr.testing.Changes;
import dev.pitr.testing.ExportGenerator;
import dev.pitr.testing.GeneratedExport;
import dev.pitr.testing.ItemShape;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The state engine under a 256 MB heap: {@code -Dpitr.state.keys} keys (200,000 by default;
 * the {@code soak} profile asks for 10 million) in a FULL export and two windows of changes,
 * ingested and walked in a JVM of its own. Prints the figures RESULTS.md records.
 */
class ChainStateSoakTest {
    private static final long KEYS = Long.getLong("pitr.state.keys", 200_000);

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 90, unit = TimeUnit.MINUTES) // 10 million keys take longer than the suite's default
    void state_ofALargeChain_staysUnderA256MegabyteHeap() throws Exception {
        ExportGenerator g = ExportGenerator.builder().bucketRoot(dir.resolve("bucket")).prefix("soak")
                .keySchema(KeySchema.of("pk", KeySchema.ScalarType.S, "sk", KeySchema.ScalarType.N))
                .itemShape(ItemShape.SMALL).filesPerExport(8).trackState(false).seed(10).build();
        Instant t0 = Instant.parse("2026-06-01T00:00:00Z");
        List<GeneratedExport> exports = new ArrayList<>();
        exports.add(g.full((int) KEYS, t0));
        int changes = (int) (KEYS / 10);
        exports.add(g.incremental(t0, t0.plus(Duration.ofHours(1)), Changes.of(changes, changes / 5, changes / 5, 0)));
        exports.add(g.incremental(t0.plus(Duration.ofHours(1)), t0.plus(Duration.ofHours(2)),
                Changes.of(changes, changes / 5, changes / 5, changes / 10)));
        List<String> command = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), ChainStateSoakChild.class.getName(),
                dir.resolve("state").toString()));
        exports.forEach(e -> command.add(e.exportDir().toString()));

        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(60, TimeUnit.MINUTES)).isTrue();

        assertThat(child.exitValue()).as(out).isZero();
        Matcher m = Pattern.compile("RESULT records=(\\d+) keys=(\\d+) items=(\\d+) .*peakHeapMB=(\\d+) maxHeapMB=(\\d+).*")
                .matcher(out);
        assertThat(m.find()).as(out).isTrue();
        long chainBytes;
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(dir.resolve("bucket"))) {
            chainBytes = files.filter(java.nio.file.Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
        System.out.printf("%s chainCompressedMB=%.1f%n", m.group(), chainBytes / 1e6);
        long records = exports.stream().mapToLong(GeneratedExport::itemCount).sum();
        assertThat(Long.parseLong(m.group(1))).isEqualTo(records);
        assertThat(Long.parseLong(m.group(3))).as("live items").isEqualTo(g.liveItemCount());
        assertThat(Long.parseLong(m.group(2))).as("keys: live, and deleted ones").isGreaterThan(g.liveItemCount());
        assertThat(Long.parseLong(m.group(5))).isLessThanOrEqualTo(256);
        assertThat(Long.parseLong(m.group(4))).isLessThanOrEqualTo(256);
    }
}
