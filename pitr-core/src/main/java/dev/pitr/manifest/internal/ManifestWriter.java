package dev.pitr.manifest.internal;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Writes an export's manifests byte for byte as DynamoDB does (the export generator of
 * pitr-testkit, and {@code pitr compact}'s {@link dev.pitr.state.StateExport}): {@code manifest-summary.json}
 * (one compact object, fields in DynamoDB's order, no trailing newline), {@code
 * manifest-files.json} (JSON Lines, each ending in {@code \n}), their {@code .md5} files (24
 * bytes of Base64 MD5, no newline) and the empty {@code _started}.
 */
public final class ManifestWriter {
    /** Summary version of FULL exports. */
    public static final String FULL_VERSION = "2020-06-30";
    /** Summary version of INCREMENTAL exports. */
    public static final String INCREMENTAL_VERSION = "2023-08-01";

    private static final JsonFactory JSON = JsonFactory.builder().build();
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private ManifestWriter() {
    }

    /**
     * The fields of {@code manifest-summary.json}. A FULL export has {@code exportTime} and no
     * {@code exportFromTime}, {@code exportToTime}, {@code outputView} or {@code exportType}
     * (real FULL summaries leave the last two out); an INCREMENTAL one the reverse.
     */
    public record Summary(String version, String exportArn, Instant startTime, Instant endTime, String tableArn,
                          @Nullable String tableId, @Nullable Instant exportTime, @Nullable Instant exportFromTime, @Nullable Instant exportToTime,
                          @Nullable String s3Bucket, @Nullable String s3Prefix, String s3SseAlgorithm, @Nullable String s3SseKmsKeyId,
                          String manifestFilesS3Key, long billedSizeBytes, long itemCount, String outputFormat,
                          @Nullable String outputView, @Nullable String exportType, List<String> compactedFrom) {
        public Summary {
            compactedFrom = List.copyOf(compactedFrom);
        }

        /** A summary of an export made by DynamoDB (not compacted from a chain by pitr). */
        public Summary(String version, String exportArn, Instant startTime, Instant endTime, String tableArn,
                       @Nullable String tableId, @Nullable Instant exportTime, @Nullable Instant exportFromTime, @Nullable Instant exportToTime,
                       @Nullable String s3Bucket, @Nullable String s3Prefix, String s3SseAlgorithm, @Nullable String s3SseKmsKeyId,
                       String manifestFilesS3Key, long billedSizeBytes, long itemCount, String outputFormat,
                       @Nullable String outputView, @Nullable String exportType) {
            this(version, exportArn, startTime, endTime, tableArn, tableId, exportTime, exportFromTime, exportToTime,
                    s3Bucket, s3Prefix, s3SseAlgorithm, s3SseKmsKeyId, manifestFilesS3Key, billedSizeBytes, itemCount,
                    outputFormat, outputView, exportType, List.of());
        }
    }

    /** ISO-8601 UTC with exactly three fraction digits, as the summaries write times. */
    public static String time(Instant t) {
        return TIME.format(t);
    }

    /** The bytes of {@code manifest-summary.json}. */
    public static byte[] summary(Summary s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeStringField("version", s.version());
            g.writeStringField("exportArn", s.exportArn());
            g.writeStringField("startTime", time(s.startTime()));
            g.writeStringField("endTime", time(s.endTime()));
            g.writeStringField("tableArn", s.tableArn());
            g.writeStringField("tableId", s.tableId());
            if (s.exportTime() != null) {
                g.writeStringField("exportTime", time(s.exportTime()));
            }
            if (s.exportFromTime() != null) {
                g.writeStringField("exportFromTime", time(s.exportFromTime()));
                g.writeStringField("exportToTime", time(s.exportToTime()));
            }
            g.writeStringField("s3Bucket", s.s3Bucket());
            g.writeStringField("s3Prefix", s.s3Prefix());
            g.writeStringField("s3SseAlgorithm", s.s3SseAlgorithm());
            g.writeStringField("s3SseKmsKeyId", s.s3SseKmsKeyId());
            g.writeStringField("manifestFilesS3Key", s.manifestFilesS3Key());
            g.writeNumberField("billedSizeBytes", s.billedSizeBytes());
            g.writeNumberField("itemCount", s.itemCount());
            g.writeStringField("outputFormat", s.outputFormat());
            if (s.outputView() != null) {
                g.writeStringField("outputView", s.outputView());
            }
            if (s.exportType() != null) {
                g.writeStringField("exportType", s.exportType());
            }
            if (!s.compactedFrom().isEmpty()) { // pitr's own field, which readers ignore
                g.writeArrayFieldStart("pitrCompactedFrom");
                for (String arn : s.compactedFrom()) {
                    g.writeString(arn);
                }
                g.writeEndArray();
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** One line of {@code manifest-files.json}, with its {@code \n}. */
    public static byte[] fileLine(long itemCount, String md5Checksum, String etag, String dataFileS3Key) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeNumberField("itemCount", itemCount);
            g.writeStringField("md5Checksum", md5Checksum);
            g.writeStringField("etag", etag);
            g.writeStringField("dataFileS3Key", dataFileS3Key);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.write('\n');
        return out.toByteArray();
    }

    /** Base64 of the MD5 of {@code bytes}: the content of a {@code .md5} file. */
    public static String md5Base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(md5().digest(bytes));
    }

    /** A new MD5 digest, for a data file's {@code md5Checksum} as it streams. */
    public static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required of every Java platform", e);
        }
    }

    /** Creates the export folder and its empty {@code _started}, as DynamoDB does first. */
    public static void writeStarted(Path exportDir) throws IOException {
        Files.createDirectories(exportDir);
        Files.write(exportDir.resolve("_started"), new byte[0]);
    }

    /**
     * The manifest files of an export folder by name, in the order they are to be written:
     * {@code manifest-files.json} and its {@code .md5}, then {@code manifest-summary.json} and its
     * {@code .md5}, the summary last, so an interrupted generation leaves an export that readers
     * see as incomplete. Whatever stores the export (a folder, a Hadoop file system) writes these.
     */
    public static java.util.LinkedHashMap<String, byte[]> manifests(byte[] filesJson, Summary summary) {
        java.util.LinkedHashMap<String, byte[]> files = new java.util.LinkedHashMap<>();
        files.put("manifest-files.json", filesJson);
        files.put("manifest-files.md5", md5Base64(filesJson).getBytes(StandardCharsets.US_ASCII));
        byte[] summaryJson = summary(summary);
        files.put("manifest-summary.json", summaryJson);
        files.put("manifest-summary.md5", md5Base64(summaryJson).getBytes(StandardCharsets.US_ASCII));
        return files;
    }

    /** Writes {@link #manifests} into {@code exportDir}, in their order. */
    public static void writeManifests(Path exportDir, byte[] filesJson, Summary summary) throws IOException {
        for (java.util.Map.Entry<String, byte[]> file : manifests(filesJson, summary).entrySet()) {
            Files.write(exportDir.resolve(file.getKey()), file.getValue());
        }
    }
}
