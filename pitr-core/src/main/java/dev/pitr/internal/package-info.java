/**
 * The restorer's engine: {@code CheckpointSession} (claim, lease, saves, release), {@code RestoreRun}
 * (exports in order) and {@code ExportApplier} (one export's files in parallel, each operation to the
 * sink). Not an API: may change in any release.
 */
@NullMarked
package dev.pitr.internal;

import org.jspecify.annotations.NullMarked;
