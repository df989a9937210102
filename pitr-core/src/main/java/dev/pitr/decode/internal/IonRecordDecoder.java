package dev.pitr.decode.internal;

import static dev.pitr.decode.internal.Records.bad;
import static dev.pitr.decode.internal.Records.shorten;

import com.amazon.ion.IonException;
import com.amazon.ion.IonReader;
import com.amazon.ion.IonType;
import com.amazon.ion.system.IonReaderBuilder;
import dev.pitr.MalformedExportException;
import dev.pitr.model.AttributeValue;
import dev.pitr.model.Change;
import dev.pitr.model.Numbers;
import dev.pitr.model.Origin;
import dev.pitr.model.WriteOp;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decodes Amazon Ion export lines: first with {@link IonTextScanner}, which reads the narrow
 * text subset DynamoDB writes straight from the bytes, and, for any line it leaves alone (one
 * outside that subset, or one with something to report), with ion-java's streaming {@link
 * IonReader}. The ion-java path is the reference: the scanner accepts a line only when it builds
 * the same operation, and every error comes from the ion-java path.
 *
 * <p>Types map as DynamoDB's Ion export writes them: string to S, decimal (or int) to N kept
 * exact, blob to B, bool to BOOL, null to NULL, struct to M, list to L, and lists annotated
 * {@code $dynamodb_SS}, {@code $dynamodb_NS}, {@code $dynamodb_BS} to sets. Field names may be
 * symbols or strings. {@code WriteTimestampMicros} may be an int or a decimal. A float is refused:
 * exports never write one, and going through binary floating point would change the number.
 */
public final class IonRecordDecoder implements RecordDecoder {
    private static final IonReaderBuilder READERS = IonReaderBuilder.standard();
    /** Beyond this scale a decimal's plain text is long; any number DynamoDB takes strips to far less. */
    private static final int HUGE_SCALE = 1000;

    private final boolean incremental;
    private final IonTextScanner scanner;

    public IonRecordDecoder(boolean incremental) {
        this.incremental = incremental;
        this.scanner = new IonTextScanner(incremental);
    }

    @Override
    public WriteOp decode(byte[] buf, int off, int len, Origin origin) {
        WriteOp op = scanner.decode(buf, off, len, origin);
        return op != null ? op : decodeWithIonJava(buf, off, len, origin);
    }

    @Override
    public Change decodeChange(byte[] buf, int off, int len, Origin origin) {
        Parsed r = parse(buf, off, len, origin, true);
        return Records.toChange(incremental, r.keys, r.oldImage, r.newImage, origin);
    }

    /** The reference decoding, with ion-java's reader: every line the scanner leaves comes here. */
    WriteOp decodeWithIonJava(byte[] buf, int off, int len, Origin origin) {
        Parsed r = parse(buf, off, len, origin, false);
        return Records.toOperation(incremental, r.item, r.keys, r.newImage, r.timestamp, origin);
    }

    /** A line's fields, as ion-java reads them. */
    private record Parsed(Map<String, AttributeValue> item, Map<String, AttributeValue> keys,
                          Map<String, AttributeValue> oldImage, Map<String, AttributeValue> newImage, long timestamp) {
    }

    private Parsed parse(byte[] buf, int off, int len, Origin origin, boolean withOldImage) {
        try (IonReader r = READERS.build(buf, off, len)) {
            if (r.next() != IonType.STRUCT || r.isNullValue()) {
                throw bad(origin, "expected an Ion struct");
            }
            Parsed parsed = record(r, origin, withOldImage);
            if (r.next() != null) {
                throw bad(origin, "more than one value on the line");
            }
            return parsed;
        } catch (MalformedExportException e) {
            throw e;
        } catch (IonException e) {
            // ion-java messages can quote input: say what failed, not what was read.
            throw bad(origin, "invalid Ion text");
        } catch (IOException e) {
            throw bad(origin, "unreadable: " + e.getClass().getSimpleName());
        }
    }

    private Parsed record(IonReader r, Origin origin, boolean withOldImage) {
        Map<String, AttributeValue> item = null;
        Map<String, AttributeValue> keys = null;
        Map<String, AttributeValue> oldImage = null;
        Map<String, AttributeValue> newImage = null;
        long timestamp = WriteOp.NO_TIMESTAMP;
        r.stepIn();
        IonType t;
        while ((t = r.next()) != null) {
            String field = r.getFieldName();
            switch (field) {
                case "Item" -> item = attributes(r, t, origin, "Item", 0);
                case "Keys" -> keys = attributes(r, t, origin, "Keys", 0);
                case "NewImage" -> newImage = attributes(r, t, origin, "NewImage", 0);
                case "OldImage" -> {
                    if (withOldImage) {
                        oldImage = attributes(r, t, origin, "OldImage", 0);
                    } // else not stepped into: a restore never needs it
                }
                case "Metadata" -> timestamp = metadata(r, t, origin);
                default -> {
                    // unknown fields: not stepped into, so never decoded.
                }
            }
        }
        r.stepOut();
        return new Parsed(item, keys, oldImage, newImage, timestamp);
    }

    private long metadata(IonReader r, IonType t, Origin origin) {
        if (t != IonType.STRUCT || r.isNullValue()) {
            throw bad(origin, "expected \"Metadata\" to be a struct");
        }
        long timestamp = WriteOp.NO_TIMESTAMP;
        r.stepIn();
        IonType v;
        while ((v = r.next()) != null) {
            if (!"WriteTimestampMicros".equals(r.getFieldName())) {
                continue;
            }
            try {
                if (v == IonType.INT && !r.isNullValue()) {
                    timestamp = r.longValue();
                } else if (v == IonType.DECIMAL && !r.isNullValue()) {
                    timestamp = r.bigDecimalValue().longValueExact();
                } else {
                    throw bad(origin, "expected \"WriteTimestampMicros\" to be an int or a decimal");
                }
            } catch (ArithmeticException e) {
                throw bad(origin, "\"WriteTimestampMicros\" is not a whole number of microseconds");
            }
        }
        r.stepOut();
        return timestamp;
    }

    private Map<String, AttributeValue> attributes(IonReader r, IonType t, Origin origin, String what, int depth) {
        if (t != IonType.STRUCT || r.isNullValue()) {
            throw bad(origin, "expected \"" + what + "\" to be a struct");
        }
        Map<String, AttributeValue> map = new HashMap<>();
        r.stepIn();
        IonType v;
        while ((v = r.next()) != null) {
            String name = r.getFieldName();
            if (map.put(name, value(r, v, origin, name, depth)) != null) {
                throw bad(origin, "attribute \"" + name + "\" appears twice in \"" + what + "\"");
            }
        }
        r.stepOut();
        return map;
    }

    private AttributeValue value(IonReader r, IonType t, Origin origin, String name, int depth) {
        String[] annotations = r.getTypeAnnotations();
        if (r.isNullValue()) {
            if (t != IonType.NULL || annotations.length > 0) {
                throw bad(origin, "\"" + name + "\" is a typed Ion null; only null.null maps to NULL");
            }
            return AttributeValue.Null.INSTANCE;
        }
        if (annotations.length > 0 && t != IonType.LIST) {
            throw bad(origin, "\"" + name + "\" has an annotation on a " + t + "; only lists may be sets");
        }
        switch (t) {
            case STRING:
                return new AttributeValue.S(r.stringValue());
            case DECIMAL:
            case INT:
                return number(r, t, origin, name);
            case BLOB:
                return AttributeValue.B.wrap(r.newBytes());
            case BOOL:
                return AttributeValue.Bool.of(r.booleanValue());
            case STRUCT:
                checkDepth(depth, origin, name);
                return new AttributeValue.M(attributes(r, t, origin, name, depth + 1));
            case LIST:
                if (annotations.length == 0) {
                    checkDepth(depth, origin, name);
                    List<AttributeValue> list = new ArrayList<>();
                    r.stepIn();
                    IonType e;
                    while ((e = r.next()) != null) {
                        list.add(value(r, e, origin, name, depth + 1));
                    }
                    r.stepOut();
                    return new AttributeValue.L(list);
                }
                return set(r, annotations, origin, name);
            case FLOAT:
                throw bad(origin, "\"" + name + "\" is an Ion float; numbers must be decimals to stay exact");
            default:
                throw bad(origin, "\"" + name + "\" has Ion type " + t + ", which no DynamoDB type maps to");
        }
    }

    private AttributeValue set(IonReader r, String[] annotations, Origin origin, String name) {
        String tag = annotations.length == 1 ? annotations[0] : "";
        Set<String> strings = new HashSet<>();
        Set<AttributeValue.B> binaries = new HashSet<>();
        String type;
        IonType elementType;
        switch (tag) {
            case "$dynamodb_SS" -> {
                type = "SS";
                elementType = IonType.STRING;
            }
            case "$dynamodb_NS" -> {
                type = "NS";
                elementType = null;
            }
            case "$dynamodb_BS" -> {
                type = "BS";
                elementType = IonType.BLOB;
            }
            default -> throw bad(origin, "\"" + name + "\" is a list with unknown annotation \""
                    + shorten(String.join("::", annotations)) + "\"");
        }
        r.stepIn();
        IonType e;
        while ((e = r.next()) != null) {
            boolean ok = elementType == null ? (e == IonType.DECIMAL || e == IonType.INT) : e == elementType;
            if (!ok || r.isNullValue() || r.getTypeAnnotations().length > 0) {
                throw bad(origin, "the " + type + " of \"" + name + "\" holds a " + e + " element");
            }
            boolean added = switch (type) {
                case "SS" -> strings.add(r.stringValue());
                case "NS" -> strings.add(number(r, e, origin, name).text());
                default -> binaries.add(AttributeValue.B.wrap(r.newBytes()));
            };
            if (!added) {
                throw bad(origin, "the " + type + " of \"" + name + "\" holds an element twice");
            }
        }
        r.stepOut();
        if (strings.isEmpty() && binaries.isEmpty()) {
            throw bad(origin, "the " + type + " of \"" + name + "\" is empty; DynamoDB sets are never empty");
        }
        return switch (type) {
            case "SS" -> new AttributeValue.SS(strings);
            case "NS" -> new AttributeValue.NS(strings);
            default -> new AttributeValue.BS(binaries);
        };
    }

    private static AttributeValue.N number(IonReader r, IonType t, Origin origin, String name) {
        String text;
        if (t == IonType.INT) {
            text = r.bigIntegerValue().toString();
        } else {
            BigDecimal d = r.bigDecimalValue();
            if (Math.abs((long) d.scale()) > HUGE_SCALE) {
                // Plain text of 1d999999999 would be a billion characters: check the number in
                // its short form first (the verdict is the same: Numbers.check reads exponents).
                String problem = Numbers.check(d.toString());
                if (problem != null) {
                    throw bad(origin, "the N of \"" + name + "\": " + problem);
                }
            }
            text = canonical(d);
        }
        try {
            return new AttributeValue.N(text);
        } catch (IllegalArgumentException e) {
            throw bad(origin, "the N of \"" + name + "\": " + e.getMessage());
        }
    }

    /**
     * Decimal text as DynamoDB itself writes numbers: plain (never an exponent), no trailing
     * zeros. The magnitude limits (1E-130 .. 9.99E+125) keep it under 170 characters.
     */
    static String canonical(BigDecimal d) {
        return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
    }

    private static void checkDepth(int depth, Origin origin, String name) {
        if (depth >= MAX_DEPTH) {
            throw bad(origin, "\"" + name + "\" is nested deeper than " + MAX_DEPTH + " levels");
        }
    }
}
