package dev.pitr.s3;

import dev.pitr.PitrException;
import dev.pitr.checkpoint.Checkpoint;
import dev.pitr.checkpoint.CheckpointCodec;
import dev.pitr.checkpoint.CheckpointStore;
import dev.pitr.checkpoint.internal.Conflicts;
import dev.pitr.s3.internal.S3Errors;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * Keeps each checkpoint in the object {@code <prefix><restoreId>.json}, saved with S3's
 * conditional writes: {@code If-None-Match: *} to create, {@code If-Match: <ETag>} to replace.
 * The version is the object's ETag, so two restorers cannot both save over one version: S3
 * answers the loser with 412 Precondition Failed (or 409 when the race is that close). Each save
 * also tags the object with an id of its own, which tells a save whose answer was lost, or
 * whose retry was refused by its own first attempt, whether it was written.
 */
public final class S3CheckpointStore implements CheckpointStore {
    /** User metadata naming the save that wrote the object ({@code x-amz-meta-pitr-save-id}). */
    private static final String SAVE_ID = "pitr-save-id";

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
    public String save(Checkpoint checkpoint, @Nullable String expectedVersion) {
        S3Uri uri = uriOf(checkpoint.restoreId());
        String saveId = UUID.randomUUID().toString();
        PutObjectRequest.Builder put = PutObjectRequest.builder().bucket(uri.bucket()).key(uri.key())
                .contentType("application/json").metadata(Map.of(SAVE_ID, saveId));
        if (expectedVersion == null) {
            put.ifNoneMatch("*");
        } else {
            put.ifMatch(expectedVersion);
        }
        try {
            return client.putObject(put.build(), AsyncRequestBody.fromBytes(CheckpointCodec.toJson(checkpoint)))
                    .join().eTag();
        } catch (CompletionException e) {
            int status = S3Errors.status(e);
            // 412: the ETag moved on; 409: a concurrent write won; 404: If-Match on an object that
            // does not exist (any more). No status: the answer was lost; 5xx or 429 after the
            // SDK's retries: an earlier attempt may have been written all the same.
            boolean refused = status == 412 || status == 409 || (status == 404 && expectedVersion != null);
            boolean unanswered = status == 0 || status >= 500 || status == 429;
            if (refused || unanswered) {
                return settle(checkpoint.restoreId(), expectedVersion, uri, saveId, e, refused);
            }
            throw S3Errors.translate(e, uri, null, S3Errors.Action.WRITE);
        }
    }

    /**
     * Looks at the object after a refused or unanswered PUT, because neither says for sure whether
     * this save was written: the answer of a written PUT can be lost, the SDK then retries it and
     * the retry is refused (412) by the very version it wrote; and a server may refuse a condition
     * before reading the body and close the connection under it. The object carrying this save's
     * id means it was written. Otherwise a refused save is a conflict; an unanswered one is a
     * conflict when another version than the expected one is there, and when the expected one
     * still is, it was not written and the failure stands (a rerun saves again).
     */
    private String settle(String restoreId, @Nullable String expectedVersion, S3Uri uri, String saveId,
                          CompletionException failure, boolean refused) {
        Optional<HeadObjectResponse> now;
        try {
            now = Optional.of(client.headObject(b -> b.bucket(uri.bucket()).key(uri.key())).join());
        } catch (CompletionException e) {
            if (!S3Errors.isMissingObject(e)) {
                PitrException p = refused
                        ? new PitrException("Cannot write " + uri + ": the conditional write was refused (HTTP "
                                + S3Errors.status(failure) + "), and reading the object back to tell why failed too",
                                failure.getCause() == null ? failure : failure.getCause())
                        : S3Errors.translate(failure, uri, null, S3Errors.Action.WRITE);
                p.addSuppressed(e);
                throw p;
            }
            now = Optional.empty();
        }
        String found = now.map(HeadObjectResponse::eTag).orElse(null);
        if (now.isPresent() && saveId.equals(now.get().metadata().get(SAVE_ID))) {
            return found;
        }
        if (refused || !Objects.equals(found, expectedVersion)) {
            throw Conflicts.stale(restoreId, uri.toString(), expectedVersion, found);
        }
        throw S3Errors.translate(failure, uri, null, S3Errors.Action.WRITE);
    }

    @Override
    public String toString() {
        return "S3CheckpointStore[" + folder + "]";
    }
}
