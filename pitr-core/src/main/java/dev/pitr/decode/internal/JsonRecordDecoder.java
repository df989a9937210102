package dev.pitr.decode.internal;

import static dev.pitr.decode.internal.Records.bad;
import static dev.pitr.decode.internal.Records.shorten;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import dev.pitr.MalformedExportException;
import dev.pitr.model.AttributeValue;
import dev.pitr.model.Change;
import dev.pitr.model.Origin;
import dev.pitr.model.WriteOp;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decodes DynamoDB JSON lines: first with {@link DynamoJsonScanner}, a strict scanner of the
 * export's fixed shape over the line's bytes; any line it does not fully understand (and every
 * malformed one) then goes through Jackson's streaming parser, which decodes it the same way or
 * says what is wrong with it: no tree model, numbers kept as their text, Base64 decoded once.
 *
 * <p>FULL lines are {@code {"Item":{...}}}. INCREMENTAL lines carry {@code Keys}, optionally
 * {@code NewImage} (a Put of the whole new image), {@code OldImage} (skipped unread) and
 * {@code Metadata.WriteTimestampMicros}; without {@code NewImage} the line is a Delete by
 * {@code Keys}. Unknown top-level fields are ignored.
 */
public final class JsonRecordDecoder implements RecordDecoder {
    private final JsonFactory factory;
    private final boolean incremental;
    private final DynamoJsonScanner scanner;

    /**
     * @param incremental  whether lines come from an INCREMENTAL export
     * @param maxLineBytes the line limit, which also bounds any one string
     */
    public JsonRecordDecoder(boolean incremental, int maxLineBytes) {
        this.incremental = incremental;
        this.scanner = new DynamoJsonScanner(incremental);
        this.factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxStringLength(Math.max(maxLineBytes, StreamReadConstraints.DEFAULT_MAX_STRING_LEN))
                        .maxNestingDepth(4 * MAX_DEPTH + 8)
                        .build())
                .build();
    }

    @Override
    public WriteOp decode(byte[] buf, int off, int len, Origin origin) {
        WriteOp op = scanner.scan(buf, off, len, origin);
        return op != null ? op : decodeWithJackson(buf, off, len, origin);
    }

    @Override
    public Change decodeChange(byte[] buf, int off, int len, Origin origin) {
        Parsed r = parse(buf, off, len, origin, true);
        return Records.toChange(incremental, r.keys, r.oldImage, r.newImage, origin);
    }

    /** The reference decoding, used for every line the scanner leaves; its errors name the line. */
    WriteOp decodeWithJackson(byte[] buf, int off, int len, Origin origin) {
        Parsed r = parse(buf, off, len, origin, false);
        return Records.toOperation(incremental, r.item, r.keys, r.newImage, r.timestamp, origin);
    }

    /** A line's fields, as Jackson reads them. */
    private record Parsed(Map<String, AttributeValue> item, Map<String, AttributeValue> keys,
                          Map<String, AttributeValue> oldImage, Map<String, AttributeValue> newImage, long timestamp) {
    }

    private Parsed parse(byte[] buf, int off, int len, Origin origin, boolean withOldImage) {
        try (JsonParser p = factory.createParser(buf, off, len)) {
            return record(p, origin, withOldImage);
        } catch (MalformedExportException e) {
            throw e;
        } catch (StreamConstraintsException e) {
            throw bad(origin, "exceeds a parser limit (" + e.getOriginalMessage().split("\\(")[0].trim() + ")");
        } catch (JsonProcessingException e) {
            throw bad(origin, describe(e));
        } catch (IOException e) {
            throw bad(origin, "unreadable: " + e.getClass().getSimpleName());
        }
    }

    private Parsed record(JsonParser p, Origin origin, boolean withOldImage) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw bad(origin, "expected a JSON object");
        }
        Map<String, AttributeValue> item = null;
        Map<String, AttributeValue> keys = null;
        Map<String, AttributeValue> oldImage = null;
        Map<String, AttributeValue> newImage = null;
        long timestamp = WriteOp.NO_TIMESTAMP;
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            t = p.nextToken();
            switch (field) {
                case "Item" -> item = attributes(p, t, origin, "Item", 0);
                case "Keys" -> keys = attributes(p, t, origin, "Keys", 0);
                case "NewImage" -> newImage = attributes(p, t, origin, "NewImage", 0);
                case "OldImage" -> {
                    if (withOldImage) {
                        oldImage = attributes(p, t, origin, "OldImage", 0);
                    } else {
                        p.skipChildren(); // a restore never needs it
                    }
                }
                case "Metadata" -> timestamp = metadata(p, t, origin);
                default -> p.skipChildren(); // fields added by later format versions
            }
        }
        if (t != JsonToken.END_OBJECT || p.nextToken() != null) {
            throw bad(origin, "unexpected content after the record");
        }
        return new Parsed(item, keys, oldImage, newImage, timestamp);
    }

    private long metadata(JsonParser p, JsonToken t, Origin origin) throws IOException {
        if (t != JsonToken.START_OBJECT) {
            throw bad(origin, "expected \"Metadata\" to be an object");
        }
        long timestamp = WriteOp.NO_TIMESTAMP;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken v = p.nextToken();
            if (field.equals("WriteTimestampMicros")) {
                AttributeValue n = value(p, v, origin, "WriteTimestampMicros", 0);
                if (!(n instanceof AttributeValue.N num)) {
                    throw bad(origin, "expected \"WriteTimestampMicros\" to be an N");
                }
                try {
                    timestamp = Long.parseLong(num.text());
                } catch (NumberFormatException e) {
                    throw bad(origin, "\"WriteTimestampMicros\" is not a whole number");
                }
            } else {
                p.skipChildren();
            }
        }
        return timestamp;
    }

    /** An object of attribute name to typed value: an item, a key, an image or an M. */
    private Map<String, AttributeValue> attributes(JsonParser p, JsonToken t, Origin origin, String what, int depth)
            throws IOException {
        if (t != JsonToken.START_OBJECT) {
            throw bad(origin, "expected \"" + what + "\" to be an object");
        }
        Map<String, AttributeValue> map = new HashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            AttributeValue v = value(p, p.nextToken(), origin, name, depth);
            if (map.put(name, v) != null) {
                throw bad(origin, "attribute \"" + name + "\" appears twice in \"" + what + "\"");
            }
        }
        return map;
    }

    /** One typed value: {@code {"<tag>": <content>}}. */
    private AttributeValue value(JsonParser p, JsonToken t, Origin origin, String name, int depth) throws IOException {
        if (t != JsonToken.START_OBJECT) {
            throw bad(origin, "expected the value of \"" + name + "\" to be an object with a type tag");
        }
        if (p.nextToken() != JsonToken.FIELD_NAME) {
            throw bad(origin, "the value of \"" + name + "\" has no type tag");
        }
        String tag = p.currentName();
        JsonToken c = p.nextToken();
        AttributeValue v = switch (tag) {
            case "S" -> new AttributeValue.S(string(p, c, origin, name, tag));
            case "N" -> number(string(p, c, origin, name, tag), origin, name);
            case "B" -> AttributeValue.B.wrap(binary(p, c, origin, name));
            case "BOOL" -> {
                if (c != JsonToken.VALUE_TRUE && c != JsonToken.VALUE_FALSE) {
                    throw bad(origin, "expected the BOOL of \"" + name + "\" to be true or false");
                }
                yield AttributeValue.Bool.of(c == JsonToken.VALUE_TRUE);
            }
            case "NULL" -> {
                if (c != JsonToken.VALUE_TRUE) {
                    throw bad(origin, "expected the NULL of \"" + name + "\" to be true");
                }
                yield AttributeValue.Null.INSTANCE;
            }
            case "M" -> {
                checkDepth(depth, origin, name);
                yield new AttributeValue.M(attributes(p, c, origin, name, depth + 1));
            }
            case "L" -> {
                checkDepth(depth, origin, name);
                expectArray(c, origin, name, tag);
                List<AttributeValue> list = new ArrayList<>();
                JsonToken e;
                while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
                    list.add(value(p, e, origin, name, depth + 1));
                }
                yield new AttributeValue.L(list);
            }
            case "SS" -> {
                expectArray(c, origin, name, tag);
                Set<String> set = new HashSet<>();
                JsonToken e;
                while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
                    addUnique(set, string(p, e, origin, name, tag), origin, name, tag);
                }
                yield new AttributeValue.SS(nonEmpty(set, origin, name, tag));
            }
            case "NS" -> {
                expectArray(c, origin, name, tag);
                Set<String> set = new HashSet<>();
                JsonToken e;
                while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
                    String text = string(p, e, origin, name, tag);
                    number(text, origin, name);
                    addUnique(set, text, origin, name, tag);
                }
                yield new AttributeValue.NS(nonEmpty(set, origin, name, tag));
            }
            case "BS" -> {
                expectArray(c, origin, name, tag);
                Set<AttributeValue.B> set = new HashSet<>();
                JsonToken e;
                while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
                    addUnique(set, AttributeValue.B.wrap(binary(p, e, origin, name)), origin, name, tag);
                }
                yield new AttributeValue.BS(nonEmpty(set, origin, name, tag));
            }
            default -> throw bad(origin, "unknown type tag \"" + shorten(tag) + "\" in \"" + name + "\"");
        };
        if (p.nextToken() != JsonToken.END_OBJECT) {
            throw bad(origin, "the value of \"" + name + "\" has more than one type tag");
        }
        return v;
    }

    private static void checkDepth(int depth, Origin origin, String name) {
        if (depth >= MAX_DEPTH) {
            throw bad(origin, "\"" + name + "\" is nested deeper than " + MAX_DEPTH + " levels");
        }
    }

    private static void expectArray(JsonToken c, Origin origin, String name, String tag) {
        if (c != JsonToken.START_ARRAY) {
            throw bad(origin, "expected the " + tag + " of \"" + name + "\" to be an array");
        }
    }

    private static String string(JsonParser p, JsonToken c, Origin origin, String name, String tag) throws IOException {
        if (c != JsonToken.VALUE_STRING) {
            throw bad(origin, "expected the " + tag + " of \"" + name + "\" to be a string");
        }
        return p.getText();
    }

    private static AttributeValue.N number(String text, Origin origin, String name) {
        try {
            return new AttributeValue.N(text);
        } catch (IllegalArgumentException e) {
            throw bad(origin, "the N of \"" + name + "\": " + e.getMessage());
        }
    }

    private static byte[] binary(JsonParser p, JsonToken c, Origin origin, String name) throws IOException {
        if (c != JsonToken.VALUE_STRING) {
            throw bad(origin, "expected the binary of \"" + name + "\" to be a Base64 string");
        }
        try {
            return p.getBinaryValue();
        } catch (JsonProcessingException e) {
            throw bad(origin, "the binary of \"" + name + "\" is not valid Base64");
        }
    }

    private static <T> void addUnique(Set<T> set, T element, Origin origin, String name, String tag) {
        if (!set.add(element)) {
            throw bad(origin, "the " + tag + " of \"" + name + "\" holds an element twice");
        }
    }

    private static <T> Set<T> nonEmpty(Set<T> set, Origin origin, String name, String tag) {
        if (set.isEmpty()) {
            throw bad(origin, "the " + tag + " of \"" + name + "\" is empty; DynamoDB sets are never empty");
        }
        return set;
    }

    private static String describe(JsonProcessingException e) {
        // Jackson's own message can quote input (attribute values): report the position only.
        JsonLocation at = e.getLocation();
        String where = at == null ? "" : " at column " + at.getColumnNr();
        String m = e.getOriginalMessage();
        if (m != null && m.startsWith("Unexpected end-of-input")) {
            return "invalid JSON: the line ends inside a value" + where;
        }
        return "invalid JSON" + where;
    }


}
