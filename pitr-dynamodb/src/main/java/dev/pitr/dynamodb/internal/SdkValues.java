package dev.pitr.dynamodb.internal;

import dev.pitr.model.AttributeValue;
import dev.pitr.model.Key;
import dev.pitr.model.WriteOp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Converts pitr's attribute values to the SDK's without copying payloads: strings and number
 * texts are shared, binaries are wrapped with {@link SdkBytes#fromByteArrayUnsafe}. The same walk
 * sums the {@link RequestSize} bound of what it converts. {@link #toModel(Map)} converts back,
 * what a read answered, into pitr's model.
 *
 * <p>One conversion reuses one SDK builder per value type: a fresh builder costs an
 * {@code EnumSet} and the SDK's union bookkeeping for every value, while a builder that already
 * holds a value of its type only swaps the value. A built value shares nothing mutable with its
 * builder, and the builders never leave the conversion (so it stays thread-safe).
 */
public final class SdkValues {
    private static final software.amazon.awssdk.services.dynamodb.model.AttributeValue TRUE =
            software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromBool(true);
    private static final software.amazon.awssdk.services.dynamodb.model.AttributeValue FALSE =
            software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromBool(false);
    private static final software.amazon.awssdk.services.dynamodb.model.AttributeValue NUL =
            software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromNul(true);

    private SdkValues() {
    }

    /**
     * An operation converted for BatchWriteItem.
     *
     * @param request         its entry in a request
     * @param attributesBytes the {@link RequestSize} bound of its attribute map (a put's item, a
     *                        delete's key), which also bounds a put's item size
     */
    record Converted(WriteRequest request, long attributesBytes) {
        /** Bytes the entry takes in a request, at most. */
        long requestBytes() {
            return RequestSize.WRITE_REQUEST_OVERHEAD + attributesBytes;
        }
    }

    /** The BatchWriteItem request entry for {@code op}. */
    public static WriteRequest writeRequest(WriteOp op) {
        return convert(op).request();
    }

    /** {@code op}'s request entry and its size bound, from one walk of its attributes. */
    static Converted convert(WriteOp op) {
        Conversion c = new Conversion();
        if (op instanceof WriteOp.Put put) {
            WriteRequest request = WriteRequest.builder()
                    .putRequest(PutRequest.builder().item(c.map(put.item().attributes())).build())
                    .build();
            return new Converted(request, c.bytes);
        }
        Key key = ((WriteOp.Delete) op).key();
        WriteRequest request = WriteRequest.builder()
                .deleteRequest(DeleteRequest.builder().key(c.map(key.attributes())).build())
                .build();
        return new Converted(request, c.bytes);
    }

    /** A map of SDK values, in the same order. */
    static Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> toSdk(
            Map<String, AttributeValue> attributes) {
        return new Conversion().map(attributes);
    }

    /** One SDK value. */
    static software.amazon.awssdk.services.dynamodb.model.AttributeValue toSdk(AttributeValue v) {
        return new Conversion().value(v);
    }

    /**
     * A value converted, with the {@link RequestSize} bound of its JSON (type tag included).
     *
     * @param value the SDK's value
     * @param bytes bytes its DynamoDB JSON takes, at most
     */
    record Sized(software.amazon.awssdk.services.dynamodb.model.AttributeValue value, long bytes) {
    }

    /** One SDK value and its size bound, from one walk. */
    static Sized sized(AttributeValue v) {
        Conversion c = new Conversion();
        software.amazon.awssdk.services.dynamodb.model.AttributeValue value = c.value(v);
        return new Sized(value, c.bytes);
    }

    /**
     * An item (or key) the SDK answered, as pitr's attribute values: strings and number texts are
     * shared, binaries take the answer's bytes without a copy (nothing else holds the answer).
     *
     * @throws IllegalArgumentException when a value has a type pitr does not know (a newer
     *                                  service's), or a number or set pitr's model refuses
     */
    public static Map<String, AttributeValue> toModel(
            Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> attributes) {
        Map<String, AttributeValue> out = new LinkedHashMap<>(capacityFor(attributes.size()));
        attributes.forEach((name, value) -> out.put(name, toModel(value)));
        return out;
    }

    /** One SDK value as pitr's. */
    public static AttributeValue toModel(software.amazon.awssdk.services.dynamodb.model.AttributeValue v) {
        return switch (v.type()) {
            case S -> new AttributeValue.S(v.s());
            case N -> new AttributeValue.N(v.n());
            case B -> AttributeValue.B.wrap(v.b().asByteArrayUnsafe());
            case BOOL -> AttributeValue.Bool.of(v.bool());
            case NUL -> AttributeValue.Null.INSTANCE;
            case M -> new AttributeValue.M(toModel(v.m()));
            case L -> {
                List<AttributeValue> list = new ArrayList<>(v.l().size());
                for (software.amazon.awssdk.services.dynamodb.model.AttributeValue element : v.l()) {
                    list.add(toModel(element));
                }
                yield new AttributeValue.L(list);
            }
            case SS -> new AttributeValue.SS(new LinkedHashSet<>(v.ss()));
            case NS -> new AttributeValue.NS(new LinkedHashSet<>(v.ns()));
            case BS -> {
                Set<AttributeValue.B> set = new LinkedHashSet<>(capacityFor(v.bs().size()));
                for (SdkBytes b : v.bs()) {
                    set.add(AttributeValue.B.wrap(b.asByteArrayUnsafe()));
                }
                yield new AttributeValue.BS(set);
            }
            default -> throw new IllegalArgumentException("attribute value of a type pitr does not know: "
                    + v.type());
        };
    }

    /** The builders of one conversion, each made when its type first appears, and its size so far. */
    private static final class Conversion {
        long bytes;
        private software.amazon.awssdk.services.dynamodb.model.AttributeValue.Builder s;
        private software.amazon.awssdk.services.dynamodb.model.AttributeValue.Builder n;
        private software.amazon.awssdk.services.dynamodb.model.AttributeValue.Builder b;
        private software.amazon.awssdk.services.dynamodb.model.AttributeValue.Builder m;
        private software.amazon.awssdk.services.dynamodb.model.AttributeValue.Builder l;
        private software.amazon.awssdk.services.dynamodb.model.AttributeValue.Builder ss;
        private software.amazon.awssdk.services.dynamodb.model.AttributeValue.Builder ns;
        private software.amazon.awssdk.services.dynamodb.model.AttributeValue.Builder bs;

        private static software.amazon.awssdk.services.dynamodb.model.AttributeValue.Builder builder() {
            return software.amazon.awssdk.services.dynamodb.model.AttributeValue.builder();
        }

        Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> map(
                Map<String, AttributeValue> attributes) {
            Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> out =
                    new LinkedHashMap<>(capacityFor(attributes.size()));
            bytes += RequestSize.BRACKETS;
            for (Map.Entry<String, AttributeValue> e : attributes.entrySet()) {
                bytes += RequestSize.MEMBER_OVERHEAD + RequestSize.escaped(e.getKey());
                out.put(e.getKey(), value(e.getValue()));
            }
            return out;
        }

        software.amazon.awssdk.services.dynamodb.model.AttributeValue value(AttributeValue v) {
            bytes += RequestSize.TYPED_VALUE_OVERHEAD;
            if (v instanceof AttributeValue.S str) {
                bytes += RequestSize.escaped(str.value());
                s = s == null ? builder() : s;
                return s.s(str.value()).build();
            } else if (v instanceof AttributeValue.N num) {
                bytes += RequestSize.number(num.text());
                n = n == null ? builder() : n;
                return n.n(num.text()).build();
            } else if (v instanceof AttributeValue.B bin) {
                bytes += RequestSize.base64(bin.length());
                b = b == null ? builder() : b;
                return b.b(bytes(bin)).build();
            } else if (v instanceof AttributeValue.Bool bool) {
                bytes += RequestSize.LITERAL;
                return bool.value() ? TRUE : FALSE;
            } else if (v instanceof AttributeValue.Null) {
                bytes += RequestSize.LITERAL;
                return NUL;
            } else if (v instanceof AttributeValue.M map) {
                Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> inner = map(map.value());
                m = m == null ? builder() : m;
                return m.m(inner).build();
            } else if (v instanceof AttributeValue.L list) {
                bytes += RequestSize.BRACKETS;
                List<software.amazon.awssdk.services.dynamodb.model.AttributeValue> inner =
                        new ArrayList<>(list.value().size());
                for (AttributeValue element : list.value()) {
                    bytes += RequestSize.ELEMENT_SEPARATOR;
                    inner.add(value(element));
                }
                l = l == null ? builder() : l;
                return l.l(inner).build();
            } else if (v instanceof AttributeValue.SS set) {
                bytes += RequestSize.BRACKETS;
                for (String element : set.value()) {
                    bytes += RequestSize.ELEMENT_SEPARATOR + RequestSize.escaped(element);
                }
                ss = ss == null ? builder() : ss;
                return ss.ss(new ArrayList<>(set.value())).build();
            } else if (v instanceof AttributeValue.NS set) {
                bytes += RequestSize.BRACKETS;
                for (String element : set.value()) {
                    bytes += RequestSize.ELEMENT_SEPARATOR + RequestSize.number(element);
                }
                ns = ns == null ? builder() : ns;
                return ns.ns(new ArrayList<>(set.value())).build();
            } else {
                bytes += RequestSize.BRACKETS;
                List<SdkBytes> list = new ArrayList<>();
                for (AttributeValue.B element : ((AttributeValue.BS) v).value()) {
                    bytes += RequestSize.ELEMENT_SEPARATOR + RequestSize.base64(element.length());
                    list.add(bytes(element));
                }
                bs = bs == null ? builder() : bs;
                return bs.bs(list).build();
            }
        }
    }

    private static SdkBytes bytes(AttributeValue.B b) {
        return SdkBytes.fromByteArrayUnsafe(b.unsafeBytes());
    }

    private static int capacityFor(int size) {
        return (int) Math.ceil(size / 0.75) + 1;
    }
}
