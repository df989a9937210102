package dev.pitr.testing;

import java.nio.file.Path;

/**
 * One data file the generator wrote, as {@code manifest-files.json} lists it, plus its sizes.
 *
 * @param key               the object key from the bucket root ({@code dataFileS3Key})
 * @param path              the file on disk
 * @param itemCount         lines in the file
 * @param md5Checksum       Base64 MD5 of the file's (compressed) bytes
 * @param etag              the S3 multipart ETag the file would have ({@code hex(md5(part md5s))-parts})
 * @param compressedBytes   size of the file
 * @param uncompressedBytes size of its text
 */
public record GeneratedDataFile(String key, Path path, long itemCount, String md5Checksum, String etag,
                                long compressedBytes, long uncompressedBytes) {
}
