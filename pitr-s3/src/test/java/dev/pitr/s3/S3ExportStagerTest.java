package dev.pitr.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pitr.ExportFileNotFoundException;
import dev.pitr.ExportIntegrityException;
import dev.pitr.ExportKeyRefusedException;
import dev.pitr.MalformedExportException;
import dev.pitr.manifest.DataFile;
import dev.pitr.manifest.ExportDescriptor;
import dev.pitr.manifest.ManifestReader;
import dev.pitr.s3.testing.FaultInterceptor;
import dev.pitr.s3.testing.Fixtures;
import dev.pitr.s3.testing.TestExports;
import dev.pitr.source.ExportSource;
import dev.pitr.source.LocalExportSource;
import dev.pitr.testing.s3.S3ProxyExtension;
import dev.pitr.testing.s3.S3ProxyServer;
import dev.pitr.testing.s3.S3TestClients;
import dev.pitr.testing.s3.S3TestData;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/** Staging exports from s3proxy to a local folder with the transfer manager. */
@ExtendWith(S3ProxyExtension.class)
class S3ExportStagerTest {
    private static final int MIB = 1 << 20;
    private static final String FULL_ID = "01715685260608-aaaaaaaa";
    private static final String INC_1 = "01715686160608-bbbbbbbb";
    private static final String INC_2 = "01715687060608-cccccccc";

    private static S3ProxyServer s3proxy;
    private static S3AsyncClient client;
    /** Java-based multipart client: the transfer manager would GET by part number without the explicit range. */
    private static S3AsyncClient multipartClient;
    private static S3TestData data;
    private static String scylla;
    private static String sabuat;
    private static String generated;
    private static Path generatedRoot;
    private static final AtomicInteger CRAFTED = new AtomicInteger();

    @TempDir
    static Path work;

    @BeforeAll
    static void upload(S3ProxyServer server) {
        s3proxy = server;
        client = S3TestClients.client(server.endpoint());
        multipartClient = S3TestClients.builder(server.endpoint(), S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY)
                .multipartEnabled(true).build();
        data = new S3TestData(client);
        scylla = data.newBucket("stage-scylla");
        data.uploadFolder(scylla, Fixtures.dir("scylla-bucket"));
        sabuat = data.newBucket("stage-sabuat");
        data.uploadFolder(sabuat, Fixtures.dir("sabuat-bucket"));

        generatedRoot = work.resolve("generated");
        TestExports.write(generatedRoot, new TestExports.Spec("exports/daily", FULL_ID, false,
                new int[] {2000, 0, 50, 1, 30}, 3000, 1));
        TestExports.write(generatedRoot, new TestExports.Spec("exports/daily", INC_1, true, new int[] {20, 0, 7}, 200, 2));
        TestExports.write(generatedRoot, new TestExports.Spec("exports/daily", INC_2, true, new int[] {5, 9}, 200, 3));
        generated = data.newBucket("stage-gen");
        data.uploadFolder(generated, generatedRoot, 5 * MIB, 5 * MIB);
    }

    @AfterAll
    static void close() {
        client.close();
        multipartClient.close();
    }

    private static S3ExportStager stager(S3AsyncClient c) {
        return S3ExportStager.builder().client(c).maxConcurrency(4).build();
    }

    /** Same summary and files as {@code expected}, and every data file with the same bytes. */
    private static void assertSameExport(ExportSource actual, ExportSource expected) throws IOException {
        ExportDescriptor a = ManifestReader.read(actual);
        ExportDescriptor e = ManifestReader.read(expected);
        assertThat(a.summary()).isEqualTo(e.summary());
        assertThat(a.dataFiles()).isEqualTo(e.dataFiles());
        for (DataFile f : e.dataFiles()) {
            try (InputStream x = actual.open(f.key(), "Data file"); InputStream y = expected.open(f.key(), "Data file")) {
                assertThat(x.readAllBytes()).as(f.key()).isEqualTo(y.readAllBytes());
            }
        }
    }

    @Test
    void fixture_stagedFolder_readsLikeS3AndLikeTheOriginal() throws IOException {
        String uri = "s3://" + scylla + "/dynamodb-export/AWSDynamoDB/01715685260608-c488b4e1/";
        Path target = work.resolve("scylla");
        StagedExport staged = stager(client).stage(uri, target);

        assertThat(staged.exportDir()).isEqualTo(target.toAbsolutePath().resolve("dynamodb-export/AWSDynamoDB/01715685260608-c488b4e1"));
        assertThat(staged.filesDownloaded()).isEqualTo(3);   // summary, files manifest, one data file; no sidecars there
        assertThat(staged.filesSkipped()).isZero();
        LocalExportSource local = staged.source();
        assertSameExport(local, S3ExportSource.builder().client(client).exportUri(uri).build());
        assertSameExport(local, LocalExportSource.of(Fixtures.dir("scylla-bucket").resolve("dynamodb-export/AWSDynamoDB/01715685260608-c488b4e1")));
        try (Stream<Path> files = Files.walk(target)) {
            assertThat(files.filter(p -> p.toString().endsWith(".pitr-staging"))).isEmpty();
        }
    }

    @Test
    void fixtureWithoutDataFile_failsNamingTheDataFilesS3Uri() {
        String uri = "s3://" + sabuat + "/AWSDynamoDB/01668227450456-b6733290/";
        assertThatThrownBy(() -> stager(client).stage(uri, work.resolve("sabuat")))
                .isInstanceOf(ExportFileNotFoundException.class)
                .hasMessageStartingWith("Data file missing: s3://" + sabuat + "/AWSDynamoDB/01668227450456-b6733290/data/");
    }

    @Test
    void generatedFullExport_withMultipartDataFile_stagesThroughAMultipartClient() throws IOException {
        String uri = "s3://" + generated + "/exports/daily/AWSDynamoDB/" + FULL_ID + "/";
        Path target = work.resolve("full");
        StagedExport staged = stager(multipartClient).stage(uri, target);

        Path original = generatedRoot.resolve("exports/daily/AWSDynamoDB/" + FULL_ID);
        assertThat(Files.size(firstDataFile(original))).isGreaterThan(5L * MIB);   // it went up in two parts
        assertThat(staged.filesDownloaded()).isEqualTo(4 + 5);   // summary, files manifest, two .md5, five data files
        assertSameExport(staged.source(), LocalExportSource.of(original));
        assertSameExport(staged.source(), S3ExportSource.builder().client(client).exportUri(uri).build());
        assertThat(staged.exportDir().resolve("manifest-files.md5")).hasSameBinaryContentAs(original.resolve("manifest-files.md5"));
    }

    @Test
    void incrementalExport_stagesOnlyItsOwnFilesOfTheSharedDataFolder() throws IOException {
        String uri = "s3://" + generated + "/exports/daily/AWSDynamoDB/" + INC_1 + "/manifest-summary.json";
        Path target = work.resolve("incremental");
        StagedExport staged = stager(client).stage(uri, target);

        ExportDescriptor mine = ManifestReader.read(staged.source());
        try (Stream<Path> files = Files.list(target.resolve("exports/daily/AWSDynamoDB/data"))) {
            List<String> stagedKeys = files.map(p -> "exports/daily/AWSDynamoDB/data/" + p.getFileName()).sorted().toList();
            assertThat(stagedKeys).containsExactlyInAnyOrderElementsOf(mine.dataFiles().stream().map(DataFile::key).toList());
        }
        assertThat(Files.exists(target.resolve("exports/daily/AWSDynamoDB/" + INC_2))).isFalse();
        assertSameExport(staged.source(), LocalExportSource.of(generatedRoot.resolve("exports/daily/AWSDynamoDB/" + INC_1)));
    }

    @Test
    void staging_neverListsTheBucket() {
        FaultInterceptor listings = new FaultInterceptor(r -> r.method() == SdkHttpMethod.GET
                && !r.encodedPath().substring(1).contains("/"));   // path-style: GET /bucket?list-type=2
        FaultInterceptor all = FaultInterceptor.all();
        try (S3AsyncClient watched = S3TestClients.client(s3proxy.endpoint(), listings, all)) {
            StagedExport staged = stager(watched).stage(
                    "s3://" + generated + "/exports/daily/AWSDynamoDB/" + INC_1 + "/", work.resolve("unlisted"));
            assertThat(staged.filesDownloaded()).isEqualTo(4 + 3);
            assertThat(all.attempts()).isGreaterThan(0);
            assertThat(listings.attempts()).isZero();
        }
    }

    @Test
    void stagingAgain_skipsGoodFiles_andReplacesACorruptedOne() throws IOException {
        String uri = "s3://" + generated + "/exports/daily/AWSDynamoDB/" + INC_2 + "/";
        Path target = work.resolve("again");
        StagedExport first = stager(client).stage(uri, target);
        assertThat(first.filesSkipped()).isZero();

        Path damaged = target.resolve(ManifestReader.read(first.source()).dataFiles().get(1).key());
        Files.write(damaged, new byte[] {1, 2, 3});
        StagedExport second = stager(client).stage(uri, target);

        assertThat(second.filesSkipped()).isEqualTo(1);
        assertThat(second.filesDownloaded()).isEqualTo(first.filesDownloaded() - 1);
        assertSameExport(second.source(), LocalExportSource.of(generatedRoot.resolve("exports/daily/AWSDynamoDB/" + INC_2)));
    }

    @Test
    void dataFileNotMatchingTheManifestMd5_failsNamingItsS3Uri_andLeavesNoFile() throws IOException {
        String bucket = data.newBucket("stage-bad");
        Path root = work.resolve("bad-source");
        Path exportDir = TestExports.write(root, new TestExports.Spec(null, "01715685260608-dddddddd", false, new int[] {3}, 10, 9));
        data.uploadFolder(bucket, root);
        String key = ManifestReader.read(LocalExportSource.of(exportDir)).dataFiles().get(0).key();
        data.put(bucket, key, new byte[] {31, -117, 8, 0});

        Path target = work.resolve("bad");
        assertThatThrownBy(() -> stager(client).stage("s3://" + bucket + "/AWSDynamoDB/01715685260608-dddddddd", target))
                .isInstanceOf(ExportIntegrityException.class)
                .hasMessageStartingWith("Integrity check failed for s3://" + bucket + "/" + key + ": MD5 of the downloaded bytes is");
        assertThat(target.resolve(key)).doesNotExist();
        assertThat(target.resolve(key + ".pitr-staging")).doesNotExist();
    }

    @Test
    void notAnExportUri_isRejectedAtOnce_namingIt() {
        assertThatThrownBy(() -> stager(client).stage("s3://" + generated + "/exports/daily/", work))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("s3://" + generated + "/exports/daily/");
    }

    /**
     * Uploads a three-file export to a new bucket after {@code edit} changed its local copy (the
     * export folder is passed); the manifests' .md5 sidecars are dropped. Returns the bucket.
     */
    private static String uploadEdited(String exportId, FolderEdit edit) throws IOException {
        Path root = work.resolve("crafted-" + CRAFTED.incrementAndGet());
        Path exportDir = TestExports.write(root, new TestExports.Spec(null, exportId, false, new int[] {3, 4, 5}, 10, 11));
        Files.delete(exportDir.resolve("manifest-files.md5"));
        Files.delete(exportDir.resolve("manifest-summary.md5"));
        edit.apply(exportDir);
        String bucket = data.newBucket("stage-key");
        data.uploadFolder(bucket, root);
        return bucket;
    }

    @FunctionalInterface
    private interface FolderEdit {
        void apply(Path exportDir) throws IOException;
    }

    /** Replaces {@code from} with {@code to} in {@code file}, checking {@code from} is there. */
    private static void replace(Path file, String from, String to) throws IOException {
        String text = Files.readString(file);
        assertThat(text).contains(from);
        Files.writeString(file, text.replace(from, to));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/ID/data/slash.json.gz", "ID/data/../../../../escape.json.gz",
        "ID/data/../data/inside.json.gz", "ID/data/nul\0.json.gz"})
    void dataFileKeyThatCannotBeStaged_isMalformed_namingManifestLineAndKey_andNothingIsDownloaded(String shape)
            throws IOException {
        String id = "01715685260608-eeeeeeee";
        String key = shape.replace("ID", "AWSDynamoDB/" + id);
        String bucket = uploadEdited(id, dir -> {
            Path files = dir.resolve("manifest-files.json");
            String line2 = Files.readAllLines(files).get(1);
            String good = line2.substring(line2.indexOf("\"dataFileS3Key\":\""), line2.lastIndexOf('"') + 1);
            replace(files, good, "\"dataFileS3Key\":\"" + key.replace("\0", "\\u0000") + "\"");
        });
        Path target = work.resolve("bad-key-" + CRAFTED.get());

        assertThatThrownBy(() -> stager(client).stage("s3://" + bucket + "/AWSDynamoDB/" + id + "/", target))
                .isInstanceOfSatisfying(MalformedExportException.class, e -> {
                    assertThat(e.file()).isEqualTo("s3://" + bucket + "/AWSDynamoDB/" + id + "/manifest-files.json");
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.reason()).startsWith("dataFileS3Key \"" + key + "\" cannot be staged: it ");
                });
        assertThat(target).doesNotExist();
    }

    @Test
    void filesManifestKeyStartingWithSlash_isRefusedNamingTheKey() throws IOException {
        String id = "01715685260608-ffffffff";
        String key = "AWSDynamoDB/" + id + "/manifest-files.json";
        String bucket = uploadEdited(id, dir -> replace(dir.resolve("manifest-summary.json"), "\"" + key + "\"",
                "\"/" + key + "\""));
        Path target = work.resolve("bad-files-key");

        assertThatThrownBy(() -> stager(client).stage("s3://" + bucket + "/AWSDynamoDB/" + id + "/", target))
                .isInstanceOf(ExportKeyRefusedException.class)
                .hasMessageStartingWith("Refused key \"/" + key + "\": it is not an object key of the export at s3://"
                        + bucket + "/AWSDynamoDB/" + id + "/");
        assertThat(target).doesNotExist();
    }

    private static Path firstDataFile(Path exportDir) {
        DataFile f = ManifestReader.read(LocalExportSource.of(exportDir)).dataFiles().get(0);
        return LocalExportSource.of(exportDir).root().resolve(f.key());
    }
}
