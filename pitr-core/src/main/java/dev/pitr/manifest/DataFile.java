package dev.pitr.manifest;

import org.jspecify.annotations.Nullable;
import java.util.Objects;

/**
 * One line of {@code manifest-files.json}: a data file of the export.
 *
 * @param key         the object key from the bucket root ({@code dataFileS3Key}), prefix included
 * @param itemCount   the lines the file holds
 * @param md5Checksum Base64 MD5 of the file's compressed bytes, or {@code null} when absent
 * @param etag        the S3 ETag, informational only (not an MD5 for multipart objects), or {@code null}
 */
public record DataFile(String key, long itemCount, @Nullable String md5Checksum, @Nullable String etag) {
    public DataFile {
        Objects.requireNonNull(key, "key");
        if (itemCount < 0) {
            throw new IllegalArgumentException("itemCount is negative: " + itemCount);
        }
    }
}
