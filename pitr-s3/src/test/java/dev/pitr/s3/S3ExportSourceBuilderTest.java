package dev.pitr.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pitr.testing.s3.S3TestClients;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/** Builders check every value at once and cross-check in build(); no server needed. */
class S3ExportSourceBuilderTest {
    private static S3AsyncClient client;

    @BeforeAll
    static void client() {
        client = S3TestClients.client(URI.create("http://127.0.0.1:9"));
    }

    @AfterAll
    static void close() {
        client.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "s3://b/AWSDynamoDB/01715685260608-c488b4e1/",
        "s3://b/AWSDynamoDB/01715685260608-c488b4e1",
        "s3://b/AWSDynamoDB/01715685260608-c488b4e1/manifest-summary.json"})
    void exportUri_folderOrSummary_givesTheFolder(String uri) {
        S3ExportSource s = S3ExportSource.builder().client(client).exportUri(uri).build();
        assertThat(s.location()).isEqualTo("s3://b/AWSDynamoDB/01715685260608-c488b4e1/");
        assertThat(s.exportFolder()).isEqualTo(new S3Uri("b", "AWSDynamoDB/01715685260608-c488b4e1/"));
        assertThat(s.nameOfExportFile("manifest-files.md5"))
                .isEqualTo("s3://b/AWSDynamoDB/01715685260608-c488b4e1/manifest-files.md5");
        assertThat(s.nameOf("AWSDynamoDB/data/x.json.gz")).isEqualTo("s3://b/AWSDynamoDB/data/x.json.gz");
    }

    @Test
    void exportUri_withPrefix_keepsIt() {
        S3ExportSource s = S3ExportSource.builder().client(client)
                .exportUri("s3://b/p/q/AWSDynamoDB/01715685260608-c488b4e1/").build();
        assertThat(s.location()).isEqualTo("s3://b/p/q/AWSDynamoDB/01715685260608-c488b4e1/");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "s3://b/prefix/",
        "s3://b/AWSDynamoDB/",
        "s3://b/AWSDynamoDB/data/",
        "s3://b/x/AWSDynamoDB/id/extra",
        "s3://b/x//AWSDynamoDB/id/",
        "https://b/AWSDynamoDB/01715685260608-c488b4e1/",
        "b/AWSDynamoDB/01715685260608-c488b4e1/"})
    void exportUri_ofAnotherShape_isRejectedAtOnce_namingIt(String uri) {
        S3ExportSource.Builder b = S3ExportSource.builder();
        assertThatThrownBy(() -> b.exportUri(uri))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"" + uri + "\"");
    }

    @Test
    void setters_rejectBadValues_namingThem() {
        S3ExportSource.Builder b = S3ExportSource.builder();
        assertThatThrownBy(() -> b.client(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.exportUri(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.partSize(1000)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1000");
        assertThatThrownBy(() -> b.partSize(2L << 30)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.readAhead(0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(": 0");
        assertThatThrownBy(() -> b.readAhead(65)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.maxRetries(-1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
        assertThatThrownBy(() -> b.retryBackoff(Duration.ZERO, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT0S");
        assertThatThrownBy(() -> b.retryBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT1S");
        assertThatThrownBy(() -> b.executor(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.meterRegistry(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void build_withoutRequiredValues_orTooMuchBuffering_isIllegalState() {
        assertThatThrownBy(() -> S3ExportSource.builder().exportUri("s3://b/AWSDynamoDB/i/").build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("client");
        assertThatThrownBy(() -> S3ExportSource.builder().client(client).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("exportUri");
        assertThatThrownBy(() -> S3ExportSource.builder().client(client).exportUri("s3://b/AWSDynamoDB/i/")
                .partSize(1L << 30).readAhead(4).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("per stream");
    }

    @Test
    void exportFileNames_mustBePlainNames() {
        S3ExportSource s = S3ExportSource.builder().client(client).exportUri("s3://b/AWSDynamoDB/i/").build();
        assertThatThrownBy(() -> s.openExportFile("../x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("../x");
    }

    @Test
    void stagerBuilder_checksItsValues() {
        assertThatThrownBy(() -> S3ExportStager.builder().maxConcurrency(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(": 0");
        assertThatThrownBy(() -> S3ExportStager.builder().client(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> S3ExportStager.builder().build()).isInstanceOf(IllegalStateException.class);
        S3ExportStager stager = S3ExportStager.builder().client(client).build();
        assertThatThrownBy(() -> stager.stage("s3://b/AWSDynamoDB/i/", null)).isInstanceOf(IllegalArgumentException.class);
    }
}
