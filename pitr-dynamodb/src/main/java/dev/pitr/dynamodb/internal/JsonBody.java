package dev.pitr.dynamodb.internal;

import dev.pitr.model.AttributeValue;
import dev.pitr.model.WriteOp;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Writes BatchWriteItem request bodies straight from pitr's model, in the JSON DynamoDB takes
 * (the same document the SDK's marshaller writes for the same request, up to insignificant
 * differences: short escapes, key order).
 *
 * <p>Each operation's entry ({@code {"PutRequest":{"Item":{...}}}} or
 * {@code {"DeleteRequest":{"Key":{...}}}}) is written once, on the caller's thread that prepares
 * it; a request body is then the envelope around the entries of its batch, joined by commas, so
 * the writer's single thread only copies bytes, and a subset of a batch (handed back, narrowed
 * down) costs a copy, not a second serialization.
 *
 * <p>Strings are UTF-8 as they are, except {@code "} and {@code \} (escaped with a backslash),
 * control characters (as <code>&#92;u00XX</code>) and unpaired surrogates (as <code>&#92;uXXXX</code>, there being
 * no UTF-8 for them). An entry is never longer than the {@link RequestSize} bound of its
 * operation.
 */
final class JsonBody {
    private static final byte[] PUT_START = ascii("{\"PutRequest\":{\"Item\":");
    private static final byte[] DELETE_START = ascii("{\"DeleteRequest\":{\"Key\":");
    private static final byte[] ENTRY_END = ascii("}}");
    private static final byte[] S = ascii("{\"S\":");
    private static final byte[] N = ascii("{\"N\":");
    private static final byte[] B = ascii("{\"B\":");
    private static final byte[] M = ascii("{\"M\":");
    private static final byte[] L = ascii("{\"L\":");
    private static final byte[] SS = ascii("{\"SS\":");
    private static final byte[] NS = ascii("{\"NS\":");
    private static final byte[] BS = ascii("{\"BS\":");
    private static final byte[] TRUE = ascii("{\"BOOL\":true}");
    private static final byte[] FALSE = ascii("{\"BOOL\":false}");
    private static final byte[] NUL = ascii("{\"NULL\":true}");
    private static final byte[] HEX = ascii("0123456789abcdef");
    private static final java.util.Base64.Encoder BASE64_ENCODER = java.util.Base64.getEncoder();
    /** A thread's buffer is dropped after writing an entry larger than this, not kept. */
    private static final int KEPT_BUFFER_BYTES = 1 << 20;
    private static final ThreadLocal<Out> BUFFERS = ThreadLocal.withInitial(Out::new);

    private JsonBody() {
    }

    /** {@code op}'s entry in a request's list of write requests, as UTF-8 JSON. */
    static byte[] entry(WriteOp op) {
        Out out = BUFFERS.get();
        out.pos = 0;
        if (op instanceof WriteOp.Put put) {
            out.raw(PUT_START);
            out.map(put.item().attributes());
        } else {
            out.raw(DELETE_START);
            out.map(((WriteOp.Delete) op).key().attributes());
        }
        out.raw(ENTRY_END);
        byte[] entry = Arrays.copyOf(out.buf, out.pos);
        if (out.buf.length > KEPT_BUFFER_BYTES) {
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
            Out out = new Out();
            out.raw(ascii("{\"RequestItems\":{"));
            out.string(table);
            out.raw(ascii(":["));
            return new Envelope(Arrays.copyOf(out.buf, out.pos), ascii("]},\"ReturnConsumedCapacity\":\"TOTAL\"}"));
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

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** A growable buffer and the writing of DynamoDB JSON into it. */
    private static final class Out {
        byte[] buf = new byte[1024];
        int pos;

        private void ensure(int more) {
            if (pos + more > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(pos + more, buf.length * 2));
            }
        }

        void raw(byte[] bytes) {
            ensure(bytes.length);
            System.arraycopy(bytes, 0, buf, pos, bytes.length);
            pos += bytes.length;
        }

        private void put(char c) {
            ensure(1);
            buf[pos++] = (byte) c;
        }

        void map(Map<String, AttributeValue> attributes) {
            put('{');
            boolean first = true;
            for (Map.Entry<String, AttributeValue> e : attributes.entrySet()) {
                if (!first) {
                    put(',');
                }
                first = false;
                string(e.getKey());
                put(':');
                value(e.getValue());
            }
            put('}');
        }

        void value(AttributeValue v) {
            if (v instanceof AttributeValue.S str) {
                raw(S);
                string(str.value());
            } else if (v instanceof AttributeValue.N num) {
                raw(N);
                string(num.text());
            } else if (v instanceof AttributeValue.B bin) {
                raw(B);
                base64(bin.unsafeBytes());
            } else if (v instanceof AttributeValue.Bool bool) {
                raw(bool.value() ? TRUE : FALSE);
                return;
            } else if (v instanceof AttributeValue.Null) {
                raw(NUL);
                return;
            } else if (v instanceof AttributeValue.M map) {
                raw(M);
                map(map.value());
            } else if (v instanceof AttributeValue.L list) {
                raw(L);
                put('[');
                boolean first = true;
                for (AttributeValue element : list.value()) {
                    if (!first) {
                        put(',');
                    }
                    first = false;
                    value(element);
                }
                put(']');
            } else if (v instanceof AttributeValue.SS set) {
                raw(SS);
                strings(set.value());
            } else if (v instanceof AttributeValue.NS set) {
                raw(NS);
                strings(set.value());
            } else {
                raw(BS);
                put('[');
                boolean first = true;
                for (AttributeValue.B element : ((AttributeValue.BS) v).value()) {
                    if (!first) {
                        put(',');
                    }
                    first = false;
                    base64(element.unsafeBytes());
                }
                put(']');
            }
            put('}');
        }

        private void strings(Iterable<String> values) {
            put('[');
            boolean first = true;
            for (String s : values) {
                if (!first) {
                    put(',');
                }
                first = false;
                string(s);
            }
            put(']');
        }

        /** {@code s} as a quoted JSON string. */
        void string(String s) {
            int n = s.length();
            ensure(n + 2);
            byte[] b = buf;
            int p = pos;
            b[p++] = '"';
            int i = 0;
            // The common case: printable ASCII without quotes or backslashes, one byte a char.
            for (; i < n; i++) {
                char c = s.charAt(i);
                if (c < 0x20 || c >= 0x80 || c == '"' || c == '\\') {
                    break;
                }
                b[p++] = (byte) c;
            }
            pos = p;
            for (; i < n; i++) {
                char c = s.charAt(i);
                if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
                    put(c);
                } else if (c == '"' || c == '\\') {
                    ensure(2);
                    buf[pos++] = '\\';
                    buf[pos++] = (byte) c;
                } else if (c < 0x20) {
                    escape(c);
                } else if (c < 0x800) {
                    ensure(2);
                    buf[pos++] = (byte) (0xc0 | (c >> 6));
                    buf[pos++] = (byte) (0x80 | (c & 0x3f));
                } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    int cp = Character.toCodePoint(c, s.charAt(++i));
                    ensure(4);
                    buf[pos++] = (byte) (0xf0 | (cp >> 18));
                    buf[pos++] = (byte) (0x80 | ((cp >> 12) & 0x3f));
                    buf[pos++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
                    buf[pos++] = (byte) (0x80 | (cp & 0x3f));
                } else if (Character.isSurrogate(c)) {
                    escape(c);
                } else {
                    ensure(3);
                    buf[pos++] = (byte) (0xe0 | (c >> 12));
                    buf[pos++] = (byte) (0x80 | ((c >> 6) & 0x3f));
                    buf[pos++] = (byte) (0x80 | (c & 0x3f));
                }
            }
            put('"');
        }

        private void escape(char c) {
            ensure(6);
            buf[pos++] = '\\';
            buf[pos++] = 'u';
            buf[pos++] = HEX[c >> 12];
            buf[pos++] = HEX[(c >> 8) & 0xf];
            buf[pos++] = HEX[(c >> 4) & 0xf];
            buf[pos++] = HEX[c & 0xf];
        }

        /** {@code data} in Base64 (with padding) as a quoted JSON string, by the JDK's encoder. */
        private void base64(byte[] data) {
            byte[] encoded = BASE64_ENCODER.encode(data);
            ensure(2 + encoded.length);
            buf[pos++] = '"';
            System.arraycopy(encoded, 0, buf, pos, encoded.length);
            pos += encoded.length;
            buf[pos++] = '"';
        }
    }
}
