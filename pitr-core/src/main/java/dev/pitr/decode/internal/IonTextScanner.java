package dev.pitr.decode.internal;

import dev.pitr.MalformedExportException;
import dev.pitr.model.internal.AttributeMapBuilder;
import dev.pitr.model.internal.AttributeSetBuilder;
import dev.pitr.model.AttributeValue;
import dev.pitr.model.Origin;
import dev.pitr.model.WriteOp;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decodes the narrow subset of Ion text that DynamoDB's ION exports are written in, straight
 * from the line's bytes, and answers {@code null} for anything outside it or anything it would
 * have to report: {@link IonRecordDecoder} then decodes that line with ion-java, which decides
 * (and words every error). So this class never rejects a line, and it accepts a line only when
 * it builds exactly the operation the ion-java path builds.
 *
 * <p>The subset: an optional {@code $ion_1_0} marker, one struct, and inside it structs, lists,
 * {@code "strings"} (UTF-8, the escapes {@code \" \\ \/ \' \? \0 \a \b \t \n \v \f \r \xHH}
 * and {@code \}{@code uHHHH} outside surrogates), decimals and ints in plain notation
 * ({@code -12}, {@code 103.}, {@code 6d2}, {@code 1.5d-3}), blobs ({@code {{base64}}} without
 * spaces), {@code true}, {@code false}, {@code null}, lists annotated {@code $dynamodb_SS::},
 * {@code $dynamodb_NS::}, {@code $dynamodb_BS::}; field names as identifiers, quoted symbols or
 * strings; spaces and tabs between tokens. Not in it, so left to ion-java: comments, other
 * whitespace, trailing commas, long strings, symbol values, other annotations, typed nulls,
 * hexadecimal, binary or underscored ints, floats, timestamps, clobs, s-expressions, symbol
 * ids, surrogate escapes, invalid UTF-8, and every semantic error (duplicate attributes, empty
 * or duplicate set elements, numbers DynamoDB refuses, nesting beyond {@link
 * RecordDecoder#MAX_DEPTH}, a record missing its fields).
 *
 * <p>Numbers become the text the ion-java path makes through {@code BigDecimal}:
 * plain notation, no trailing zeros, {@code 0} for any zero.
 *
 * <p>One instance per decoder; not thread-safe.
 */
final class IonTextScanner {
    /** Skipped values (OldImage, unknown fields) nested deeper than this go to ion-java. */
    private static final int MAX_SKIP_DEPTH = 2 * RecordDecoder.MAX_DEPTH;
    /** Longest number text built; longer ones are far outside DynamoDB's range anyway. */
    private static final int MAX_NUMBER_TEXT = 200;
    private static final byte[] VERSION_MARKER = "$ion_1_0".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SET_ANNOTATION = "$dynamodb_".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] BASE64 = new byte[128];
    /** Bytes a string may hold as they are: printable ASCII but quotes and backslash, and (in the second) UTF-8's. */
    private static final boolean[] PLAIN_ASCII = new boolean[256];
    private static final boolean[] PLAIN = new boolean[256];
    private static final boolean[] IDENTIFIER_PART = new boolean[256];

    static {
        for (int c = 0x20; c < 0x100; c++) {
            PLAIN[c] = c != '"' && c != '\'' && c != '\\';
            PLAIN_ASCII[c] = PLAIN[c] && c < 0x80;
            IDENTIFIER_PART[c] = isIdentifierStart((byte) c) || isDigit((byte) c);
        }
        Arrays.fill(BASE64, (byte) -1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int i = 0; i < alphabet.length(); i++) {
            BASE64[alphabet.charAt(i)] = (byte) i;
        }
    }

    /** Thrown, without a stack trace, when the line leaves the subset. */
    private static final class Unsupported extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unsupported() {
            super(null, null, false, false);
        }
    }

    private static final Unsupported UNSUPPORTED = new Unsupported();

    private final boolean incremental;
    private final NameCache names = new NameCache();
    private byte[] unescaped = new byte[256];
    private final byte[] numberText = new byte[MAX_NUMBER_TEXT];
    private final byte[] mantissa = new byte[MAX_NUMBER_TEXT];

    private byte[] buf;
    private int pos;
    private int end;

    // What scanString found.
    private boolean stringEscaped;

    // What scanNumber found: [intStart, intEnd) digits, then [fracStart, fracEnd) after a point.
    private boolean negative;
    private boolean decimal;
    private int intStart;
    private int intEnd;
    private int fracStart;
    private int fracEnd;
    private long exponent;

    IonTextScanner(boolean incremental) {
        this.incremental = incremental;
    }

    /** The line's operation, or {@code null} when ion-java must decode it. */
    WriteOp decode(byte[] buf, int off, int len, Origin origin) {
        this.buf = buf;
        this.pos = off;
        this.end = off + len;
        try {
            skipSpace();
            if (startsWith(VERSION_MARKER)) {
                pos += VERSION_MARKER.length;
                if (pos < end && buf[pos] != '{' && !isSpace(buf[pos])) {
                    throw UNSUPPORTED;
                }
                skipSpace();
            }
            WriteOp op = record(origin);
            skipSpace();
            return pos == end ? op : null;
        } catch (Unsupported e) {
            return null;
        } finally {
            this.buf = null;
        }
    }

    private WriteOp record(Origin origin) {
        Map<String, AttributeValue> item = null;
        Map<String, AttributeValue> keys = null;
        Map<String, AttributeValue> newImage = null;
        long timestamp = WriteOp.NO_TIMESTAMP;
        if (openStruct()) {
            do {
                switch (fieldName()) {
                    case "Item" -> item = attributes(0);
                    case "Keys" -> keys = attributes(0);
                    case "NewImage" -> newImage = attributes(0);
                    case "Metadata" -> timestamp = metadata();
                    default -> skipValue(0);
                }
            } while (nextMember('}'));
        }
        try {
            return Records.toOperation(incremental, item, keys, newImage, timestamp, origin);
        } catch (MalformedExportException e) {
            throw UNSUPPORTED;
        }
    }

    private long metadata() {
        long timestamp = WriteOp.NO_TIMESTAMP;
        if (openStruct()) {
            do {
                if (fieldName().equals("WriteTimestampMicros")) {
                    timestamp = wholeNumber();
                } else {
                    skipValue(0);
                }
            } while (nextMember('}'));
        }
        return timestamp;
    }

    private long wholeNumber() {
        scanNumber();
        String text = decimal ? numberText() : null;
        if (text == null) {
            int digits = intEnd - intStart;
            if (digits > 18) {
                throw UNSUPPORTED;
            }
            long value = 0;
            for (int i = intStart; i < intEnd; i++) {
                value = value * 10 + (buf[i] - '0');
            }
            return negative ? -value : value;
        }
        if (text.indexOf('.') >= 0 || text.length() > 18) {
            throw UNSUPPORTED;
        }
        return Long.parseLong(text);
    }

    private Map<String, AttributeValue> attributes(int depth) {
        AttributeMapBuilder map = new AttributeMapBuilder();
        if (openStruct()) {
            do {
                String name = fieldName();
                if (!map.put(name, value(depth))) {
                    throw UNSUPPORTED;
                }
            } while (nextMember('}'));
        }
        return map.build();
    }

    private AttributeValue value(int depth) {
        byte c = peek();
        switch (c) {
            case '"':
                return new AttributeValue.S(string('"'));
            case '{':
                if (pos + 1 < end && buf[pos + 1] == '{') {
                    return AttributeValue.B.wrap(blob());
                }
                checkDepth(depth);
                return new AttributeValue.M(attributes(depth + 1));
            case '[':
                checkDepth(depth);
                List<AttributeValue> list = new ArrayList<>();
                if (openList()) {
                    do {
                        list.add(value(depth + 1));
                    } while (nextMember(']'));
                }
                return new AttributeValue.L(list);
            case 't':
                keyword("true");
                return AttributeValue.Bool.TRUE;
            case 'f':
                keyword("false");
                return AttributeValue.Bool.FALSE;
            case 'n':
                keyword("null");
                return AttributeValue.Null.INSTANCE;
            case '$':
                return set();
            default:
                if (c == '-' || isDigit(c)) {
                    scanNumber();
                    try {
                        return new AttributeValue.N(numberText());
                    } catch (IllegalArgumentException e) {
                        throw UNSUPPORTED;
                    }
                }
                throw UNSUPPORTED;
        }
    }

    private AttributeValue set() {
        char type = setAnnotation();
        if (!openList()) {
            throw UNSUPPORTED; // DynamoDB sets are never empty: ion-java words the error
        }
        if (type == 'B') {
            AttributeSetBuilder<AttributeValue.B> binaries = new AttributeSetBuilder<>();
            do {
                if (!(peek() == '{' && pos + 1 < end && buf[pos + 1] == '{')
                        || !binaries.add(AttributeValue.B.wrap(blob()))) {
                    throw UNSUPPORTED;
                }
            } while (nextMember(']'));
            return new AttributeValue.BS(binaries.build());
        }
        AttributeSetBuilder<String> strings = new AttributeSetBuilder<>();
        do {
            byte c = peek();
            String element;
            if (type == 'S' && c == '"') {
                element = string('"');
            } else if (type == 'N' && (c == '-' || isDigit(c))) {
                scanNumber();
                element = numberText(); // checked by NS's constructor
            } else {
                throw UNSUPPORTED;
            }
            if (!strings.add(element)) {
                throw UNSUPPORTED;
            }
        } while (nextMember(']'));
        if (type == 'S') {
            return new AttributeValue.SS(strings.build());
        }
        try {
            return new AttributeValue.NS(strings.build());
        } catch (IllegalArgumentException e) {
            throw UNSUPPORTED;
        }
    }

    /** Reads {@code $dynamodb_SS::[} (or NS, BS) up to the bracket; answers S, N or B. */
    private char setAnnotation() {
        if (!startsWith(SET_ANNOTATION)) {
            throw UNSUPPORTED;
        }
        int p = pos + SET_ANNOTATION.length;
        if (p + 5 > end || buf[p + 1] != 'S' || buf[p + 2] != ':' || buf[p + 3] != ':' || buf[p + 4] != '[') {
            throw UNSUPPORTED;
        }
        char type = (char) buf[p];
        if (type != 'S' && type != 'N' && type != 'B') {
            throw UNSUPPORTED;
        }
        pos = p + 4;
        return type;
    }

    /** Passes over one value of the subset, checking it as strictly as {@link #value} does. */
    private void skipValue(int depth) {
        if (depth > MAX_SKIP_DEPTH) {
            throw UNSUPPORTED;
        }
        byte c = peek();
        switch (c) {
            case '"' -> {
                pos++;
                scanString('"', true);
            }
            case '{' -> {
                if (pos + 1 < end && buf[pos + 1] == '{') {
                    blobEnd();
                } else if (openStruct()) {
                    do {
                        skipFieldName();
                        skipValue(depth + 1);
                    } while (nextMember('}'));
                }
            }
            case '[' -> skipList(depth);
            case 't' -> keyword("true");
            case 'f' -> keyword("false");
            case 'n' -> keyword("null");
            case '$' -> {
                setAnnotation();
                skipList(depth);
            }
            default -> {
                if (c == '-' || isDigit(c)) {
                    scanNumber();
                } else {
                    throw UNSUPPORTED;
                }
            }
        }
    }

    private void skipList(int depth) {
        if (openList()) {
            do {
                skipValue(depth + 1);
            } while (nextMember(']'));
        }
    }

    private static void checkDepth(int depth) {
        if (depth >= RecordDecoder.MAX_DEPTH) {
            throw UNSUPPORTED;
        }
    }

    // ---- structure ----------------------------------------------------------------------------

    /** Consumes {@code {} and spaces; false when the struct is empty (its {@code }} consumed too). */
    private boolean openStruct() {
        if (peek() != '{' || (pos + 1 < end && buf[pos + 1] == '{')) {
            throw UNSUPPORTED;
        }
        return open('}');
    }

    private boolean openList() {
        if (peek() != '[') {
            throw UNSUPPORTED;
        }
        return open(']');
    }

    private boolean open(char close) {
        pos++;
        skipSpace();
        if (pos < end && buf[pos] == close) {
            pos++;
            return false;
        }
        return true;
    }

    /** After a member: true at a comma (another member follows), false at {@code close}. */
    private boolean nextMember(char close) {
        byte c = peek();
        if (isSpace(c)) {
            skipSpace();
            c = peek();
        }
        if (c == close) {
            pos++;
            return false;
        }
        if (c != ',') {
            throw UNSUPPORTED;
        }
        pos++;
        if (pos < end && isSpace(buf[pos])) {
            skipSpace();
        }
        if (peek() == close) {
            throw UNSUPPORTED; // a trailing comma: valid Ion, but not the exports' shape
        }
        return true;
    }

    private String fieldName() {
        byte c = peek();
        String name;
        if (c == '"' || c == '\'') {
            int from = pos + 1;
            if (c == '\'' && from + 1 < end && buf[from] == '\'' && buf[from + 1] == '\'') {
                throw UNSUPPORTED; // a long string
            }
            pos = from;
            int to = scanString(c, false);
            if (stringEscaped) {
                name = unescape(from, to);
            } else {
                int h = 0;
                for (int i = from; i < to; i++) {
                    h = 31 * h + buf[i];
                }
                name = name(from, to, h, false);
            }
        } else {
            // An identifier, hashed as it is scanned.
            int from = pos;
            int p = from;
            if (!isIdentifierStart(buf[p])) {
                throw UNSUPPORTED;
            }
            int h = 0;
            do {
                h = 31 * h + buf[p];
                p++;
            } while (p < end && IDENTIFIER_PART[buf[p] & 0xFF]);
            pos = p;
            name = name(from, p, h, true);
        }
        colon();
        return name;
    }

    private void skipFieldName() {
        byte c = peek();
        if (c == '"' || c == '\'') {
            if (c == '\'' && pos + 2 < end && buf[pos + 1] == '\'' && buf[pos + 2] == '\'') {
                throw UNSUPPORTED;
            }
            pos++;
            scanString(c, true);
        } else {
            int from = pos;
            if (isReserved(from, identifierEnd() - from)) {
                throw UNSUPPORTED;
            }
        }
        colon();
    }

    private void colon() {
        skipSpace();
        if (peek() != ':' || (pos + 1 < end && buf[pos + 1] == ':')) {
            throw UNSUPPORTED;
        }
        pos++;
        if (pos < end && isSpace(buf[pos])) {
            skipSpace();
        }
    }

    /** Passes over an identifier used as a field name and answers where it ends. */
    private int identifierEnd() {
        int p = pos;
        if (p >= end || !isIdentifierStart(buf[p])) {
            throw UNSUPPORTED;
        }
        p++;
        while (p < end && isIdentifierPart(buf[p])) {
            p++;
        }
        pos = p;
        return p;
    }

    /**
     * Whether these name bytes, unquoted, would not be a plain identifier: a keyword or a symbol
     * id ({@code $7}); ion-java refuses or resolves those.
     */
    private boolean isReserved(int from, int len) {
        if (buf[from] == '$') {
            for (int i = from + 1; i < from + len; i++) {
                if (!isDigit(buf[i])) {
                    return false;
                }
            }
            return true;
        }
        return isKeyword(from, len);
    }

    private boolean isKeyword(int from, int len) {
        return switch (len) {
            case 3 -> buf[from] == 'n' && buf[from + 1] == 'a' && buf[from + 2] == 'n';
            case 4 -> matches(from, "null") || matches(from, "true");
            case 5 -> matches(from, "false");
            default -> false;
        };
    }

    private void keyword(String word) {
        if (pos + word.length() > end || !matches(pos, word)) {
            throw UNSUPPORTED;
        }
        pos += word.length();
    }

    private boolean matches(int from, String word) {
        for (int i = 0; i < word.length(); i++) {
            if (buf[from + i] != word.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private boolean startsWith(byte[] prefix) {
        if (end - pos < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (buf[pos + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private byte peek() {
        if (pos >= end) {
            throw UNSUPPORTED;
        }
        return buf[pos];
    }

    private void skipSpace() {
        while (pos < end && isSpace(buf[pos])) {
            pos++;
        }
    }

    private static boolean isSpace(byte c) {
        return c == ' ' || c == '\t';
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isIdentifierStart(byte c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$';
    }

    private static boolean isIdentifierPart(byte c) {
        return IDENTIFIER_PART[c & 0xFF];
    }

    // ---- names --------------------------------------------------------------------------------

    /**
     * The name in {@code buf[from, to)} (no escapes), from a small cache: attribute names repeat
     * on every line, and a cached String also keeps its hash code. Only names valid both quoted
     * and unquoted are cached, so a hit needs no more checks; a miss checks the bytes: an
     * {@code identifier} must not be reserved, quoted text must be valid UTF-8. {@code h} is
     * the bytes' hash, {@code h = 31 * h + b} over them.
     */
    private String name(int from, int to, int h, boolean identifier) {
        String cached = names.find(buf, from, to, h);
        if (cached != null) {
            return cached;
        }
        boolean reserved = isReserved(from, to - from);
        if (identifier && reserved) {
            throw UNSUPPORTED;
        }
        String name = text(from, to);
        if (!reserved) {
            names.put(buf, from, to, h, name);
        }
        return name;
    }

    /**
     * The text of {@code buf[from, to)}, which holds no escapes. Non-ASCII text is checked here,
     * once: Java's decoder turns every malformed sequence (overlong forms and surrogates
     * included) into U+FFFD, so text without one was valid UTF-8; text with one goes to ion-java.
     */
    private String text(int from, int to) {
        String text = new String(buf, from, to - from, StandardCharsets.UTF_8);
        if (text.indexOf('\uFFFD') >= 0) {
            throw UNSUPPORTED;
        }
        return text;
    }

    // ---- strings ------------------------------------------------------------------------------

    /** Reads a string value starting at its opening quote. */
    private String string(char quote) {
        int from = ++pos;
        int to = scanString(quote, false);
        return stringEscaped ? unescape(from, to) : text(from, to);
    }

    /**
     * Checks the string content starting at {@code pos} up to its closing {@code quote}, leaves
     * {@code pos} after the quote, answers where the content ends, and records in {@link
     * #stringEscaped} whether it held escapes. Multi-byte UTF-8 is checked here
     * only when {@code checkUtf8} (the text of a skipped value is never built, so never checked
     * by {@link #text} or {@link #unescape}).
     */
    private int scanString(int quote, boolean checkUtf8) {
        boolean[] plain = checkUtf8 ? PLAIN_ASCII : PLAIN;
        boolean escaped = false;
        int p = pos;
        while (true) {
            while (p < end && plain[buf[p] & 0xFF]) {
                p++;
            }
            if (p >= end) {
                throw UNSUPPORTED;
            }
            byte c = buf[p];
            if (c == quote) {
                break;
            }
            if (c == '\\') {
                escaped = true;
                p = escapeEnd(p);
            } else if (c == '"' || c == '\'') {
                p++; // the other quote
            } else if (c < 0) {
                p = utf8End(p); // only when checkUtf8
            } else {
                throw UNSUPPORTED; // a raw control character
            }
        }
        stringEscaped = escaped;
        pos = p + 1;
        return p;
    }

    /** Where the escape at {@code p} ends; only escapes whose meaning is plain are in the subset. */
    private int escapeEnd(int p) {
        if (p + 1 >= end) {
            throw UNSUPPORTED;
        }
        switch (buf[p + 1]) {
            case '"', '\'', '\\', '/', '?', '0', 'a', 'b', 't', 'n', 'v', 'f', 'r':
                return p + 2;
            case 'x':
                hex(p + 2, 2);
                return p + 4;
            case 'u':
                int unit = hex(p + 2, 4);
                if (Character.isSurrogate((char) unit)) {
                    throw UNSUPPORTED;
                }
                return p + 6;
            default:
                throw UNSUPPORTED;
        }
    }

    private int hex(int from, int digits) {
        if (from + digits > end) {
            throw UNSUPPORTED;
        }
        int value = 0;
        for (int i = from; i < from + digits; i++) {
            int d = Character.digit(buf[i], 16);
            if (d < 0) {
                throw UNSUPPORTED;
            }
            value = value * 16 + d;
        }
        return value;
    }

    /** Where the multi-byte UTF-8 sequence at {@code p} ends; overlong forms and surrogates are out. */
    private int utf8End(int p) {
        int next = Utf8.sequenceEnd(buf, p, end);
        if (next < 0) {
            throw UNSUPPORTED;
        }
        return next;
    }

    /**
     * The text of checked content {@code buf[from, to)} holding escapes: the UTF-8 between
     * escapes is copied, each escape's character appended in UTF-8, and the whole decoded once
     * by {@link #text}.
     */
    private String unescape(int from, int to) {
        byte[] out = unescaped;
        if (out.length < (to - from)) {
            out = new byte[Math.max(to - from, out.length * 2)];
            unescaped = out;
        }
        int n = 0;
        int p = from;
        while (p < to) {
            int e = p;
            while (e < to && buf[e] != '\\') {
                e++;
            }
            System.arraycopy(buf, p, out, n, e - p);
            n += e - p;
            if (e == to) {
                break;
            }
            int c;
            p = e + 2;
            switch (buf[e + 1]) {
                case 'a' -> c = 0x07;
                case 'b' -> c = '\b';
                case 't' -> c = '\t';
                case 'n' -> c = '\n';
                case 'v' -> c = 0x0B;
                case 'f' -> c = '\f';
                case 'r' -> c = '\r';
                case '0' -> c = 0;
                case 'x' -> {
                    c = hex(p, 2);
                    p += 2;
                }
                case 'u' -> {
                    c = hex(p, 4);
                    p += 4;
                }
                default -> c = buf[e + 1]; // " ' \ / ?
            }
            // An escape is at least two bytes and its character at most three: out stays large enough.
            if (c < 0x80) {
                out[n++] = (byte) c;
            } else if (c < 0x800) {
                out[n++] = (byte) (0xC0 | c >> 6);
                out[n++] = (byte) (0x80 | c & 0x3F);
            } else {
                out[n++] = (byte) (0xE0 | c >> 12);
                out[n++] = (byte) (0x80 | c >> 6 & 0x3F);
                out[n++] = (byte) (0x80 | c & 0x3F);
            }
        }
        String text = new String(out, 0, n, StandardCharsets.UTF_8);
        if (text.indexOf('\uFFFD') >= 0) {
            throw UNSUPPORTED;
        }
        return text;
    }

    // ---- numbers ------------------------------------------------------------------------------

    /**
     * Reads a decimal or int in plain Ion notation: {@code -?(0|[1-9][0-9]*)(\.[0-9]*)?([dD][+-]?[0-9]+)?}.
     * What may follow (a float's {@code e}, a timestamp's {@code -}, an underscore) is checked
     * by the caller, which accepts only a separator.
     */
    private void scanNumber() {
        int p = pos;
        negative = peek() == '-';
        if (negative) {
            p++;
        }
        intStart = p;
        if (p < end && buf[p] == '0') {
            p++;
        } else if (p < end && buf[p] >= '1' && buf[p] <= '9') {
            while (p < end && isDigit(buf[p])) {
                p++;
            }
        } else {
            throw UNSUPPORTED;
        }
        intEnd = p;
        fracStart = p;
        fracEnd = p;
        decimal = false;
        exponent = 0;
        if (p < end && buf[p] == '.') {
            decimal = true;
            fracStart = ++p;
            while (p < end && isDigit(buf[p])) {
                p++;
            }
            fracEnd = p;
        }
        if (p < end && (buf[p] == 'd' || buf[p] == 'D')) {
            decimal = true;
            p++;
            boolean minus = false;
            if (p < end && (buf[p] == '-' || buf[p] == '+')) {
                minus = buf[p] == '-';
                p++;
            }
            int from = p;
            while (p < end && isDigit(buf[p])) {
                exponent = exponent * 10 + (buf[p] - '0');
                p++;
                if (p - from > 9) {
                    throw UNSUPPORTED;
                }
            }
            if (p == from) {
                throw UNSUPPORTED;
            }
            if (minus) {
                exponent = -exponent;
            }
        }
        pos = p;
    }

    /**
     * The scanned number as DynamoDB text, equal to what {@link IonRecordDecoder#canonical} makes
     * of the same decimal: plain notation, no trailing zeros, "0" for any zero.
     */
    private String numberText() {
        int intLen = intEnd - intStart;
        int fracLen = fracEnd - fracStart;
        if (exponent == 0) {
            // Ion ints have no leading zeros, so without an exponent the text is the input's,
            // less the fraction's trailing zeros (and the point, when nothing is left after it).
            int to = fracEnd;
            while (to > fracStart && buf[to - 1] == '0') {
                to--;
            }
            if (to == fracStart) {
                if (intLen == 1 && buf[intStart] == '0') {
                    return "0";
                }
                to = intEnd;
            }
            int from = negative ? intStart - 1 : intStart;
            return new String(buf, from, to - from, StandardCharsets.ISO_8859_1);
        }
        // The mantissa's digits, integer part then fraction, value = mantissa x 10^(exponent - fracLen).
        byte[] digits = mantissa;
        if (intLen + fracLen > digits.length) {
            throw UNSUPPORTED;
        }
        System.arraycopy(buf, intStart, digits, 0, intLen);
        System.arraycopy(buf, fracStart, digits, intLen, fracLen);
        int total = intLen + fracLen;
        int first = 0;
        while (first < total && digits[first] == '0') {
            first++;
        }
        if (first == total) {
            return "0";
        }
        int last = total - 1;
        while (digits[last] == '0') {
            last--;
        }
        int significant = last - first + 1;
        // value = digits[first..last] x 10^power
        long power = exponent - fracLen + (total - 1 - last);
        long length = power >= 0 ? significant + power
                : significant + power > 0 ? significant + 1L
                : 2L - power;
        if (length + 1 > MAX_NUMBER_TEXT) {
            throw UNSUPPORTED;
        }
        byte[] out = numberText;
        int n = 0;
        if (negative) {
            out[n++] = '-';
        }
        if (power >= 0) {
            System.arraycopy(digits, first, out, n, significant);
            n += significant;
            Arrays.fill(out, n, n + (int) power, (byte) '0');
            n += (int) power;
        } else if (significant + power > 0) {
            int whole = (int) (significant + power);
            System.arraycopy(digits, first, out, n, whole);
            n += whole;
            out[n++] = '.';
            System.arraycopy(digits, first + whole, out, n, significant - whole);
            n += significant - whole;
        } else {
            out[n++] = '0';
            out[n++] = '.';
            int zeros = (int) (-power - significant);
            Arrays.fill(out, n, n + zeros, (byte) '0');
            n += zeros;
            System.arraycopy(digits, first, out, n, significant);
            n += significant;
        }
        return new String(out, 0, n, StandardCharsets.ISO_8859_1);
    }

    // ---- blobs --------------------------------------------------------------------------------

    /** Reads {@code {{base64}}} at {@code pos}. */
    private byte[] blob() {
        int from = pos + 2;
        int close = blobEnd();
        int padding = 0;
        int to = close;
        while (to > from && buf[to - 1] == '=') {
            to--;
            padding++;
        }
        int chars = to - from;
        byte[] out = new byte[chars / 4 * 3 + (chars % 4 == 0 ? 0 : chars % 4 - 1)];
        int o = 0;
        int p = from;
        for (; p + 4 <= to; p += 4) {
            int bits = BASE64[buf[p]] << 18 | BASE64[buf[p + 1]] << 12 | BASE64[buf[p + 2]] << 6 | BASE64[buf[p + 3]];
            out[o++] = (byte) (bits >> 16);
            out[o++] = (byte) (bits >> 8);
            out[o++] = (byte) bits;
        }
        if (padding > 0) {
            int bits = BASE64[buf[p]] << 18 | BASE64[buf[p + 1]] << 12;
            out[o++] = (byte) (bits >> 16);
            if (padding == 1) {
                bits |= BASE64[buf[p + 2]] << 6;
                out[o] = (byte) (bits >> 8);
            }
        }
        return out;
    }

    /**
     * Checks {@code {{base64}}} at {@code pos} (no spaces, padded to a multiple of four),
     * leaves {@code pos} after it and answers where the Base64 text ends.
     */
    private int blobEnd() {
        int p = pos + 2;
        int from = p;
        while (p < end && buf[p] >= 0 && BASE64[buf[p]] >= 0) {
            p++;
        }
        int padding = 0;
        while (p < end && buf[p] == '=' && padding < 2) {
            p++;
            padding++;
        }
        if ((p - from) % 4 != 0 || p + 1 >= end || buf[p] != '}' || buf[p + 1] != '}') {
            throw UNSUPPORTED;
        }
        pos = p + 2;
        return p;
    }
}
