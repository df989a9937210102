/**
 * The restorer's engine: {@code CheckpointSession} (claim, lease, saves, release), {@code RestoreRun}
 * (exports in order) and {@code ExportApplier} (one export's files in parallel, each operation to the
 * sink), and the helpers pitr's modules share: {@code Check} (argument checks) and {@code Backoff}
 * (the one retry backoff). Not an API: may change in any release.
 */
@NullMarked
package dev.pitr.internal;

import org.jspecify.annotations.NullMarked;
