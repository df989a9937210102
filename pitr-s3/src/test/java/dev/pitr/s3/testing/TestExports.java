package dev.pitr.s3.testing;

import dev.pitr.testing.s3.S3TestData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;

/**
 * Writes exports in the real layout (see FORMAT.md) into a folder that stands for a bucket root:
 * gzip JSON data files, {@code manifest-files.json}, {@code manifest-summary.json}, their
 * {@code .md5} sidecars and {@code _started}.
 */
public final class TestExports {
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";

    private TestExports() {
    }

    /** Shape of one generated export. */
    public record Spec(String prefix, String exportId, boolean incremental, int[] itemsPerFile, int payloadBytes,
                       long seed) {
    }

    /**
     * Writes the export under {@code bucketRoot}; returns its folder. FULL exports put data files
     * in the export folder's {@code data/}, INCREMENTAL ones in the prefix's shared
     * {@code AWSDynamoDB/data/}. A file with 0 items is an empty gzip file, as in real exports.
     */
    public static Path write(Path bucketRoot, Spec spec) {
        String base = spec.prefix() == null ? "AWSDynamoDB/" : spec.prefix() + "/AWSDynamoDB/";
        String folderKey = base + spec.exportId() + "/";
        String dataFolder = spec.incremental() ? base + "data/" : folderKey + "data/";
        SplittableRandom random = new SplittableRandom(spec.seed());
        StringBuilder manifest = new StringBuilder();
        long total = 0;
        long startMillis = Long.parseLong(spec.exportId().substring(0, 14));
        try {
            for (int items : spec.itemsPerFile()) {
                String key = dataFolder + name(random) + ".json.gz";
                byte[] gz = dataFile(items, spec, random, startMillis);
                write(bucketRoot.resolve(key), gz);
                manifest.append("{\"itemCount\":").append(items)
                        .append(",\"md5Checksum\":\"").append(md5Base64(gz))
                        .append("\",\"etag\":\"").append(hex(md5(gz))).append("-1")
                        .append("\",\"dataFileS3Key\":\"").append(key).append("\"}\n");
                total += items;
            }
            byte[] files = manifest.toString().getBytes(StandardCharsets.UTF_8);
            write(bucketRoot.resolve(folderKey + "manifest-files.json"), files);
            write(bucketRoot.resolve(folderKey + "manifest-files.md5"), md5Base64(files).getBytes(StandardCharsets.US_ASCII));
            byte[] summary = summary(spec, folderKey, total, startMillis).getBytes(StandardCharsets.UTF_8);
            write(bucketRoot.resolve(folderKey + "manifest-summary.json"), summary);
            write(bucketRoot.resolve(folderKey + "manifest-summary.md5"), md5Base64(summary).getBytes(StandardCharsets.US_ASCII));
            write(bucketRoot.resolve(folderKey + "_started"), new byte[0]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bucketRoot.resolve(folderKey);
    }

    private static byte[] dataFile(int items, Spec spec, SplittableRandom random, long startMillis) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            byte[] payload = new byte[spec.payloadBytes()];
            for (int i = 0; i < items; i++) {
                random.nextBytes(payload);
                String id = "\"pk\":{\"S\":\"k" + random.nextLong(1L << 40) + "\"}";
                String image = "{" + id + ",\"n\":{\"N\":\"" + i + "\"},\"b\":{\"B\":\""
                        + Base64.getEncoder().encodeToString(payload) + "\"}}";
                String line = spec.incremental()
                        ? "{\"Metadata\":{\"WriteTimestampMicros\":{\"N\":\"" + (startMillis * 1000 - 1000) + "\"}},"
                        + "\"Keys\":{" + id + "},\"NewImage\":" + image + "}"
                        : "{\"Item\":" + image + "}";
                gz.write(line.getBytes(StandardCharsets.UTF_8));
                gz.write('\n');
            }
        }
        return bytes.toByteArray();
    }

    private static String summary(Spec spec, String folderKey, long items, long startMillis) {
        Instant start = Instant.ofEpochMilli(startMillis);
        String table = "arn:aws:dynamodb:us-east-1:123456789012:table/pitr-test";
        StringBuilder s = new StringBuilder("{\"version\":\"").append(spec.incremental() ? "2023-08-01" : "2020-06-30")
                .append("\",\"exportArn\":\"").append(table).append("/export/").append(spec.exportId())
                .append("\",\"startTime\":\"").append(start)
                .append("\",\"endTime\":\"").append(start.plusSeconds(300))
                .append("\",\"tableArn\":\"").append(table)
                .append("\",\"tableId\":\"00000000-0000-0000-0000-000000000000\"");
        if (spec.incremental()) {
            s.append(",\"exportFromTime\":\"").append(start.minusSeconds(900))
                    .append("\",\"exportToTime\":\"").append(start).append('"');
        } else {
            s.append(",\"exportTime\":\"").append(start).append('"');
        }
        s.append(",\"s3Bucket\":\"test\",\"s3Prefix\":")
                .append(spec.prefix() == null ? "null" : "\"" + spec.prefix() + "\"")
                .append(",\"s3SseAlgorithm\":\"AES256\",\"s3SseKmsKeyId\":null,\"manifestFilesS3Key\":\"")
                .append(folderKey).append("manifest-files.json\",\"billedSizeBytes\":0,\"itemCount\":").append(items)
                .append(",\"outputFormat\":\"DYNAMODB_JSON\"");
        if (spec.incremental()) {
            s.append(",\"outputView\":\"NEW_AND_OLD_IMAGES\",\"exportType\":\"INCREMENTAL_EXPORT\"");
        }
        return s.append('}').toString();
    }

    private static String name(SplittableRandom random) {
        StringBuilder b = new StringBuilder(26);
        for (int i = 0; i < 26; i++) {
            b.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return b.toString();
    }

    private static void write(Path file, byte[] bytes) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
    }

    private static byte[] md5(byte[] bytes) {
        MessageDigest md5 = S3TestData.md5();
        return md5.digest(bytes);
    }

    private static String md5Base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(md5(bytes));
    }

    private static String hex(byte[] bytes) {
        return java.util.HexFormat.of().formatHex(bytes);
    }
}
