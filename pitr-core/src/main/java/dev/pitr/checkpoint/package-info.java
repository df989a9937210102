/**
 * Stage 5, checkpoint: a restore's progress ({@link dev.pitr.checkpoint.Checkpoint}), the
 * {@link dev.pitr.checkpoint.CheckpointStore} SPI with file and in-memory stores, when to save
 * ({@link dev.pitr.checkpoint.CheckpointPolicy}), and the JSON form stores keep.
 */
@NullMarked
package dev.pitr.checkpoint;

import org.jspecify.annotations.NullMarked;
