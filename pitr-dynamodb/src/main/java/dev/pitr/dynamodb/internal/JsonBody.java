package dev.pitr.dynamodb.internal;

import dev.pitr.model.WriteOp;
import dev.pitr.write.internal.DynamoDbJson;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes BatchWriteItem request bodies straight from pitr's model, in the JSON DynamoDB takes
 * (the same document the SDK's marshaller writes for the same request, up to insignificant
 * differences: escapes, key order), with pitr's one DynamoDB JSON writer ({@link DynamoDbJson},
 * which also writes the dead-letter lines).
 *
 * <p>Each operation's entry ({@code {"PutRequest":{"Item":{...}}}} or
 * {@code {"DeleteRequest":{"Key":{...}}}}) is written once, on the caller's thread that prepares
 * it; a request body is then the envelope around the entries of its batch, joined by commas, so
 * the writer's single thread only copies bytes, and a subset of a batch (handed back, narrowed
 * down) costs a copy, not a second serialization. An entry is never longer than the
 * {@link RequestSize} bound of its operation.
 */
final class JsonBody {
    /** A thread's buffer is dropped after writing an entry larger than this, not kept. */
    private static final int KEPT_BUFFER_BYTES = 1 << 20;
    private static final ThreadLocal<DynamoDbJson> BUFFERS = ThreadLocal.withInitial(DynamoDbJson::new);

    private JsonBody() {
    }

    /** {@code op}'s entry in a request's list of write requests, as UTF-8 JSON. */
    static byte[] entry(WriteOp op) {
        DynamoDbJson out = BUFFERS.get();
        out.reset();
        out.writeRequest(op);
        byte[] entry = out.toByteArray();
        if (out.capacity() > KEPT_BUFFER_BYTES) {
            BUFFERS.remove();
        }
        return entry;
    }

    /**
     * The parts of a request body around its entries: the table, and the options every request
     * of the sink has.
     */
    record Envelope(byte[] start, byte[] end) {
        /** The envelope of requests to {@code table} asking for the consumed capacity in total. */
        static Envelope of(String table) {
            DynamoDbJson out = new DynamoDbJson();
            out.ascii("{\"RequestItems\":{");
            out.string(table);
            out.ascii(":[");
            return new Envelope(out.toByteArray(),
                    "]},\"ReturnConsumedCapacity\":\"TOTAL\"}".getBytes(StandardCharsets.US_ASCII));
        }

        /** The request body of {@code ops}, which hold their entries. */
        byte[] body(List<Pending> ops) {
            int length = start.length + end.length + Math.max(0, ops.size() - 1);
            for (Pending p : ops) {
                length += p.entry.length;
            }
            byte[] body = new byte[length];
            System.arraycopy(start, 0, body, 0, start.length);
            int pos = start.length;
            for (int i = 0, n = ops.size(); i < n; i++) {
                if (i > 0) {
                    body[pos++] = ',';
                }
                byte[] entry = ops.get(i).entry;
                System.arraycopy(entry, 0, body, pos, entry.length);
                pos += entry.length;
            }
            System.arraycopy(end, 0, body, pos, end.length);
            return body;
        }
    }
}
