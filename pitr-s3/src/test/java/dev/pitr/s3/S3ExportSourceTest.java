package dev.pitr.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pitr.ExportFileNotFoundException;
import dev.pitr.ExportKeyRefusedException;
import dev.pitr.PitrException;
import dev.pitr.manifest.DataFile;
import dev.pitr.manifest.ExportDescriptor;
import dev.pitr.manifest.ManifestReader;
import dev.pitr.s3.testing.FaultInterceptor;
import dev.pitr.s3.testing.Fixtures;
import dev.pitr.source.LocalExportSource;
import dev.pitr.testing.s3.S3ProxyExtension;
import dev.pitr.testing.s3.S3ProxyServer;
import dev.pitr.testing.s3.S3TestClients;
import dev.pitr.testing.s3.S3TestData;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/** The source against the real export samples in s3proxy, and its errors. */
@ExtendWith(S3ProxyExtension.class)
class S3ExportSourceTest {
    private static final String SCYLLA_EXPORT = "dynamodb-export/AWSDynamoDB/01715685260608-c488b4e1/";
    private static final String SABUAT_EXPORT = "AWSDynamoDB/01668227450456-b6733290/";

    private static S3ProxyServer server;
    private static S3AsyncClient client;
    private static String scylla;
    private static String sabuat;

    @BeforeAll
    static void upload(S3ProxyServer s3proxy) {
        server = s3proxy;
        client = S3TestClients.client(server.endpoint());
        S3TestData data = new S3TestData(client);
        scylla = data.newBucket("scylla");
        data.uploadFolder(scylla, Fixtures.dir("scylla-bucket"));
        sabuat = data.newBucket("sabuat");
        data.uploadFolder(sabuat, Fixtures.dir("sabuat-bucket"));
    }

    @AfterAll
    static void close() {
        client.close();
    }

    private static S3ExportSource source(S3AsyncClient c, String uri) {
        return S3ExportSource.builder().client(c).exportUri(uri).build();
    }

    @Test
    void manifest_readFromS3_equalsTheLocalCopy() {
        S3ExportSource s3 = source(client, "s3://" + scylla + "/" + SCYLLA_EXPORT);
        ExportDescriptor remote = ManifestReader.read(s3);
        ExportDescriptor local = ManifestReader.read(LocalExportSource.of(Fixtures.dir("scylla-bucket").resolve(SCYLLA_EXPORT)));

        assertThat(remote.summary()).isEqualTo(local.summary());
        assertThat(remote.dataFiles()).isEqualTo(local.dataFiles()).hasSize(1);
        assertThat(remote.location()).isEqualTo("s3://" + scylla + "/" + SCYLLA_EXPORT);
    }

    @Test
    void exportUri_ofTheSummaryFile_namesTheSameFolder() {
        S3ExportSource s3 = source(client, "s3://" + scylla + "/" + SCYLLA_EXPORT + "manifest-summary.json");
        assertThat(s3.location()).isEqualTo("s3://" + scylla + "/" + SCYLLA_EXPORT);
        assertThat(ManifestReader.read(s3).itemCount()).isEqualTo(3);
    }

    @Test
    void dataFile_readThroughOpen_hasTheFileBytes() throws IOException {
        S3ExportSource s3 = source(client, "s3://" + scylla + "/" + SCYLLA_EXPORT);
        DataFile file = ManifestReader.read(s3).dataFiles().get(0);
        byte[] expected = Files.readAllBytes(Fixtures.dir("scylla-bucket").resolve(file.key()));
        try (InputStream in = s3.open(file.key(), "Data file")) {
            assertThat(in.readAllBytes()).isEqualTo(expected);
        }
        assertThat(s3.nameOf(file.key())).isEqualTo("s3://" + scylla + "/" + file.key());
    }

    @Test
    void missingDataFile_throwsNotFound_namingItsS3Uri() {
        S3ExportSource s3 = source(client, "s3://" + sabuat + "/" + SABUAT_EXPORT);
        ExportDescriptor export = ManifestReader.read(s3);   // both .md5 sidecars are checked on the way
        DataFile file = export.dataFiles().get(0);

        assertThatThrownBy(() -> s3.open(file.key(), "Data file"))
                .isInstanceOf(ExportFileNotFoundException.class)
                .hasMessage("Data file missing: s3://" + sabuat + "/" + file.key())
                .satisfies(e -> assertThat(((ExportFileNotFoundException) e).file())
                        .isEqualTo("s3://" + sabuat + "/" + file.key()));
    }

    @Test
    void keyWithADotDotSegment_isRefused_beforeAnyRequest() {
        S3ExportSource s3 = source(client, "s3://" + scylla + "/" + SCYLLA_EXPORT);
        String key = SCYLLA_EXPORT + "../../../other-bucket/secret.json.gz";

        assertThatThrownBy(() -> s3.open(key, "Data file"))
                .isInstanceOf(ExportKeyRefusedException.class)
                .hasMessage("Refused key \"" + key + "\": it leaves the export root (it has a \"..\" segment)");
        assertThat(s3.stats().objectsOpened()).isZero();
    }

    @Test
    void openExportFile_missing_isEmpty_present_isRead() throws IOException {
        S3ExportSource s3 = source(client, "s3://" + scylla + "/" + SCYLLA_EXPORT);
        assertThat(s3.openExportFile("manifest-summary.md5")).isEmpty();
        Optional<InputStream> started = source(client, "s3://" + sabuat + "/" + SABUAT_EXPORT).openExportFile("_started");
        assertThat(started).isPresent();
        try (InputStream in = started.get()) {
            assertThat(in.read()).isEqualTo(-1);   // an empty object needs no GET
        }
    }

    @Test
    void missingBucket_failsOnce_namingTheBucketAndUri() {
        S3ExportSource s3 = source(client, "s3://no-such-bucket-pitr/" + SABUAT_EXPORT);
        assertThatThrownBy(() -> ManifestReader.read(s3))
                .isExactlyInstanceOf(PitrException.class)
                .hasMessageContaining("Bucket \"no-such-bucket-pitr\" does not exist")
                .hasMessageContaining("s3://no-such-bucket-pitr/" + SABUAT_EXPORT + "manifest-summary.json");
    }

    @Test
    void missingExport_throwsNotFound_forTheSummary() {
        S3ExportSource s3 = source(client, "s3://" + sabuat + "/AWSDynamoDB/01668227450456-00000000/");
        assertThatThrownBy(() -> ManifestReader.read(s3))
                .isInstanceOf(ExportFileNotFoundException.class)
                .hasMessageContaining("s3://" + sabuat + "/AWSDynamoDB/01668227450456-00000000/manifest-summary.json");
    }

    @Test
    void badCredentials_failWithAccessDenied_namingTheUri() {
        try (S3AsyncClient wrong = S3TestClients.builder(server.endpoint(), S3ProxyServer.ACCESS_KEY, "wrong-secret").build()) {
            S3ExportSource s3 = source(wrong, "s3://" + scylla + "/" + SCYLLA_EXPORT);
            assertThatThrownBy(() -> ManifestReader.read(s3))
                    .isExactlyInstanceOf(PitrException.class)
                    .hasMessageStartingWith("Access denied reading s3://" + scylla + "/" + SCYLLA_EXPORT + "manifest-summary.json")
                    .hasMessageContaining("HTTP 403")
                    .hasMessageContaining("credentials");
        }
    }

    @Test
    void wrongRegion_onHead_saysWhichRegionToUse() {
        FaultInterceptor redirect = FaultInterceptor.all().fail(100, 301, "PermanentRedirect", "x-amz-bucket-region", "eu-west-1");
        try (S3AsyncClient c = S3TestClients.client(server.endpoint(), redirect)) {
            S3ExportSource s3 = source(c, "s3://" + scylla + "/" + SCYLLA_EXPORT);
            assertThatThrownBy(() -> ManifestReader.read(s3))
                    .isExactlyInstanceOf(PitrException.class)
                    .hasMessageContaining("Bucket \"" + scylla + "\" is not in the S3 client's region us-east-1 but in eu-west-1")
                    .hasMessageContaining("s3://" + scylla + "/" + SCYLLA_EXPORT + "manifest-summary.json")
                    .hasMessageContaining("build the S3AsyncClient for the bucket's region");
        }
    }

    @Test
    void wrongRegion_onRangedGet_authorizationHeaderMalformed_saysRegion() {
        FaultInterceptor malformed = FaultInterceptor.rangedGets().fail(100, 400, "AuthorizationHeaderMalformed");
        try (S3AsyncClient c = S3TestClients.client(server.endpoint(), malformed)) {
            S3ExportSource s3 = source(c, "s3://" + scylla + "/" + SCYLLA_EXPORT);
            assertThatThrownBy(() -> ManifestReader.read(s3))
                    .isExactlyInstanceOf(PitrException.class)
                    .hasMessageContaining("is not in the S3 client's region us-east-1")
                    .hasMessageContaining("AuthorizationHeaderMalformed")
                    .hasMessageContaining("s3://" + scylla + "/" + SCYLLA_EXPORT + "manifest-summary.json");
            assertThat(malformed.faultsMade()).isEqualTo(1);   // final, not retried
        }
    }

    @Test
    void accessDenied_onRangedGet_isFinal_andNamesTheUri() {
        FaultInterceptor denied = FaultInterceptor.rangedGets().fail(100, 403, "AccessDenied");
        try (S3AsyncClient c = S3TestClients.client(server.endpoint(), denied)) {
            S3ExportSource s3 = source(c, "s3://" + scylla + "/" + SCYLLA_EXPORT);
            assertThatThrownBy(() -> ManifestReader.read(s3))
                    .hasMessageStartingWith("Access denied reading s3://" + scylla + "/" + SCYLLA_EXPORT)
                    .hasMessageContaining("HTTP 403 AccessDenied");
            assertThat(denied.faultsMade()).isEqualTo(1);
        }
    }
}
