package dev.pitr.s3.internal;

import dev.pitr.PitrException;
import dev.pitr.s3.S3Uri;
import java.io.InputStream;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * HEAD, open and bucket checks over a caller's client, with failures turned into clear
 * {@link PitrException}s. Shared by the export source and the stager.
 */
public final class S3Access {
    private final S3AsyncClient client;
    private final ReadSettings settings;
    private final ReadCounters counters;
    private final String clientRegion;
    private volatile boolean bucketSeen;

    /** Access through {@code client}; streams use {@code settings} and count into {@code counters}. */
    public S3Access(S3AsyncClient client, ReadSettings settings, ReadCounters counters) {
        this.client = client;
        this.settings = settings;
        this.counters = counters;
        this.clientRegion = regionOf(client);
    }

    /** The client's region id, or {@code null} when it cannot tell. */
    public static String regionOf(S3AsyncClient client) {
        try {
            Region r = client.serviceClientConfiguration().region();
            return r == null ? null : r.id();
        } catch (RuntimeException e) {
            return null;  // a wrapping client may not expose its configuration
        }
    }

    /** The caller's client. */
    public S3AsyncClient client() {
        return client;
    }

    /** The client's region id, or {@code null} when it cannot tell. */
    public String clientRegion() {
        return clientRegion;
    }

    /**
     * The object's metadata, or empty when there is no such object in an existing bucket.
     *
     * @throws PitrException when the bucket is missing, access is denied, the region is wrong, ...
     */
    public Optional<HeadObjectResponse> head(S3Uri uri) {
        try {
            return Optional.of(await(client.headObject(b -> b.bucket(uri.bucket()).key(uri.key())), uri));
        } catch (PitrException e) {
            throw e;
        } catch (RuntimeException e) {
            if (S3Errors.isMissingObject(e)) {
                checkBucket(uri);
                return Optional.empty();
            }
            throw S3Errors.translate(e, uri, clientRegion);
        }
    }

    /** Opens the object as a ranged, resumable stream, or empty when it does not exist. */
    public Optional<InputStream> open(S3Uri uri) {
        Optional<HeadObjectResponse> head = head(uri);
        if (head.isEmpty()) {
            return Optional.empty();
        }
        Long length = head.get().contentLength();
        if (length == null) {
            throw new PitrException("Cannot read " + uri + ": HEAD gave no Content-Length");
        }
        counters.objectOpened();
        return Optional.of(new RangedObjectStream(client, uri, length, head.get().eTag(), settings, counters,
                clientRegion));
    }

    /**
     * A HEAD 404 has no body to say whether the key or the bucket is missing: asks about the
     * bucket once, and throws when it is the bucket.
     */
    private void checkBucket(S3Uri uri) {
        if (bucketSeen) {
            return;
        }
        try {
            await(client.headBucket(b -> b.bucket(uri.bucket())), uri);
            bucketSeen = true;
        } catch (PitrException e) {
            throw e;
        } catch (RuntimeException e) {
            if (S3Errors.status(e) == 404) {
                throw S3Errors.missingBucket(uri, S3Errors.unwrap(e));
            }
            // 403 and the like: no right to ask about the bucket; the object is what is missing.
        }
    }

    /**
     * Waits for {@code future}. Failures come back as the SDK's exception (unwrapped); an
     * interrupt cancels the call, restores the flag and throws a {@link PitrException}.
     */
    public static <T> T await(CompletableFuture<T> future, S3Uri uri) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new PitrException("Interrupted while waiting for S3 on " + uri, e);
        } catch (ExecutionException e) {
            Throwable cause = S3Errors.unwrap(e);
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new PitrException("Cannot read " + uri + ": " + S3Errors.message(cause), cause);
        }
    }
}
