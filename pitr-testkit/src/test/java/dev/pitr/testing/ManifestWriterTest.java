package dev.pitr.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pitr.manifest.DataFile;
import dev.pitr.manifest.ExportSummary;
import dev.pitr.manifest.ManifestReader;
import dev.pitr.testing.internal.DataFileOutput;
import dev.pitr.manifest.internal.ManifestWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The manifest writer reproduces real DynamoDB manifests byte for byte when given their values.
 */
class ManifestWriterTest {
    private static final Path SABUAT = SharedFixtures.sabuatExport();
    private static final Path SCYLLA = SharedFixtures.scyllaExport();

    /** The real incremental summary quoted in FORMAT.md. */
    private static final String REAL_INCREMENTAL = "{\"version\":\"2023-08-01\",\"exportArn\":\"arn:aws:dynamodb:eu-north-1"
            + ":123456789123:table/test/export/01768388186000-4a2fc3ff\",\"startTime\":\"2026-01-14T10:56:26.000Z\","
            + "\"endTime\":\"2026-01-14T11:01:32.779Z\",\"tableArn\":\"arn:aws:dynamodb:eu-north-1:123456789123:table/test\","
            + "\"tableId\":\"cf263806-6bf1-4e51-a242-7067dcdecc72\",\"exportFromTime\":\"2026-01-14T10:35:00.000Z\","
            + "\"exportToTime\":\"2026-01-14T10:50:00.000Z\",\"s3Bucket\":\"test-1231x1x\",\"s3Prefix\":null,"
            + "\"s3SseAlgorithm\":\"AES256\",\"s3SseKmsKeyId\":null,\"manifestFilesS3Key\":\"AWSDynamoDB/"
            + "01768388186000-4a2fc3ff/manifest-files.json\",\"billedSizeBytes\":10000000,\"itemCount\":5,"
            + "\"outputFormat\":\"DYNAMODB_JSON\",\"outputView\":\"NEW_AND_OLD_IMAGES\",\"exportType\":\"INCREMENTAL_EXPORT\"}";

    @Test
    void summary_valuesOfRealFullExport_isByteForByteTheRealFile() throws IOException {
        byte[] real = Files.readAllBytes(SABUAT.resolve("manifest-summary.json"));
        assertThat(ManifestWriter.summary(fieldsOf(real))).isEqualTo(real);
        assertThat(ManifestWriter.md5Base64(ManifestWriter.summary(fieldsOf(real))))
                .isEqualTo(Files.readString(SABUAT.resolve("manifest-summary.md5")));
    }

    @Test
    void summary_valuesOfRealFullExportWithPrefix_isTheRealText() throws IOException {
        // This sample went through a git repository that added a final newline (it has no .md5
        // to tell); the real files have none, as the sabuat sample's checksum shows.
        String real = Files.readString(SCYLLA.resolve("manifest-summary.json")).stripTrailing();
        byte[] written = ManifestWriter.summary(fieldsOf(real.getBytes(StandardCharsets.UTF_8)));
        assertThat(new String(written, StandardCharsets.UTF_8)).isEqualTo(real);
    }

    @Test
    void summary_valuesOfRealIncrementalExport_isByteForByteTheRealText() {
        byte[] real = REAL_INCREMENTAL.getBytes(StandardCharsets.UTF_8);
        assertThat(new String(ManifestWriter.summary(fieldsOf(real)), StandardCharsets.UTF_8)).isEqualTo(REAL_INCREMENTAL);
    }

    @Test
    void filesManifestAndSidecars_valuesOfRealExport_areByteForByteTheRealFiles() throws IOException {
        for (Path dir : new Path[] {SABUAT, SCYLLA}) {
            byte[] real = Files.readAllBytes(dir.resolve("manifest-files.json"));
            DataFile f = ManifestReader.read(dev.pitr.source.LocalExportSource.of(dir)).dataFiles().get(0);
            assertThat(ManifestWriter.fileLine(f.itemCount(), f.md5Checksum(), f.etag(), f.key()))
                    .as(dir.toString()).isEqualTo(real);
        }
        assertThat(ManifestWriter.md5Base64(Files.readAllBytes(SABUAT.resolve("manifest-files.json"))))
                .isEqualTo(Files.readString(SABUAT.resolve("manifest-files.md5")));
        assertThat(ManifestWriter.md5Base64(Files.readAllBytes(SABUAT.resolve("manifest-summary.json"))))
                .isEqualTo(Files.readString(SABUAT.resolve("manifest-summary.md5")));
    }

    @Test
    void emptyGzipDataFile_hasTheChecksumAndEtagOfDynamoDbsEmptyFiles(@TempDir Path dir) throws IOException {
        // FORMAT.md quotes a real empty data file: md5Checksum FjvgqIxwymKf1RbbqtrZag==, etag 7deb...-1.
        DataFileOutput out = new DataFileOutput("AWSDynamoDB/data/x.json.gz", dir.resolve("x.json.gz"), Compression.GZIP);
        GeneratedDataFile f = out.finish();

        assertThat(f.md5Checksum()).isEqualTo("FjvgqIxwymKf1RbbqtrZag==");
        assertThat(f.etag()).isEqualTo("7deb4078f238dd87d6af0538152c04e9-1");
        assertThat(f.itemCount()).isZero();
        assertThat(IndependentParser.uncompressed(f.path())).isEmpty();
    }

    @Test
    void etag_fileOfSeveralParts_isMd5OfPartMd5sWithPartCount(@TempDir Path dir) throws Exception {
        DataFileOutput out = new DataFileOutput("k", dir.resolve("big.json"), Compression.NONE);
        byte[] chunk = new byte[1 << 20];
        Arrays.fill(chunk, (byte) 'x');
        for (int i = 0; i < 9; i++) { // 9 MiB: one 8 MiB part and one of 1 MiB
            out.text().write(chunk);
        }
        GeneratedDataFile f = out.finish();

        byte[] all = Files.readAllBytes(f.path());
        java.security.MessageDigest md5 = java.security.MessageDigest.getInstance("MD5");
        byte[] p1 = md5.digest(Arrays.copyOfRange(all, 0, 8 << 20));
        byte[] p2 = md5.digest(Arrays.copyOfRange(all, 8 << 20, all.length));
        md5.update(p1);
        md5.update(p2);
        assertThat(f.etag()).isEqualTo(java.util.HexFormat.of().formatHex(md5.digest()) + "-2");
        assertThat(f.md5Checksum()).isEqualTo(ManifestWriter.md5Base64(all));
        assertThat(f.compressedBytes()).isEqualTo(9L << 20);
    }

    /** The writer's input, taken from a real summary by pitr-core's parser. */
    private static ManifestWriter.Summary fieldsOf(byte[] real) {
        ExportSummary s = ManifestReader.parseSummary(real, "real");
        boolean full = s.isFull();
        return new ManifestWriter.Summary(s.version(), s.exportArn(), s.startTime(), s.endTime(), s.tableArn(),
                s.tableId(), s.exportTime(), s.exportFromTime(), s.exportToTime(), s.s3Bucket(), s.s3Prefix(),
                "AES256", null, s.manifestFilesS3Key(), s.billedSizeBytes(), s.itemCount(), s.outputFormat().name(),
                full ? null : s.outputView().name(), full ? null : s.exportType().name());
    }
}
