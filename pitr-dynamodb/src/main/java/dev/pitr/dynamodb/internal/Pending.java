package dev.pitr.dynamodb.internal;

import dev.pitr.model.Key;
import dev.pitr.model.WriteOp;
import dev.pitr.write.WriteOutcome;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * One operation on its way through the writer. Built on the caller's thread; after it is handed
 * to the dispatcher, only the dispatcher thread touches its mutable fields.
 */
public final class Pending {
    final WriteOp op;
    final Key key;
    final Object identity;
    final WriteRequest request;
    final int wcu;
    final long itemBytes;
    final long requestBytes;
    /** Why the operation is refused without being sent, or {@code null}. */
    final String refusal;
    final CompletableFuture<WriteOutcome> future = new CompletableFuture<>();

    long seq;
    /** The next operation on the same item, waiting for this one to finish. */
    Pending nextSameKey;
    long readySince;
    long firstSentAt = Long.MIN_VALUE;
    boolean done;

    /**
     * @param request      the SDK entry, or {@code null} for a refused operation
     * @param refusal      why the operation is refused without being sent, or {@code null}
     */
    public Pending(WriteOp op, Key key, WriteRequest request, int wcu, long itemBytes, long requestBytes,
                   String refusal) {
        this.op = op;
        this.key = key;
        this.identity = KeyIdentity.of(key);
        this.request = request;
        this.wcu = wcu;
        this.itemBytes = itemBytes;
        this.requestBytes = requestBytes;
        this.refusal = refusal;
    }

    /** The future the caller holds. */
    public CompletableFuture<WriteOutcome> future() {
        return future;
    }

    /** The operation. */
    public WriteOp op() {
        return op;
    }

    boolean isPut() {
        return op instanceof WriteOp.Put;
    }

    @Override
    public String toString() {
        return "Pending[" + op + ", seq=" + seq + "]";
    }
}
