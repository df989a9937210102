package dev.pitr.s3;

import dev.pitr.PitrException;
import dev.pitr.s3.internal.S3Access;
import dev.pitr.s3.internal.S3Errors;
import java.nio.ByteBuffer;
import java.util.Objects;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/**
 * Writes small objects (reports, markers) to an {@code s3://bucket/key} URI with one PUT through
 * the caller's client, which is never closed here.
 */
public final class S3ObjectWriter {
    private S3ObjectWriter() {
    }

    /**
     * Writes {@code bytes} to {@code uri}, replacing any object there, and waits for it.
     *
     * @param uri         {@code s3://bucket/key}; the key must name an object, not a folder
     * @param contentType the object's Content-Type, or {@code null} for the store's default
     * @return the new object's ETag
     * @throws IllegalArgumentException naming the URI when it is not an object URI
     * @throws PitrException            naming the URI when the write fails (missing bucket, access
     *                                  denied, wrong region, ...)
     */
    public static String write(S3AsyncClient client, String uri, byte[] bytes, String contentType) {
        return write(client, S3Uri.parse(uri), bytes, contentType);
    }

    /** As {@link #write(S3AsyncClient, String, byte[], String)}, for a parsed URI. */
    public static String write(S3AsyncClient client, S3Uri uri, byte[] bytes, String contentType) {
        if (client == null) {
            throw new IllegalArgumentException("client must not be null");
        }
        Objects.requireNonNull(uri, "uri");
        if (bytes == null) {
            throw new IllegalArgumentException("bytes must not be null");
        }
        if (uri.key().isEmpty() || uri.key().endsWith("/")) {
            throw new IllegalArgumentException("Not an object URI (the key names a folder): " + uri);
        }
        try {
            return S3Access.await(client.putObject(b -> {
                b.bucket(uri.bucket()).key(uri.key()).contentLength((long) bytes.length);
                if (contentType != null) {
                    b.contentType(contentType);
                }
            }, AsyncRequestBody.fromByteBuffer(ByteBuffer.wrap(bytes))), uri).eTag();
        } catch (PitrException e) {
            throw e;
        } catch (RuntimeException e) {
            throw S3Errors.translate(e, uri, S3Access.regionOf(client), S3Errors.Action.WRITE);
        }
    }
}
