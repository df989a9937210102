package dev.pitr.s3;

import dev.pitr.PitrException;
import dev.pitr.checkpoint.Checkpoint;
import dev.pitr.checkpoint.CheckpointCodec;
import dev.pitr.checkpoint.CheckpointStore;
import dev.pitr.checkpoint.internal.Conflicts;
import dev.pitr.s3.internal.S3Errors;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * Keeps each checkpoint in the object {@code <prefix><restoreId>.json}, saved with S3's
 * conditional writes: {@code If-None-Match: *} to create, {@code If-Match: <ETag>} to replace.
 * The version is the object's ETag, so two restorers cannot both save over one version: S3
 * answers the loser with 412 Precondition Failed (or 409 when the race is that close).
 */
public final class S3CheckpointStore implements CheckpointStore {
    private final S3AsyncClient client;
    private final S3Uri folder;

    private S3CheckpointStore(S3AsyncClient client, S3Uri folder) {
        this.client = client;
        this.folder = folder;
    }

    /**
     * A store under {@code s3://bucket/prefix/}.
     *
     * @param client used and never closed
     * @param uri    the folder, {@code s3://bucket/} or {@code s3://bucket/some/prefix/}
     * @throws IllegalArgumentException when the URI is not an s3:// URI
     */
    public static S3CheckpointStore create(S3AsyncClient client, String uri) {
        Objects.requireNonNull(client, "client");
        S3Uri parsed = S3Uri.parse(uri);
        String key = parsed.key();
        if (!key.isEmpty() && !key.endsWith("/")) {
            key = key + "/";
        }
        return new S3CheckpointStore(client, parsed.withKey(key));
    }

    /** The object that holds the checkpoint of {@code restoreId}. */
    public S3Uri uriOf(String restoreId) {
        return folder.withKey(folder.key() + CheckpointCodec.checkRestoreId(restoreId) + ".json");
    }

    @Override
    public Optional<Versioned> load(String restoreId) {
        S3Uri uri = uriOf(restoreId);
        try {
            ResponseBytes<GetObjectResponse> bytes = client.getObject(b -> b.bucket(uri.bucket()).key(uri.key()),
                    AsyncResponseTransformer.toBytes()).join();
            return Optional.of(new Versioned(CheckpointCodec.fromJson(bytes.asByteArray(), uri.toString()),
                    bytes.response().eTag()));
        } catch (CompletionException e) {
            if (S3Errors.isMissingObject(e)) {
                return Optional.empty();
            }
            throw S3Errors.translate(e, uri, null);
        }
    }

    @Override
    public String save(Checkpoint checkpoint, String expectedVersion) {
        S3Uri uri = uriOf(checkpoint.restoreId());
        PutObjectRequest.Builder put = PutObjectRequest.builder().bucket(uri.bucket()).key(uri.key())
                .contentType("application/json");
        if (expectedVersion == null) {
            put.ifNoneMatch("*");
        } else {
            put.ifMatch(expectedVersion);
        }
        try {
            PutObjectResponse response = client.putObject(put.build(),
                    AsyncRequestBody.fromBytes(CheckpointCodec.toJson(checkpoint))).join();
            return response.eTag();
        } catch (CompletionException e) {
            int status = S3Errors.status(e);
            // 412: the ETag moved on; 409: a concurrent write won; 404: If-Match on an object that
            // does not exist (any more).
            if (status == 412 || status == 409 || (status == 404 && expectedVersion != null)) {
                String found = load(checkpoint.restoreId()).map(Versioned::version).orElse(null);
                throw Conflicts.stale(checkpoint.restoreId(), uri.toString(), expectedVersion, found);
            }
            PitrException p = S3Errors.translate(e, uri, null);
            throw p;
        }
    }

    @Override
    public String toString() {
        return "S3CheckpointStore[" + folder + "]";
    }
}
