package dev.pitr.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pitr.testing.Changes;
import dev.pitr.testing.GeneratedExport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ExportUriTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"s3://bucket/AWSDynamoDB/01715685260608-c488b4e1/",
        "s3://bucket/AWSDynamoDB/01715685260608-c488b4e1",
        "s3://bucket/some/prefix/AWSDynamoDB/01715685260608-c488b4e1/manifest-summary.json",
        "S3://bucket/AWSDynamoDB/01715685260608-c488b4e1/"})
    void parse_s3ExportFolderOrSummary_isAnS3Export(String uri) {
        assertThat(ExportUri.parse(uri)).isEqualTo(new ExportUri.S3(uri));
    }

    @Test
    void parse_s3UriThatIsNotAnExportFolder_isAUsageErrorNamingTheShape() {
        assertThatThrownBy(() -> ExportUri.parse("s3://bucket/exports/"))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("s3://bucket/exports/")
                .hasMessageContaining("AWSDynamoDB/<exportId>/");
    }

    @Test
    void parse_localExportFolder_fileUriAndSummaryFile_areLocalExports() {
        GeneratedExport full = TestChains.chain(TestChains.generator(dir.resolve("bucket"), 1), 10).get(0);
        Path folder = full.exportDir();

        assertThat(ExportUri.parse(folder.toString())).isEqualTo(new ExportUri.Local(folder));
        assertThat(ExportUri.parse(folder.toUri().toString())).isEqualTo(new ExportUri.Local(folder));
        assertThat(ExportUri.parse(full.summaryFile().toString())).isEqualTo(new ExportUri.Local(full.summaryFile()));
        assertThat(ExportUri.parse(folder.toString()).open(null).location()).isEqualTo(folder.toString());
    }

    @Test
    void parse_missingFolder_isAUsageError() {
        Path missing = dir.resolve("missing");

        assertThatThrownBy(() -> ExportUri.parse(missing.toString()))
                .isInstanceOf(UsageException.class)
                .hasMessage("--export " + missing + ": no such file or folder");
    }

    @Test
    void parse_folderAboveTheExports_namesTheExportsItHolds() {
        List<GeneratedExport> chain = TestChains.chain(TestChains.generator(dir.resolve("bucket"), 2), 10,
                Changes.of(1, 1, 1, 0));
        Path exports = dir.resolve("bucket").resolve(TestChains.PREFIX);

        assertThatThrownBy(() -> ExportUri.parse(exports.toString()))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("no manifest-summary.json in this folder")
                .hasMessageContaining("AWSDynamoDB/" + chain.get(0).exportId())
                .hasMessageContaining("AWSDynamoDB/" + chain.get(1).exportId());
    }

    @Test
    void parse_fileThatIsNotASummary_isAUsageError() throws Exception {
        Path file = Files.writeString(dir.resolve("notes.txt"), "x");

        assertThatThrownBy(() -> ExportUri.parse(file.toString()))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("not an export folder nor its manifest-summary.json");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://example.com/AWSDynamoDB/x/", "gs://bucket/AWSDynamoDB/x/"})
    void parse_otherSchemes_areUsageErrors(String uri) {
        assertThatThrownBy(() -> ExportUri.parse(uri))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("is not supported");
    }

    @Test
    void parse_blank_isAUsageError() {
        assertThatThrownBy(() -> ExportUri.parse("  ")).isInstanceOf(UsageException.class).hasMessageContaining("empty");
    }
}
