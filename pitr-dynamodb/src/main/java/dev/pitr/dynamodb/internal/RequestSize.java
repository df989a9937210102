package dev.pitr.dynamodb.internal;

import dev.pitr.model.AttributeValue;
import dev.pitr.model.WriteOp;
import java.util.List;
import java.util.Map;

/**
 * An upper bound of the bytes an operation adds to a BatchWriteItem request body (DynamoDB
 * JSON): names and strings as escaped UTF-8, binaries as Base64, plus the type tags and
 * punctuation. Used to keep every request under DynamoDB's 16 MB limit.
 */
final class RequestSize {
    /** DynamoDB's limit on a BatchWriteItem request. */
    static final long MAX_REQUEST_BYTES = 16L * 1024 * 1024;

    /** Room kept for the request's envelope (table name, options). */
    static final long ENVELOPE_BYTES = 2048;

    private static final int WRITE_REQUEST_OVERHEAD = 32; // {"PutRequest":{"Item":{...}}},
    private static final int TYPED_VALUE_OVERHEAD = 8;    // {"SS":...}
    private static final int MEMBER_OVERHEAD = 4;         // "name": and a comma

    private RequestSize() {
    }

    /** Bytes {@code op} takes in a request, at most. */
    static long of(WriteOp op) {
        Map<String, AttributeValue> attributes = op instanceof WriteOp.Put put
                ? put.item().attributes() : ((WriteOp.Delete) op).key().attributes();
        return WRITE_REQUEST_OVERHEAD + ofMap(attributes);
    }

    /** Bytes a put takes in a request, at most, given {@link #ofMap} of its item's attributes. */
    static long ofPut(long attributesBytes) {
        return WRITE_REQUEST_OVERHEAD + attributesBytes;
    }

    /**
     * Bytes a map of attributes takes in a request, at most. Also at least the map's item size as
     * DynamoDB counts it ({@link dev.pitr.model.Item#sizeInBytes()}): every name and value takes
     * at least as many bytes in the request as DynamoDB counts for it.
     */
    static long ofMap(Map<String, AttributeValue> attributes) {
        long size = 2;
        for (Map.Entry<String, AttributeValue> e : attributes.entrySet()) {
            size += MEMBER_OVERHEAD + escaped(e.getKey()) + ofValue(e.getValue());
        }
        return size;
    }

    static long ofValue(AttributeValue v) {
        long size = TYPED_VALUE_OVERHEAD;
        if (v instanceof AttributeValue.S s) {
            size += escaped(s.value());
        } else if (v instanceof AttributeValue.N n) {
            size += n.text().length() + 2;
        } else if (v instanceof AttributeValue.B b) {
            size += base64(b.length());
        } else if (v instanceof AttributeValue.Bool || v instanceof AttributeValue.Null) {
            size += 5;
        } else if (v instanceof AttributeValue.M m) {
            size += ofMap(m.value());
        } else if (v instanceof AttributeValue.L l) {
            List<AttributeValue> list = l.value();
            size += 2;
            for (AttributeValue element : list) {
                size += 1 + ofValue(element);
            }
        } else if (v instanceof AttributeValue.SS ss) {
            size += 2;
            for (String s : ss.value()) {
                size += 1 + escaped(s);
            }
        } else if (v instanceof AttributeValue.NS ns) {
            size += 2;
            for (String s : ns.value()) {
                size += 3 + s.length();
            }
        } else {
            size += 2;
            for (AttributeValue.B b : ((AttributeValue.BS) v).value()) {
                size += 1 + base64(b.length());
            }
        }
        return size;
    }

    /**
     * A JSON string's length in UTF-8 with its quotes: control characters and each half of a
     * surrogate pair escaped as {@code \\uXXXX} (as the SDK writes them).
     */
    static long escaped(String s) {
        long size = 2;
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x20) {
                size += 6;
            } else if (c == '"' || c == '\\') {
                size += 2;
            } else if (c < 0x80) {
                size += 1;
            } else if (c < 0x800) {
                size += 2;
            } else if (Character.isSurrogate(c)) {
                size += 6; // the SDK escapes each half of a pair: six bytes
            } else {
                size += 3;
            }
        }
        return size;
    }

    private static long base64(int bytes) {
        return 2 + 4L * ((bytes + 2) / 3);
    }
}
