package dev.pitr.dynamodb.internal;

import dev.pitr.model.Key;
import dev.pitr.model.KeySchema;
import dev.pitr.model.WriteOp;
import dev.pitr.write.WriteOutcome;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * One operation on its way through the writer. Built on the caller's thread; after it is handed
 * to the dispatcher, only the dispatcher thread touches its mutable fields.
 */
final class Pending {
    final WriteOp op;
    private final KeySchema schema;
    /** Built when first asked for: only failures and skips name the key. */
    private Key key;
    final KeyIdentity identity;
    /** The SDK entry when the SDK writes request bodies, else {@code null}. */
    final WriteRequest request;
    /** The entry's JSON when pitr writes request bodies ({@link JsonBody}), else {@code null}. */
    final byte[] entry;
    final int wcu;
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
    /** Set while {@link Settlement#written(java.util.List, java.util.Set)} ends it with others. */
    boolean writtenHere;
    /** Whether it is in {@link Progress}'s outstanding list, between {@link #older} and {@link #newer}. */
    boolean outstanding;
    Pending older;
    Pending newer;

    /**
     * @param schema       the table's key schema, which {@code op}'s key has been checked against
     * @param request      the SDK entry, or {@code null} for a refused operation or when pitr writes
     *                     the request bodies
     * @param entry        the entry's JSON when pitr writes the request bodies, else {@code null}
     * @param wcu          estimated write capacity units
     * @param requestBytes bytes it takes in a request, at most (see {@link RequestSize})
     * @param refusal      why the operation is refused without being sent, or {@code null}
     */
    Pending(WriteOp op, KeySchema schema, WriteRequest request, byte[] entry, int wcu, long requestBytes,
            String refusal) {
        this.op = op;
        this.schema = schema;
        this.identity = KeyIdentity.of(op, schema);
        this.request = request;
        this.entry = entry;
        this.wcu = wcu;
        this.requestBytes = requestBytes;
        this.refusal = refusal;
    }

    /**
     * The key of the operation's item. Any thread may ask: a {@link Key} is immutable, so two
     * threads building it at once build equal ones.
     */
    Key key() {
        Key k = key;
        if (k == null) {
            k = op.key(schema);
            key = k;
        }
        return k;
    }

    boolean isPut() {
        return op instanceof WriteOp.Put;
    }

    @Override
    public String toString() {
        return "Pending[" + op + ", seq=" + seq + "]";
    }
}
