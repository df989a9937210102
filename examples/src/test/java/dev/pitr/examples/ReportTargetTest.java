package dev.pitr.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pitr.s3.S3Uri;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTargetTest {
    @TempDir
    Path dir;

    @Test
    void parse_s3Object_isAnS3Target() {
        assertThat(ReportTarget.parse("s3://ops/pitr/report.json"))
                .isEqualTo(new ReportTarget.S3Object(new S3Uri("ops", "pitr/report.json")));
    }

    @Test
    void parse_s3Folder_isAUsageErrorSuggestingAnObject() {
        assertThatThrownBy(() -> ReportTarget.parse("s3://ops/pitr/"))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("s3://ops/pitr/report.json");
        assertThatThrownBy(() -> ReportTarget.parse("s3://ops")).isInstanceOf(UsageException.class);
    }

    @Test
    void parse_existingFolder_isAUsageError() {
        assertThatThrownBy(() -> ReportTarget.parse(dir.toString()))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("is a folder");
    }

    @Test
    void write_localFile_createsItsFolderAndReplacesTheFile() throws Exception {
        Path file = dir.resolve("reports/nested/run.json");
        ReportTarget target = ReportTarget.parse(file.toUri().toString());

        target.write("{\"a\":1}".getBytes(StandardCharsets.UTF_8), null);
        target.write("{\"a\":2}".getBytes(StandardCharsets.UTF_8), null);

        assertThat(file).hasContent("{\"a\":2}");
        assertThat(Files.list(file.getParent())).containsExactly(file);
    }
}
