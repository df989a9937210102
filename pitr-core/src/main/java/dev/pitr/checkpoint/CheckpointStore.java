package dev.pitr.checkpoint;

import org.jspecify.annotations.Nullable;
import java.util.Optional;

/**
 * Where restores keep their checkpoints: a file, an S3 object, a DynamoDB item, or your own.
 *
 * <p>Saves are conditional, like a compare-and-set: each save names the version it replaces,
 * and fails with {@link CheckpointConflictException} when the stored version is another. So two
 * restorers on one restore id cannot both go on. Versions are opaque strings the store chooses
 * (a counter, an ETag).
 *
 * <p>Implementations must be safe for concurrent use, and must pass the contract suite
 * {@code dev.pitr.testing.contract.CheckpointStoreContract} of pitr-testkit.
 */
public interface CheckpointStore {

    /** A checkpoint and the version it is stored under. */
    record Versioned(Checkpoint checkpoint, String version) {
    }

    /**
     * The checkpoint of {@code restoreId}, if one was saved.
     *
     * @throws dev.pitr.PitrException when the store cannot be read or holds something unreadable
     */
    Optional<Versioned> load(String restoreId);

    /**
     * Saves {@code checkpoint} if the stored version of its restore id is {@code expectedVersion}.
     *
     * @param expectedVersion the version loaded or last saved, or {@code null} when none exists yet
     * @return the new version
     * @throws CheckpointConflictException when the stored version is another (someone else saved)
     */
    String save(Checkpoint checkpoint, @Nullable String expectedVersion);
}
