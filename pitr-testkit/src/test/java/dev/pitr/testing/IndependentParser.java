package dev.pitr.testing;

import com.amazon.ion.IonBlob;
import com.amazon.ion.IonBool;
import com.amazon.ion.IonDatagram;
import com.amazon.ion.IonDecimal;
import com.amazon.ion.IonList;
import com.amazon.ion.IonString;
import com.amazon.ion.IonStruct;
import com.amazon.ion.IonSystem;
import com.amazon.ion.IonType;
import com.amazon.ion.IonValue;
import com.amazon.ion.system.IonSystemBuilder;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.github.luben.zstd.ZstdInputStream;
import dev.pitr.model.AttributeValue;
import dev.pitr.model.Item;
import dev.pitr.model.Key;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * A deliberately simple reader of generated data files for the generator's own tests: it
 * shares no code with the generator or with pitr-core's decoders. JSON lines become plain
 * maps and lists (Jackson's streaming parser, duplicate names rejected); Ion lines are loaded
 * with ion-java's DOM. Both convert to {@link AttributeValue}s by the documented rules.
 */
final class IndependentParser {
    private static final JsonFactory JSON = JsonFactory.builder().build();
    private static final IonSystem ION = IonSystemBuilder.standard().build();

    private IndependentParser() {
    }

    /** The uncompressed bytes of a data file, decompressed by its name's extension. */
    static byte[] uncompressed(Path file) {
        try (InputStream raw = Files.newInputStream(file)) {
            String name = file.getFileName().toString();
            InputStream in = name.endsWith(".gz") ? new GZIPInputStream(raw)
                    : name.endsWith(".zst") ? new ZstdInputStream(raw) : raw;
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The lines of a data file; fails unless every line, the last included, ends in {@code \n}. */
    static List<String> lines(Path file) {
        String text = new String(uncompressed(file), StandardCharsets.UTF_8);
        List<String> lines = new ArrayList<>();
        int from = 0;
        while (from < text.length()) {
            int nl = text.indexOf('\n', from);
            if (nl < 0) {
                throw new AssertionError(file + ": last line does not end in \\n");
            }
            lines.add(text.substring(from, nl));
            from = nl + 1;
        }
        return lines;
    }

    // ---------------------------------------------------------------- JSON

    /** One JSON line as nested {@code Map<String, Object>}, {@code List<Object>}, String, Boolean, null. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> json(String line) {
        try (JsonParser p = JSON.createParser(line)) {
            Object v = readJson(p, p.nextToken());
            if (p.nextToken() != null) {
                throw new AssertionError("content after the object");
            }
            return (Map<String, Object>) v;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Object readJson(JsonParser p, JsonToken t) throws IOException {
        switch (t) {
            case START_OBJECT: {
                Map<String, Object> m = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    if (m.containsKey(name)) {
                        throw new AssertionError("duplicate field " + name);
                    }
                    m.put(name, readJson(p, p.nextToken()));
                }
                return m;
            }
            case START_ARRAY: {
                List<Object> l = new ArrayList<>();
                for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
                    l.add(readJson(p, e));
                }
                return l;
            }
            case VALUE_STRING:
                return p.getText();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                throw new AssertionError("unexpected JSON token " + t + " (numbers must be strings)");
        }
    }

    /** Attributes from a DynamoDB JSON object of typed values. */
    @SuppressWarnings("unchecked")
    static Map<String, AttributeValue> jsonAttributes(Object object) {
        Map<String, AttributeValue> out = new LinkedHashMap<>();
        ((Map<String, Object>) object).forEach((name, v) -> out.put(name, jsonValue(v)));
        return out;
    }

    /** A typed value: an object with exactly one type key. */
    @SuppressWarnings("unchecked")
    static AttributeValue jsonValue(Object typed) {
        Map<String, Object> m = (Map<String, Object>) typed;
        if (m.size() != 1) {
            throw new AssertionError("typed value with " + m.size() + " keys: " + m.keySet());
        }
        Map.Entry<String, Object> e = m.entrySet().iterator().next();
        Object v = e.getValue();
        switch (e.getKey()) {
            case "S":
                return new AttributeValue.S((String) v);
            case "N":
                return new AttributeValue.N((String) v);
            case "B":
                return AttributeValue.B.ofBase64((String) v);
            case "BOOL":
                return AttributeValue.Bool.of((Boolean) v);
            case "NULL":
                if (!Boolean.TRUE.equals(v)) {
                    throw new AssertionError("NULL must be true");
                }
                return AttributeValue.Null.INSTANCE;
            case "M":
                return new AttributeValue.M(jsonAttributes(v));
            case "L": {
                List<AttributeValue> l = new ArrayList<>();
                for (Object o : (List<Object>) v) {
                    l.add(jsonValue(o));
                }
                return new AttributeValue.L(l);
            }
            case "SS":
                return new AttributeValue.SS(distinct((List<String>) v));
            case "NS":
                return new AttributeValue.NS(distinct((List<String>) v));
            case "BS": {
                Set<AttributeValue.B> s = new LinkedHashSet<>();
                for (String b64 : (List<String>) v) {
                    if (!s.add(AttributeValue.B.ofBase64(b64))) {
                        throw new AssertionError("duplicate BS element");
                    }
                }
                return new AttributeValue.BS(s);
            }
            default:
                throw new AssertionError("unknown type " + e.getKey());
        }
    }

    private static <T> Set<T> distinct(List<T> l) {
        Set<T> s = new LinkedHashSet<>(l);
        if (s.size() != l.size()) {
            throw new AssertionError("duplicate set element");
        }
        return s;
    }

    // ---------------------------------------------------------------- Ion

    /** One Ion line: its single top-level struct (a leading {@code $ion_1_0} is a system value). */
    static IonStruct ion(String line) {
        IonDatagram d = ION.getLoader().load(line);
        if (d.size() != 1 || d.get(0).getType() != IonType.STRUCT) {
            throw new AssertionError("expected one struct on the line, got " + d.size() + " values");
        }
        return (IonStruct) d.get(0);
    }

    /** Attributes from an Ion struct of DynamoDB values. */
    static Map<String, AttributeValue> ionAttributes(IonValue struct) {
        Map<String, AttributeValue> out = new LinkedHashMap<>();
        for (IonValue v : (IonStruct) struct) {
            if (out.put(v.getFieldName(), ionValue(v)) != null) {
                throw new AssertionError("duplicate field " + v.getFieldName());
            }
        }
        return out;
    }

    /** A value by the documented Ion mapping. */
    static AttributeValue ionValue(IonValue v) {
        String[] annotations = v.getTypeAnnotations();
        if (annotations.length > 0) {
            IonList list = (IonList) v;
            switch (annotations[0]) {
                case "$dynamodb_SS": {
                    List<String> l = new ArrayList<>();
                    list.forEach(e -> l.add(((IonString) e).stringValue()));
                    return new AttributeValue.SS(distinct(l));
                }
                case "$dynamodb_NS": {
                    List<String> l = new ArrayList<>();
                    list.forEach(e -> l.add(canonical(((IonDecimal) e).bigDecimalValue())));
                    return new AttributeValue.NS(distinct(l));
                }
                case "$dynamodb_BS": {
                    List<AttributeValue.B> l = new ArrayList<>();
                    list.forEach(e -> l.add(AttributeValue.B.of(((IonBlob) e).getBytes())));
                    return new AttributeValue.BS(distinct(l));
                }
                default:
                    throw new AssertionError("unknown annotation " + annotations[0]);
            }
        }
        switch (v.getType()) {
            case STRING:
                return new AttributeValue.S(((IonString) v).stringValue());
            case DECIMAL:
                return new AttributeValue.N(canonical(((IonDecimal) v).bigDecimalValue()));
            case BLOB:
                return AttributeValue.B.of(((IonBlob) v).getBytes());
            case BOOL:
                return AttributeValue.Bool.of(((IonBool) v).booleanValue());
            case NULL:
                return AttributeValue.Null.INSTANCE;
            case STRUCT:
                return new AttributeValue.M(ionAttributes(v));
            case LIST: {
                List<AttributeValue> l = new ArrayList<>();
                for (IonValue e : (IonList) v) {
                    l.add(ionValue(e));
                }
                return new AttributeValue.L(l);
            }
            default:
                throw new AssertionError("unexpected Ion type " + v.getType());
        }
    }

    static String canonical(BigDecimal d) {
        return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
    }

    // ---------------------------------------------------------------- records

    /** A data line, format-independent. */
    record Line(Long writeTimestampMicros, Key keys, Item oldImage, Item newImage, Item item) {
    }

    /** Parses one line of either format into its parts, checking the record's field names. */
    static Line parse(String line, boolean ion) {
        Map<String, Map<String, AttributeValue>> parts = new LinkedHashMap<>();
        Long micros = null;
        if (ion) {
            for (IonValue field : ion(line)) {
                if (field.getFieldName().equals("Metadata")) {
                    IonValue ts = ((IonStruct) field).get("WriteTimestampMicros");
                    micros = ((IonDecimal) ts).bigDecimalValue().longValueExact();
                } else {
                    parts.put(field.getFieldName(), ionAttributes(field));
                }
            }
        } else {
            for (Map.Entry<String, Object> field : json(line).entrySet()) {
                if (field.getKey().equals("Metadata")) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> md = (Map<String, Object>) field.getValue();
                    micros = Long.parseLong(((AttributeValue.N) jsonValue(md.get("WriteTimestampMicros"))).text());
                } else {
                    parts.put(field.getKey(), jsonAttributes(field.getValue()));
                }
            }
        }
        Set<String> allowed = Set.of("Item", "Keys", "OldImage", "NewImage");
        if (!allowed.containsAll(parts.keySet())) {
            throw new AssertionError("unexpected fields " + parts.keySet());
        }
        return new Line(micros, parts.containsKey("Keys") ? new Key(parts.get("Keys")) : null,
                item(parts.get("OldImage")), item(parts.get("NewImage")), item(parts.get("Item")));
    }

    private static Item item(Map<String, AttributeValue> attributes) {
        return attributes == null ? null : new Item(attributes);
    }
}
