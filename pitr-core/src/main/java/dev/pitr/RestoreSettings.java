package dev.pitr;

import dev.pitr.checkpoint.CheckpointStore;
import dev.pitr.internal.CheckpointSession;
import dev.pitr.internal.RestoreRun;
import dev.pitr.source.ExportSource;
import dev.pitr.write.ItemSink;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** What a {@link PitrRestorerBuilder} was told, checked: one restorer's settings. */
record RestoreSettings(List<ExportSource> sources, ItemSink sink, CheckpointStore store, String restoreId,
                       @Nullable Instant until, boolean allowGaps, boolean allowNonEmptyTarget, boolean dryRun,
                       boolean compact, @Nullable Path stateDirectory,
                       RestoreListener listener, Clock clock, CheckpointSession.Lease lease, RestoreRun.Settings run) {
    RestoreSettings {
        sources = List.copyOf(sources);
    }
}
