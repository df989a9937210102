package dev.pitr.write;

import dev.pitr.model.KeySchema;
import dev.pitr.model.WriteOp;
import java.util.concurrent.CompletableFuture;

/**
 * Where a restore writes its operations: the target table, behind a writer that batches,
 * rate-limits and retries. The restorer calls {@link #open()} once, then {@link #write} for each
 * operation in export order, {@link #flush()} before it saves a checkpoint, and {@link #close()}
 * at the end.
 *
 * <p>Operations on one key are applied in the order they were written; operations on different
 * keys may be applied in any order. Implementations are safe for concurrent use.
 */
public interface ItemSink extends AutoCloseable {

    /**
     * Checks the target before the first write (it exists and is {@code ACTIVE}) and returns its
     * key schema. Idempotent: later calls return the same schema without asking again.
     *
     * @throws TargetTableException when the target cannot be written
     */
    KeySchema open();

    /**
     * Queues one operation. Blocks while the sink's in-flight/queued limit is reached
     * (back-pressure); on interrupt, restores the interrupt flag and throws
     * {@link WriteInterruptedException}.
     *
     * <p>The key of {@code op} is checked against the key schema before it is queued: a mismatch
     * throws {@link KeySchemaMismatchException} naming the expected and found key attributes and
     * the operation's origin, and nothing is queued.
     *
     * <p>The future completes with {@link WriteOutcome#WRITTEN} once DynamoDB has accepted the
     * operation, with {@link WriteOutcome#SKIPPED} when {@link FailurePolicy#SKIP} set it aside,
     * and exceptionally with {@link WriteFailedException} under {@link FailurePolicy#FAIL}.
     * Actions chained to it without an executor run on the sink's own thread: keep them short.
     *
     * @throws WriteFailedException when the sink already stopped after a failure
     * @throws IllegalStateException when the sink is closed
     */
    CompletableFuture<WriteOutcome> write(WriteOp op);

    /**
     * Sends what is buffered and waits until every operation written so far is acknowledged or
     * failed.
     *
     * @throws WriteFailedException      when the sink stopped after a failure (the first one)
     * @throws WriteInterruptedException when interrupted while waiting
     */
    void flush();

    /** Counters so far. */
    SinkStats stats();

    /**
     * Names where operations go (a table name or ARN, a file, a URL), the same way every time the
     * same destination is meant, or {@code null} when the sink cannot name it. The restorer
     * records it in each checkpoint and refuses to resume a checkpoint saved for another target,
     * and the default restore id includes it (see
     * {@link dev.pitr.PitrRestorer#defaultRestoreId(dev.pitr.plan.RestorePlan, String)}), so one
     * chain restored into two destinations through one checkpoint store keeps two progresses.
     *
     * <p>The default returns {@code null}: such a sink's restores are told apart by the chain
     * alone. Sinks that wrap another should return the wrapped sink's target.
     */
    default String target() {
        return null;
    }

    /**
     * Flushes nothing; stops background work. Operations not yet acknowledged fail. Does not
     * close the caller's client.
     */
    @Override
    void close();
}
