/**
 * Writing operations to a target: the {@link dev.pitr.write.ItemSink} SPI a restore drives,
 * its outcomes and counters ({@link dev.pitr.write.WriteOutcome}, {@link dev.pitr.write.SinkStats}),
 * the {@link dev.pitr.write.FailurePolicy} for operations the target refuses, the
 * {@link dev.pitr.write.DeadLetterSink} that keeps skipped operations (a JSON Lines file by
 * default), and the adaptive {@link dev.pitr.write.WriteRateLimiter} in write capacity units.
 * No AWS SDK here: DynamoDB's implementation lives in {@code pitr-dynamodb}.
 */
@NullMarked
package dev.pitr.write;

import org.jspecify.annotations.NullMarked;
