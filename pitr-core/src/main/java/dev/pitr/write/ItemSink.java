package dev.pitr.write;

import org.jspecify.annotations.Nullable;
import dev.pitr.model.KeySchema;
import dev.pitr.model.WriteOp;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Where a restore writes its operations: the target table, behind a writer that batches,
 * rate-limits and retries. The restorer calls {@link #open()} first, then {@link #target()} and
 * (for a chain that starts with a FULL export) {@link #holdsItems()}, then {@link #write} for each
 * operation in export order and {@link #flush()} before it saves a checkpoint. The sink is the
 * caller's: the restorer never closes it.
 *
 * <p>Operations on one key are applied in the order they were written; operations on different
 * keys may be applied in any order. Implementations are safe for concurrent use, and pass the
 * contract suite {@code dev.pitr.testing.contract.ItemSinkContract} of pitr-testkit.
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
     * Names the one physical destination operations go to (for a DynamoDB table: its ARN, and the
     * endpoint when the client overrides it), the same way every time the same destination is
     * meant and differently for every other, or {@code null} when the sink cannot name it. Called
     * after {@link #open()}. The restorer records it in each checkpoint and refuses to resume a
     * checkpoint saved for another target, and the default restore id includes it (see
     * {@link dev.pitr.PitrRestorer#defaultRestoreId(dev.pitr.plan.RestorePlan, String)}), so one
     * chain restored into two destinations through one checkpoint store keeps two progresses.
     * The part after the last {@code /} or {@code :} should be a readable name (the table's).
     *
     * <p>The default returns {@code null}: such a sink's restores are told apart by the chain
     * alone. Sinks that wrap another should return the wrapped sink's target.
     */
    default @Nullable String target() {
        return null;
    }

    /**
     * Whether the target holds any item, read cheaply (one small read), or empty when the sink
     * cannot tell. Called after {@link #open()} before a chain that starts with a FULL export is
     * first applied: a target that holds items is refused unless allowed, since items the
     * export lacks would stay. The default cannot tell.
     */
    default Optional<Boolean> holdsItems() {
        return Optional.empty();
    }

    /**
     * Flushes nothing; stops background work. Operations not yet acknowledged fail. Does not
     * close the caller's client.
     */
    @Override
    void close();
}
