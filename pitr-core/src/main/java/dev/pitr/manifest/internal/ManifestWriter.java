package dev.pitr.manifest.internal;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Writes manifests as DynamoDB writes them (see FORMAT.md): {@code manifest-summary.json} as one
 * object without a trailing newline, {@code manifest-files.json} as JSON Lines, and the
 * {@code .md5} sidecars as the Base64 MD5 of the file beside them.
 */
public final class ManifestWriter {
    private static final JsonFactory JSON = new JsonFactory();
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private ManifestWriter() {
    }

    /**
     * A FULL export's summary.
     *
     * @param compactedFrom the export ARNs of the chain it was compacted from (a field of pitr's own,
     *                      which readers ignore), or empty
     */
    public static byte[] fullSummary(String exportArn, Instant startTime, Instant endTime, String tableArn,
                                     Instant exportTime, @Nullable String s3Bucket, @Nullable String s3Prefix,
                                     String manifestFilesKey, long itemCount, String outputFormat,
                                     List<String> compactedFrom) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeStringField("version", "2020-06-30");
            g.writeStringField("exportArn", exportArn);
            g.writeStringField("startTime", TIME.format(startTime));
            g.writeStringField("endTime", TIME.format(endTime));
            g.writeStringField("tableArn", tableArn);
            g.writeNullField("tableId");
            g.writeStringField("exportTime", TIME.format(exportTime));
            g.writeStringField("s3Bucket", s3Bucket);
            g.writeStringField("s3Prefix", s3Prefix);
            g.writeStringField("s3SseAlgorithm", "AES256");
            g.writeNullField("s3SseKmsKeyId");
            g.writeStringField("manifestFilesS3Key", manifestFilesKey);
            g.writeNumberField("billedSizeBytes", 0);
            g.writeNumberField("itemCount", itemCount);
            g.writeStringField("outputFormat", outputFormat);
            g.writeStringField("exportType", "FULL_EXPORT");
            if (!compactedFrom.isEmpty()) {
                g.writeArrayFieldStart("pitrCompactedFrom");
                for (String arn : compactedFrom) {
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

    /** The Base64 MD5 of {@code bytes}: a {@code .md5} sidecar's content, or a data file's {@code md5Checksum}. */
    public static String md5Base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(md5().digest(bytes));
    }

    /** A new MD5 digest. */
    public static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no MD5", e);
        }
    }
}
