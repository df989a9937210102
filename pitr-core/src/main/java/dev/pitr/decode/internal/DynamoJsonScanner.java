package dev.pitr.decode.internal;

import static dev.pitr.decode.internal.RecordDecoder.MAX_DEPTH;

import dev.pitr.model.internal.AttributeMapBuilder;
import dev.pitr.model.internal.AttributeSetBuilder;
import dev.pitr.model.AttributeValue;
import dev.pitr.model.Origin;
import dev.pitr.model.WriteOp;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fast path of {@link JsonRecordDecoder}: a strict scanner of the one JSON shape DynamoDB
 * exports write, straight over a line's UTF-8 bytes, building the model with no parser object,
 * token or intermediate string per line. Attribute names, which repeat on every line, come from
 * a small cache keyed by their bytes.
 *
 * <p>It accepts a line only when it understands all of it. On anything else (malformed JSON, a
 * type tag written with an escape, an unknown top-level field, a surrogate {@code \}{@code u}
 * escape, whitespace inside Base64, a duplicate name, a value DynamoDB would refuse) it gives up
 * and returns {@code null}; the caller then decodes the line with Jackson, which either builds
 * the same operation or reports what is wrong with the line. Whatever it accepts, Jackson accepts
 * and decodes to the same operation: {@code DynamoJsonScannerTest} holds it to that over
 * generated and mutated lines. Errors are therefore never produced here.
 *
 * <p>Why not Jackson alone: creating a parser per line and going through its tokens, name
 * canonicalization and text buffers cost more than the rest of the decoding (measured by
 * {@code DecodeBenchmark}, see benchmarks/RESULTS.md), and this grammar is small and fixed.
 *
 * <p>Not thread-safe: one instance per decoder.
 */
final class DynamoJsonScanner {
    /** Thrown to abandon a line; carries nothing, costs no stack trace. */
    private static final class GiveUp extends RuntimeException {
        private static final long serialVersionUID = 1L;

        GiveUp() {
            super(null, null, false, false);
        }
    }

    private static final GiveUp GIVE_UP = new GiveUp();

    /** Jackson's nesting limit as {@link JsonRecordDecoder} configures it, for skipped values. */
    private static final int MAX_SKIP_DEPTH = 4 * MAX_DEPTH + 8;

    private static final byte[] ITEM = ascii("Item");
    private static final byte[] KEYS = ascii("Keys");
    private static final byte[] NEW_IMAGE = ascii("NewImage");
    private static final byte[] OLD_IMAGE = ascii("OldImage");
    private static final byte[] METADATA = ascii("Metadata");
    private static final byte[] TIMESTAMP = ascii("WriteTimestampMicros");
    private static final byte[] TRUE = ascii("true");
    private static final byte[] FALSE = ascii("false");
    private static final byte[] NULL = ascii("null");

    private final boolean incremental;
    private final NameCache names = new NameCache();
    private AttributeMapBuilder[] maps = new AttributeMapBuilder[MAX_DEPTH + 1];
    private List<ArrayList<AttributeValue>> lists = new ArrayList<>();
    private AttributeSetBuilder<String> strings = new AttributeSetBuilder<>();
    private AttributeSetBuilder<AttributeValue.B> binaries = new AttributeSetBuilder<>();
    private byte[] scratch = new byte[256];

    private byte[] b;
    private int pos;
    private int end;

    DynamoJsonScanner(boolean incremental) {
        this.incremental = incremental;
    }

    /**
     * The operation of the line in {@code buf[off, off+len)}, or {@code null} when the scanner
     * leaves the line to Jackson.
     *
     * @throws dev.pitr.MalformedExportException when the line is well-formed JSON whose record
     *                                           is not an operation (the rule of {@link Records})
     */
    WriteOp scan(byte[] buf, int off, int len, Origin origin) {
        b = buf;
        pos = off;
        end = off + len;
        Map<String, AttributeValue> item;
        Map<String, AttributeValue> keys;
        Map<String, AttributeValue> newImage;
        long timestamp;
        try {
            item = null;
            keys = null;
            newImage = null;
            timestamp = WriteOp.NO_TIMESTAMP;
            boolean oldImage = false;
            boolean metadata = false;
            expect('{');
            if (!peekIs('}')) {
                do {
                    int nameStart = quoted();
                    int nameEnd = pos - 1;
                    expect(':');
                    if (is(nameStart, nameEnd, ITEM) && item == null) {
                        item = attributes(0);
                    } else if (is(nameStart, nameEnd, KEYS) && keys == null) {
                        keys = attributes(0);
                    } else if (is(nameStart, nameEnd, NEW_IMAGE) && newImage == null) {
                        newImage = attributes(0);
                    } else if (is(nameStart, nameEnd, OLD_IMAGE) && !oldImage) {
                        oldImage = true;
                        skipValue(0);
                    } else if (is(nameStart, nameEnd, METADATA) && !metadata) {
                        metadata = true;
                        timestamp = metadata();
                    } else {
                        throw GIVE_UP; // a field of a later format version, or one written twice
                    }
                } while (nextIsComma('}'));
            }
            skipWhitespace();
            if (pos != end) {
                throw GIVE_UP;
            }
        } catch (GiveUp | ArrayIndexOutOfBoundsException e) {
            discardPartialState();
            return null;
        } finally {
            b = null;
        }
        return Records.toOperation(incremental, item, keys, newImage, timestamp, origin);
    }

    private long metadata() {
        expect('{');
        long timestamp = WriteOp.NO_TIMESTAMP;
        if (peekIs('}')) {
            return timestamp;
        }
        do {
            int nameStart = quoted();
            int nameEnd = pos - 1;
            expect(':');
            if (is(nameStart, nameEnd, TIMESTAMP)) {
                if (!(value(0) instanceof AttributeValue.N n)) {
                    throw GIVE_UP;
                }
                try {
                    timestamp = Long.parseLong(n.text());
                } catch (NumberFormatException e) {
                    throw GIVE_UP;
                }
            } else {
                skipValue(0);
            }
        } while (nextIsComma('}'));
        return timestamp;
    }

    /** An object of attribute names to typed values, built in the builder of its depth. */
    private Map<String, AttributeValue> attributes(int depth) {
        expect('{');
        AttributeMapBuilder map = maps[depth];
        if (map == null) {
            map = new AttributeMapBuilder();
            maps[depth] = map;
        }
        if (!peekIs('}')) {
            do {
                String name = name();
                expect(':');
                if (!map.put(name, value(depth))) {
                    throw GIVE_UP;
                }
            } while (nextIsComma('}'));
        }
        return map.build();
    }

    /** One typed value: {@code {"<tag>": <content>}}. */
    private AttributeValue value(int depth) {
        expect('{');
        int tagStart = quoted();
        int tagLength = pos - 1 - tagStart;
        expect(':');
        byte t0 = b[tagStart];
        AttributeValue v;
        if (tagLength == 1) {
            v = switch (t0) {
                case 'S' -> new AttributeValue.S(string());
                case 'N' -> number(string());
                case 'B' -> AttributeValue.B.wrap(binary());
                case 'M' -> {
                    checkDepth(depth);
                    yield new AttributeValue.M(attributes(depth + 1));
                }
                case 'L' -> {
                    checkDepth(depth);
                    yield list(depth);
                }
                default -> throw GIVE_UP;
            };
        } else if (tagLength == 2 && b[tagStart + 1] == 'S') {
            v = switch (t0) {
                case 'S' -> new AttributeValue.SS(stringSet());
                case 'N' -> {
                    try {
                        yield new AttributeValue.NS(stringSet());
                    } catch (IllegalArgumentException e) {
                        throw GIVE_UP; // an element is not a number DynamoDB takes
                    }
                }
                case 'B' -> {
                    expect('[');
                    if (peekIs(']')) {
                        throw GIVE_UP;
                    }
                    do {
                        if (!binaries.add(AttributeValue.B.wrap(binary()))) {
                            throw GIVE_UP;
                        }
                    } while (nextIsComma(']'));
                    yield new AttributeValue.BS(binaries.build());
                }
                default -> throw GIVE_UP;
            };
        } else if (tagLength == 4 && t0 == 'B' && is(tagStart, tagStart + 4, "BOOL")) {
            v = AttributeValue.Bool.of(bool());
        } else if (tagLength == 4 && t0 == 'N' && is(tagStart, tagStart + 4, "NULL")) {
            if (!bool()) {
                throw GIVE_UP;
            }
            v = AttributeValue.Null.INSTANCE;
        } else {
            throw GIVE_UP;
        }
        expect('}');
        return v;
    }

    /** The elements of an SS or NS: a non-empty array of distinct strings. */
    private Set<String> stringSet() {
        expect('[');
        if (peekIs(']')) {
            throw GIVE_UP;
        }
        do {
            if (!strings.add(string())) {
                throw GIVE_UP;
            }
        } while (nextIsComma(']'));
        return strings.build();
    }

    private AttributeValue list(int depth) {
        expect('[');
        while (lists.size() <= depth) {
            lists.add(new ArrayList<>());
        }
        ArrayList<AttributeValue> list = lists.get(depth);
        if (!peekIs(']')) {
            do {
                list.add(value(depth + 1));
            } while (nextIsComma(']'));
        }
        AttributeValue.L l = new AttributeValue.L(list);
        list.clear();
        return l;
    }

    private static void checkDepth(int depth) {
        if (depth >= MAX_DEPTH) {
            throw GIVE_UP;
        }
    }

    private static AttributeValue.N number(String text) {
        try {
            return new AttributeValue.N(text);
        } catch (IllegalArgumentException e) {
            throw GIVE_UP;
        }
    }

    private boolean bool() {
        skipWhitespace();
        if (literal(TRUE)) {
            return true;
        }
        if (literal(FALSE)) {
            return false;
        }
        throw GIVE_UP;
    }

    private boolean literal(byte[] word) {
        int n = word.length;
        if (end - pos >= n && Arrays.equals(b, pos, pos + n, word, 0, n)) {
            pos += n;
            return true;
        }
        return false;
    }

    // ---- strings ------------------------------------------------------------------------------

    /** Skips whitespace and the opening quote of a string, returning where its content starts. */
    private int openQuote() {
        skipWhitespace();
        if (b[pos] != '"') {
            throw GIVE_UP;
        }
        return ++pos;
    }

    /**
     * Skips whitespace and a string with neither escapes nor bytes beyond ASCII, returning where
     * its content starts; {@code pos} is left after the closing quote. Gives up on anything else.
     */
    private int quoted() {
        int start = openQuote();
        int i = start;
        byte c;
        while ((c = b[i]) != '"') {
            if (c == '\\' || c < 0x20) { // negative: beyond ASCII
                throw GIVE_UP;
            }
            i++;
        }
        if (i >= end) {
            throw GIVE_UP;
        }
        pos = i + 1;
        return start;
    }

    /** An attribute name: from the cache when it is plain ASCII, else decoded. */
    private String name() {
        int start = openQuote();
        int i = start;
        int h = 0;
        byte c;
        while ((c = b[i]) != '"') {
            if (c == '\\' || c < 0x20) {
                return stringFrom(start);
            }
            h = 31 * h + c;
            i++;
        }
        if (i >= end) {
            throw GIVE_UP;
        }
        pos = i + 1;
        String name = names.find(b, start, i, h);
        if (name == null) {
            name = new String(b, start, i - start, StandardCharsets.ISO_8859_1);
            names.put(b, start, i, h, name);
        }
        return name;
    }

    /** A JSON string, decoded. */
    private String string() {
        return stringFrom(openQuote());
    }

    /** The rest of a JSON string whose content starts at {@code start}, decoded. */
    private String stringFrom(int start) {
        int i = start;
        byte c;
        boolean ascii = true;
        while ((c = b[i]) != '"') {
            if (c == '\\') {
                return escapedString(start);
            }
            if (c < 0x20) {
                if (c >= 0) {
                    throw GIVE_UP; // a raw control character, which JSON forbids
                }
                ascii = false;
            }
            i++;
        }
        if (i >= end) {
            throw GIVE_UP;
        }
        pos = i + 1;
        return ascii ? new String(b, start, i - start, StandardCharsets.ISO_8859_1) : utf8(b, start, i);
    }

    /**
     * Decodes {@code a[from, to)} as UTF-8. The JDK's decoder is strict and replaces what is
     * malformed by U+FFFD, so only a string holding U+FFFD is checked byte by byte: an encoded
     * U+FFFD stays, anything malformed makes the scanner give up.
     */
    private static String utf8(byte[] a, int from, int to) {
        String s = new String(a, from, to - from, StandardCharsets.UTF_8);
        if (s.indexOf('\uFFFD') >= 0) {
            for (int k = from; k < to; ) {
                k = utf8Sequence(a, k, to);
            }
        }
        return s;
    }

    /**
     * The slow path of {@link #string()}: copies the runs between escapes and the escaped
     * characters (as UTF-8) into {@link #scratch}, then decodes it.
     */
    private String escapedString(int start) {
        int n = 0;
        int i = start;
        boolean ascii = true;
        while (true) {
            int run = i;
            byte c = 0;
            while (i < end && (c = b[i]) != '"' && c != '\\' && (c >= 0x20 || c < 0)) {
                ascii &= c >= 0;
                i++;
            }
            if (i >= end || (c >= 0 && c < 0x20)) {
                throw GIVE_UP; // unterminated, or a raw control character
            }
            int length = i - run;
            if (scratch.length - n < length + 3) {
                scratch = Arrays.copyOf(scratch, Math.max(scratch.length * 2, n + length + 3));
            }
            System.arraycopy(b, run, scratch, n, length);
            n += length;
            if (c == '"') {
                break;
            }
            int ch = escape(i + 1);
            i += b[i + 1] == 'u' ? 6 : 2;
            n = appendUtf8(ch, n);
            ascii &= ch < 0x80;
        }
        pos = i + 1;
        return ascii ? new String(scratch, 0, n, StandardCharsets.ISO_8859_1) : utf8(scratch, 0, n);
    }

    /** The character an escape stands for, {@code at} being just after its backslash. */
    private int escape(int at) {
        return switch (b[at]) {
            case '"' -> '"';
            case '\\' -> '\\';
            case '/' -> '/';
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'u' -> {
                if (end - at < 5) {
                    throw GIVE_UP;
                }
                int ch = 0;
                for (int k = at + 1; k <= at + 4; k++) {
                    int d = Character.digit(b[k], 16);
                    if (d < 0) {
                        throw GIVE_UP;
                    }
                    ch = ch << 4 | d;
                }
                if (Character.isSurrogate((char) ch)) {
                    throw GIVE_UP; // pairs and lone halves: left to Jackson
                }
                yield ch;
            }
            default -> throw GIVE_UP;
        };
    }

    private int appendUtf8(int ch, int n) {
        byte[] s = scratch;
        if (ch < 0x80) {
            s[n++] = (byte) ch;
        } else if (ch < 0x800) {
            s[n++] = (byte) (0xC0 | ch >> 6);
            s[n++] = (byte) (0x80 | ch & 0x3F);
        } else {
            s[n++] = (byte) (0xE0 | ch >> 12);
            s[n++] = (byte) (0x80 | ch >> 6 & 0x3F);
            s[n++] = (byte) (0x80 | ch & 0x3F);
        }
        return n;
    }

    /** {@link Utf8#sequenceEnd}, giving up on a malformed sequence. */
    private static int utf8Sequence(byte[] b, int i, int limit) {
        int next = Utf8.sequenceEnd(b, i, limit);
        if (next < 0) {
            throw GIVE_UP;
        }
        return next;
    }

    /** A Base64 string, decoded; standard alphabet with its padding, as Jackson's default variant. */
    private byte[] binary() {
        int start = quoted();
        int length = pos - 1 - start;
        if ((length & 3) != 0) {
            throw GIVE_UP;
        }
        ByteBuffer decoded;
        try {
            decoded = Base64.getDecoder().decode(ByteBuffer.wrap(b, start, length));
        } catch (IllegalArgumentException e) {
            throw GIVE_UP;
        }
        byte[] array = decoded.array();
        return decoded.arrayOffset() == 0 && decoded.remaining() == array.length
                ? array
                : Arrays.copyOfRange(array, decoded.arrayOffset() + decoded.position(),
                        decoded.arrayOffset() + decoded.limit());
    }

    // ---- skipping (OldImage, unknown Metadata fields) -----------------------------------------

    /** Skips any JSON value, checking its syntax as Jackson's {@code skipChildren} would. */
    private void skipValue(int depth) {
        if (depth > MAX_SKIP_DEPTH) {
            throw GIVE_UP;
        }
        skipWhitespace();
        byte c = b[pos];
        switch (c) {
            case '{' -> {
                pos++;
                if (!peekIs('}')) {
                    do {
                        skipString();
                        expect(':');
                        skipValue(depth + 1);
                    } while (nextIsComma('}'));
                }
            }
            case '[' -> {
                pos++;
                if (!peekIs(']')) {
                    do {
                        skipValue(depth + 1);
                    } while (nextIsComma(']'));
                }
            }
            case '"' -> skipString();
            case 't' -> require(literal(TRUE));
            case 'f' -> require(literal(FALSE));
            case 'n' -> require(literal(NULL));
            default -> skipNumber();
        }
    }

    private void skipString() {
        skipWhitespace();
        if (b[pos] != '"') {
            throw GIVE_UP;
        }
        int i = pos + 1;
        while (true) {
            if (i >= end) {
                throw GIVE_UP;
            }
            byte c = b[i];
            if (c == '"') {
                break;
            }
            if (c == '\\') {
                escape(i + 1);
                i += b[i + 1] == 'u' ? 6 : 2;
            } else if (c >= 0x20) {
                i++;
            } else if (c >= 0) {
                throw GIVE_UP;
            } else {
                i = utf8Sequence(b, i, end);
            }
        }
        pos = i + 1;
    }

    /** A JSON number: {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?}. */
    private void skipNumber() {
        int i = pos;
        if (i < end && b[i] == '-') {
            i++;
        }
        if (i < end && b[i] == '0') {
            i++;
        } else {
            int digits = digits(i);
            if (digits == 0) {
                throw GIVE_UP;
            }
            i += digits;
        }
        if (i < end && b[i] == '.') {
            int digits = digits(i + 1);
            if (digits == 0) {
                throw GIVE_UP;
            }
            i += 1 + digits;
        }
        if (i < end && (b[i] == 'e' || b[i] == 'E')) {
            i++;
            if (i < end && (b[i] == '+' || b[i] == '-')) {
                i++;
            }
            int digits = digits(i);
            if (digits == 0) {
                throw GIVE_UP;
            }
            i += digits;
        }
        if (i < end && isDigitOrLetter(b[i])) {
            throw GIVE_UP; // "01", "1x": Jackson refuses both
        }
        pos = i;
    }

    private int digits(int from) {
        int i = from;
        while (i < end && b[i] >= '0' && b[i] <= '9') {
            i++;
        }
        return i - from;
    }

    private static boolean isDigitOrLetter(byte c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    // ---- structure ----------------------------------------------------------------------------

    private void skipWhitespace() {
        int i = pos;
        byte[] a = b;
        while (i < end) {
            byte c = a[i];
            if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
                break;
            }
            i++;
        }
        pos = i;
    }

    private void expect(char c) {
        if (pos < end && b[pos] == c) { // exports hold no whitespace: the usual case
            pos++;
            return;
        }
        skipWhitespace();
        if (pos >= end || b[pos] != c) {
            throw GIVE_UP;
        }
        pos++;
    }

    /** After whitespace, consumes {@code c} and returns true if it is next. */
    private boolean peekIs(char c) {
        skipWhitespace();
        if (pos < end && b[pos] == c) {
            pos++;
            return true;
        }
        return false;
    }

    /** After a member or element: true on a comma, false on {@code close}; gives up otherwise. */
    private boolean nextIsComma(char close) {
        if (pos < end && b[pos] > ' ') {
            byte c = b[pos++];
            if (c == ',') {
                return true;
            }
            if (c == close) {
                return false;
            }
            throw GIVE_UP;
        }
        skipWhitespace();
        if (pos < end) {
            byte c = b[pos++];
            if (c == ',') {
                return true;
            }
            if (c == close) {
                return false;
            }
        }
        throw GIVE_UP;
    }

    private boolean is(int from, int to, byte[] word) {
        return to - from == word.length && Arrays.equals(b, from, to, word, 0, word.length);
    }

    private boolean is(int from, int to, String word) {
        for (int k = 0; k < word.length(); k++) {
            if (b[from + k] != word.charAt(k)) {
                return false;
            }
        }
        return to - from == word.length();
    }

    private static void require(boolean ok) {
        if (!ok) {
            throw GIVE_UP;
        }
    }

    /** After giving up mid-line, builders may hold a partial value: start them afresh. */
    private void discardPartialState() {
        maps = new AttributeMapBuilder[MAX_DEPTH + 1];
        lists = new ArrayList<>();
        strings = new AttributeSetBuilder<>();
        binaries = new AttributeSetBuilder<>();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
