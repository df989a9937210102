package dev.pitr.checkpoint;

import dev.pitr.checkpoint.internal.Conflicts;
import org.jspecify.annotations.Nullable;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keeps checkpoints in this JVM only: for tests, dry runs and restores that need not survive a
 * crash.
 */
public final class InMemoryCheckpointStore implements CheckpointStore {
    private final ConcurrentMap<String, Versioned> byId = new ConcurrentHashMap<>();
    private final AtomicLong versions = new AtomicLong();

    @Override
    public Optional<Versioned> load(String restoreId) {
        return Optional.ofNullable(byId.get(CheckpointCodec.checkRestoreId(restoreId)));
    }

    @Override
    public String save(Checkpoint checkpoint, @Nullable String expectedVersion) {
        String id = CheckpointCodec.checkRestoreId(checkpoint.restoreId());
        String version = Long.toString(versions.incrementAndGet());
        Versioned next = new Versioned(checkpoint, version);
        Versioned result = byId.compute(id, (k, current) -> {
            String currentVersion = current == null ? null : current.version();
            if (expectedVersion == null ? currentVersion != null : !expectedVersion.equals(currentVersion)) {
                return current;
            }
            return next;
        });
        if (result != next) {
            throw Conflicts.stale(id, "memory", expectedVersion, result == null ? null : result.version());
        }
        return version;
    }

    @Override
    public String toString() {
        return "InMemoryCheckpointStore";
    }
}
