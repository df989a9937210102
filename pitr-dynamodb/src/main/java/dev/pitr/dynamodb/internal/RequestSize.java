package dev.pitr.dynamodb.internal;

import dev.pitr.model.WriteOp;

/**
 * An upper bound of the bytes an operation adds to a BatchWriteItem request body (DynamoDB
 * JSON): names and strings as escaped UTF-8, binaries as Base64, plus the type tags and
 * punctuation. Used to keep every request under DynamoDB's 16 MB limit.
 *
 * <p>The bound is summed by {@link SdkValues} while it converts an operation (one walk of the
 * item for both); this class holds the arithmetic. For every name and value the bound counts at
 * least as many bytes as DynamoDB counts in the item's size
 * ({@link dev.pitr.model.Item#sizeInBytes()}), so the bound of a put's attributes is also a
 * bound of its item size.
 *
 * <p>When pitr writes the request bodies ({@link JsonBody}) an operation's exact entry length is
 * used instead; it never exceeds this bound (the SDK escapes each half of a surrogate pair,
 * {@link JsonBody} writes the pair's four UTF-8 bytes).
 */
final class RequestSize {
    /** DynamoDB's limit on a BatchWriteItem request. */
    static final long MAX_REQUEST_BYTES = 16L * 1024 * 1024;

    /** Room kept for the request's envelope (table name, options). */
    static final long ENVELOPE_BYTES = 2048;

    /** {@code {"PutRequest":{"Item":{...}}},} around an operation's attribute map. */
    static final int WRITE_REQUEST_OVERHEAD = 32;
    /** {@code {"SS":...}} around a value. */
    static final int TYPED_VALUE_OVERHEAD = 8;
    /** {@code "name":} and a comma, besides the escaped name. */
    static final int MEMBER_OVERHEAD = 4;
    /** {@code {}} or {@code []}. */
    static final int BRACKETS = 2;
    /** A comma between elements. */
    static final int ELEMENT_SEPARATOR = 1;
    /** {@code true}, {@code false} or {@code null} as the value of BOOL or NULL. */
    static final int LITERAL = 5;

    private RequestSize() {
    }

    /** Bytes {@code op} takes in a request, at most. */
    static long of(WriteOp op) {
        return SdkValues.convert(op).requestBytes();
    }

    /** Bytes a number's text takes, at most: its characters and quotes. */
    static long number(String text) {
        return text.length() + 2;
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

    /** Bytes of {@code bytes} bytes in Base64 with quotes. */
    static long base64(int bytes) {
        return 2 + 4L * ((bytes + 2) / 3);
    }
}
