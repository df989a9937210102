package dev.pitr.write;

import dev.pitr.model.Key;
import dev.pitr.model.Origin;
import dev.pitr.model.WriteOp;
import java.util.Objects;

/**
 * An operation that {@link FailurePolicy#SKIP} set aside, with why.
 *
 * <p>{@code toString()} shows the origin, the key attribute names and the reason, never values.
 *
 * @param origin    the data file and line the operation came from
 * @param key       the key of the item the operation writes or deletes
 * @param reason    why it was not written (DynamoDB's message, or the limit it breaks)
 * @param operation the operation itself, so that it can be written out and replayed
 */
public record SkippedOperation(Origin origin, Key key, String reason, WriteOp operation) {

    public SkippedOperation {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(operation, "operation");
    }

    /** The skipped operation {@code op} with key {@code key}, for {@code reason}. */
    public static SkippedOperation of(WriteOp op, Key key, String reason) {
        return new SkippedOperation(op.origin(), key, reason, op);
    }

    @Override
    public String toString() {
        return "SkippedOperation[" + operation + ", " + key + ": " + reason + "]";
    }
}
