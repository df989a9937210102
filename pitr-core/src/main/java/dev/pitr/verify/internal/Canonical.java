package dev.pitr.verify.internal;

import dev.pitr.model.AttributeValue;
import dev.pitr.state.internal.StateKeys;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One byte form per value as DynamoDB compares values: two values have equal forms exactly when
 * DynamoDB holds them as the same value. Numbers are written by value ({@code 1.5}, {@code 1.50}
 * and {@code 15E-1} are one form), sets and maps in a fixed order of their elements' forms and
 * names (a set read back in another order is the same set), lists in order, binary as its bytes.
 * Every value is a type byte, then a length and its content, so no two values share a form.
 */
public final class Canonical {
    private Canonical() {
    }

    /** The form of an item's (or a map's) attributes. */
    public static byte[] of(Map<String, AttributeValue> attributes) {
        Out out = new Out();
        map(attributes, out);
        return out.toByteArray();
    }

    private static void value(AttributeValue v, Out out) {
        if (v instanceof AttributeValue.S s) {
            text('S', s.value().getBytes(StandardCharsets.UTF_8), out);
        } else if (v instanceof AttributeValue.N n) {
            text('N', number(n.text()), out);
        } else if (v instanceof AttributeValue.B b) {
            text('B', b.unsafeBytes(), out);
        } else if (v instanceof AttributeValue.Bool b) {
            out.write(b.value() ? 'T' : 'F');
        } else if (v instanceof AttributeValue.Null) {
            out.write('0');
        } else if (v instanceof AttributeValue.M m) {
            out.write('M');
            map(m.value(), out);
        } else if (v instanceof AttributeValue.L l) {
            out.write('L');
            out.length(l.value().size());
            for (AttributeValue e : l.value()) {
                value(e, out);
            }
        } else if (v instanceof AttributeValue.SS ss) {
            set('s', ss.value().stream().map(x -> x.getBytes(StandardCharsets.UTF_8)).toList(), out);
        } else if (v instanceof AttributeValue.NS ns) {
            set('n', ns.value().stream().map(Canonical::number).toList(), out);
        } else if (v instanceof AttributeValue.BS bs) {
            set('b', bs.value().stream().map(AttributeValue.B::unsafeBytes).toList(), out);
        } else {
            throw new IllegalArgumentException("unknown attribute value " + v.type());
        }
    }

    private static void map(Map<String, AttributeValue> attributes, Out out) {
        List<Map.Entry<String, AttributeValue>> entries = new ArrayList<>(attributes.entrySet());
        entries.sort(Map.Entry.comparingByKey()); // names are unique: one order per map
        out.length(entries.size());
        for (Map.Entry<String, AttributeValue> e : entries) {
            byte[] name = e.getKey().getBytes(StandardCharsets.UTF_8);
            out.length(name.length);
            out.write(name, 0, name.length);
            value(e.getValue(), out);
        }
    }

    private static void set(char type, List<byte[]> elements, Out out) {
        List<byte[]> sorted = new ArrayList<>(elements);
        sorted.sort(Arrays::compareUnsigned);
        out.write(type);
        out.length(sorted.size());
        for (byte[] e : sorted) {
            out.length(e.length);
            out.write(e, 0, e.length);
        }
    }

    private static void text(char type, byte[] bytes, Out out) {
        out.write(type);
        out.length(bytes.length);
        out.write(bytes, 0, bytes.length);
    }

    private static byte[] number(String text) {
        return StateKeys.canonicalNumber(text).getBytes(StandardCharsets.US_ASCII);
    }

    private static final class Out extends ByteArrayOutputStream {
        Out() {
            super(256);
        }

        void length(int n) {
            write(n >>> 24);
            write(n >>> 16);
            write(n >>> 8);
            write(n);
        }
    }
}
