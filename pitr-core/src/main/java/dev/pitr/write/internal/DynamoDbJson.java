package dev.pitr.write.internal;

import dev.pitr.model.AttributeValue;
import dev.pitr.model.WriteOp;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;

/**
 * pitr's one writer of DynamoDB JSON, the typed JSON the DynamoDB API and the AWS CLI take
 * ({@code {"S":"a"}}, {@code {"N":"1.5"}}, {@code {"B":"<base64>"}}, {@code {"M":{...}}} and so
 * on), as UTF-8 bytes into a growable buffer. The DynamoDB sink writes BatchWriteItem request
 * bodies with it and the JSON Lines dead-letter sink its lines, so an operation's
 * {@linkplain #writeRequest entry} is the same bytes in both.
 *
 * <p>One escaping rule (RFC 8259): strings are UTF-8 as they are (a surrogate pair as its four
 * bytes), except {@code "} and {@code \} (escaped with a backslash), control characters
 * (<code>&#92;b &#92;t &#92;n &#92;f &#92;r</code>, the others as <code>&#92;u00XX</code>) and
 * unpaired surrogates (as <code>&#92;uXXXX</code>, there being no UTF-8 for them). Binary values
 * are Base64 with padding. Nothing else is escaped: every string is at most six bytes per
 * {@code char} plus its quotes.
 *
 * <p>Not thread-safe: one writer per thread (or per line), {@link #reset} between uses.
 */
public final class DynamoDbJson {
    private static final byte[] PUT_START = bytes("{\"PutRequest\":{\"Item\":");
    private static final byte[] DELETE_START = bytes("{\"DeleteRequest\":{\"Key\":");
    private static final byte[] ENTRY_END = bytes("}}");
    private static final byte[] S = bytes("{\"S\":");
    private static final byte[] N = bytes("{\"N\":");
    private static final byte[] B = bytes("{\"B\":");
    private static final byte[] M = bytes("{\"M\":");
    private static final byte[] L = bytes("{\"L\":");
    private static final byte[] SS = bytes("{\"SS\":");
    private static final byte[] NS = bytes("{\"NS\":");
    private static final byte[] BS = bytes("{\"BS\":");
    private static final byte[] TRUE = bytes("{\"BOOL\":true}");
    private static final byte[] FALSE = bytes("{\"BOOL\":false}");
    private static final byte[] NUL = bytes("{\"NULL\":true}");
    private static final byte[] HEX = bytes("0123456789abcdef");
    private static final Base64.Encoder BASE64 = Base64.getEncoder();

    private byte[] buf;
    private int pos;

    /** An empty writer with room for 1 KB before it grows. */
    public DynamoDbJson() {
        this(1024);
    }

    /** An empty writer with room for {@code initialCapacity} bytes before it grows. */
    public DynamoDbJson(int initialCapacity) {
        this.buf = new byte[Math.max(16, initialCapacity)];
    }

    /** Empties this writer, keeping its buffer. */
    public void reset() {
        pos = 0;
    }

    /** Bytes written since the last {@link #reset}. */
    public int size() {
        return pos;
    }

    /** Bytes this writer holds room for. */
    public int capacity() {
        return buf.length;
    }

    /** A copy of the bytes written. */
    public byte[] toByteArray() {
        return Arrays.copyOf(buf, pos);
    }

    /**
     * {@code op} as a DynamoDB {@code WriteRequest}, one entry of BatchWriteItem's list:
     * {@code {"PutRequest":{"Item":{...}}}} or {@code {"DeleteRequest":{"Key":{...}}}}.
     */
    public void writeRequest(WriteOp op) {
        if (op instanceof WriteOp.Put put) {
            raw(PUT_START);
            attributes(put.item().attributes());
        } else {
            raw(DELETE_START);
            attributes(((WriteOp.Delete) op).key().attributes());
        }
        raw(ENTRY_END);
    }

    /** {@code {"Item":<attributes>}}: an export line's object (without its newline). */
    public void item(Map<String, AttributeValue> attributes) {
        ascii("{\"Item\":");
        attributes(attributes);
        ascii("}");
    }

    /** {@code attributes} as one JSON object of name to typed value, in their order. */
    public void attributes(Map<String, AttributeValue> attributes) {
        put('{');
        for (Map.Entry<String, AttributeValue> e : attributes.entrySet()) {
            string(e.getKey());
            put(':');
            value(e.getValue());
            put(',');
        }
        close('}');
    }

    /** One typed value, {@code {"<type>":<value>}}. */
    public void value(AttributeValue v) {
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
            attributes(map.value());
        } else if (v instanceof AttributeValue.L list) {
            raw(L);
            put('[');
            for (AttributeValue element : list.value()) {
                value(element);
                put(',');
            }
            close(']');
        } else if (v instanceof AttributeValue.SS set) {
            strings(SS, set.value());
        } else if (v instanceof AttributeValue.NS set) {
            strings(NS, set.value());
        } else {
            raw(BS);
            put('[');
            for (AttributeValue.B element : ((AttributeValue.BS) v).value()) {
                base64(element.unsafeBytes());
                put(',');
            }
            close(']');
        }
        put('}');
    }

    /** {@code value} as a JSON number. */
    public void number(long value) {
        raw(bytes(Long.toString(value)));
    }

    /**
     * {@code json} as it is: JSON text of ASCII characters only (punctuation, names that need no
     * escaping).
     *
     * @throws IllegalArgumentException when {@code json} holds a character outside ASCII
     */
    public void ascii(String json) {
        for (int i = 0, n = json.length(); i < n; i++) {
            if (json.charAt(i) >= 0x80) {
                throw new IllegalArgumentException("json must be ASCII, got a non-ASCII character at index " + i);
            }
        }
        raw(bytes(json));
    }

    /** {@code s} as a quoted JSON string. */
    public void string(String s) {
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
                control(c);
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
                unicodeEscape(c);
            } else {
                ensure(3);
                buf[pos++] = (byte) (0xe0 | (c >> 12));
                buf[pos++] = (byte) (0x80 | ((c >> 6) & 0x3f));
                buf[pos++] = (byte) (0x80 | (c & 0x3f));
            }
        }
        put('"');
    }

    /** A string or number set after its type tag. */
    private void strings(byte[] tag, Iterable<String> values) {
        raw(tag);
        put('[');
        for (String s : values) {
            string(s);
            put(',');
        }
        close(']');
    }

    /** A control character: its two-character escape where JSON has one, else <code>&#92;u00XX</code>. */
    private void control(char c) {
        char shortForm = switch (c) {
            case '\b' -> 'b';
            case '\t' -> 't';
            case '\n' -> 'n';
            case '\f' -> 'f';
            case '\r' -> 'r';
            default -> 0;
        };
        if (shortForm == 0) {
            unicodeEscape(c);
        } else {
            ensure(2);
            buf[pos++] = '\\';
            buf[pos++] = (byte) shortForm;
        }
    }

    private void unicodeEscape(char c) {
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
        byte[] encoded = BASE64.encode(data);
        ensure(2 + encoded.length);
        buf[pos++] = '"';
        System.arraycopy(encoded, 0, buf, pos, encoded.length);
        pos += encoded.length;
        buf[pos++] = '"';
    }

    private void raw(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, pos, bytes.length);
        pos += bytes.length;
    }

    /**
     * Ends the object or array being written: {@code bracket} in place of the comma after its last
     * member, or after its opening bracket when it has none.
     */
    private void close(char bracket) {
        if (buf[pos - 1] == ',') {
            buf[pos - 1] = (byte) bracket;
        } else {
            put(bracket);
        }
    }

    private void put(char c) {
        ensure(1);
        buf[pos++] = (byte) c;
    }

    private void ensure(int more) {
        if (pos + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(pos + more, buf.length * 2));
        }
    }

    private static byte[] bytes(String ascii) {
        return ascii.getBytes(StandardCharsets.US_ASCII);
    }
}
