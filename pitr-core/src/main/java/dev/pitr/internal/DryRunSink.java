package dev.pitr.internal;

import dev.pitr.PitrException;
import dev.pitr.model.KeySchema;
import dev.pitr.model.WriteOp;
import dev.pitr.write.ItemSink;
import dev.pitr.write.SinkStats;
import dev.pitr.write.WriteOutcome;
import java.util.concurrent.CompletableFuture;

/**
 * Stands in for the real sink in a dry run: checks each operation's key against the target's
 * key schema (when the target is known) and acknowledges it at once, writing nothing.
 */
public final class DryRunSink implements ItemSink {
    private static final CompletableFuture<WriteOutcome> WRITTEN = CompletableFuture.completedFuture(WriteOutcome.WRITTEN);

    private final ItemSink target;
    private volatile KeySchema schema;

    /** @param target the real sink, asked only for its key schema; {@code null} to skip key checks */
    public DryRunSink(ItemSink target) {
        this.target = target;
    }

    @Override
    public KeySchema open() {
        if (target != null && schema == null) {
            schema = target.open();
        }
        return schema;
    }

    @Override
    public CompletableFuture<WriteOutcome> write(WriteOp op) {
        KeySchema s = schema;
        if (s != null) {
            String problem;
            try {
                problem = s.mismatch(op.key(s));
            } catch (IllegalArgumentException e) {
                problem = e.getMessage();
            }
            if (problem != null) {
                throw new PitrException("The key of the record in " + op.origin() + " does not match the table: "
                        + problem);
            }
        }
        return WRITTEN;
    }

    @Override
    public void flush() {
    }

    @Override
    public SinkStats stats() {
        return SinkStats.EMPTY;
    }

    @Override
    public void close() {
    }
}
