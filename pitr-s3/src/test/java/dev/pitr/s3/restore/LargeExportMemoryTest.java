package dev.pitr.s3.restore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pitr.manifest.OutputFormat;
import dev.pitr.model.KeySchema;
import dev.pitr.testing.ExportGenerator;
import dev.pitr.testing.GeneratedExport;
import dev.pitr.testing.ItemShape;
import dev.pitr.testing.s3.S3ProxyExtension;
import dev.pitr.testing.s3.S3ProxyServer;
import dev.pitr.testing.s3.S3TestClients;
import dev.pitr.testing.s3.S3TestData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/**
 * A 1 GB (uncompressed) export in S3 restores in a JVM limited to 256 MB of heap. Slow (a few
 * minutes): runs with {@code -Psoak} ({@code -Dpitr.large=true}).
 */
@EnabledIfSystemProperty(named = "pitr.large", matches = "true")
@ExtendWith(S3ProxyExtension.class)
class LargeExportMemoryTest {
    private static final long GIB = 1L << 30;

    @TempDir
    Path dir;

    @Test
    void restore_oneGigabyteExport_withA256MegabyteHeap(S3ProxyServer s3proxy) throws IOException, InterruptedException {
        ExportGenerator g = ExportGenerator.builder().bucketRoot(dir.resolve("bucket")).prefix("large")
                .keySchema(KeySchema.of("pk", KeySchema.ScalarType.S, "sk", KeySchema.ScalarType.N))
                .format(OutputFormat.DYNAMODB_JSON).itemShape(ItemShape.MEDIUM).filesPerExport(8)
                .trackState(false).seed(1).build();
        GeneratedExport export = g.full(360_000, Instant.parse("2026-05-01T00:00:00Z"));
        assertThat(export.uncompressedBytes()).isGreaterThanOrEqualTo(GIB);
        S3AsyncClient s3 = S3TestClients.client(s3proxy.endpoint());
        S3TestData data = new S3TestData(s3);
        String bucket = data.newBucket("large");
        data.uploadFolder(bucket, dir.resolve("bucket"));
        String uri = "s3://" + bucket + "/" + export.bucketRoot().relativize(export.exportDir()) + "/";

        Process child = new ProcessBuilder(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), LargeRestoreChild.class.getName(),
                s3proxy.endpoint().toString(), uri)).redirectErrorStream(true).start();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(20, TimeUnit.MINUTES)).isTrue();

        assertThat(child.exitValue()).as(out).isZero();
        Matcher m = Pattern.compile("RESULT ops=(\\d+) uncompressed=(\\d+) .*peakHeapMB=(\\d+) maxHeapMB=(\\d+)").matcher(out);
        assertThat(m.find()).as(out).isTrue();
        System.out.println(m.group());
        assertThat(Long.parseLong(m.group(1))).isEqualTo(export.itemCount());
        assertThat(Long.parseLong(m.group(2))).isGreaterThanOrEqualTo(GIB);
        assertThat(Long.parseLong(m.group(4))).isLessThanOrEqualTo(256);
        assertThat(Long.parseLong(m.group(3))).isLessThanOrEqualTo(256);
        s3.close();
    }
}
