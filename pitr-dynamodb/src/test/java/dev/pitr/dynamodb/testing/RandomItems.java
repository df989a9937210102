package dev.pitr.dynamodb.testing;

import dev.pitr.model.AttributeValue;
import dev.pitr.model.Item;
import dev.pitr.model.Key;
import dev.pitr.model.Origin;
import dev.pitr.model.WriteOp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Random operations on a table keyed by {@code pk} (S) whose items take every shape DynamoDB
 * accepts: all types, nested M and L, sets, unicode (incl. surrogate pairs), control characters,
 * quotes and backslashes, binary.
 */
public final class RandomItems {
    private RandomItems() {
    }

    /** {@code count} operations on distinct keys, about one in five a delete. */
    public static List<WriteOp> ops(Random random, int count) {
        List<WriteOp> ops = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            AttributeValue.S pk = new AttributeValue.S("k" + i + "-" + random.nextLong() + string(random, 5));
            if (random.nextInt(5) == 0) {
                ops.add(new WriteOp.Delete(Key.of("pk", pk), new Origin("f", i + 1), WriteOp.NO_TIMESTAMP));
                continue;
            }
            Map<String, AttributeValue> attributes = new LinkedHashMap<>();
            attributes.put("pk", pk);
            int n = random.nextInt(8);
            for (int a = 0; a < n; a++) {
                attributes.put("a" + a + string(random, 4), value(random, 3));
            }
            attributes.put("all", everyType(random));
            ops.add(new WriteOp.Put(new Item(attributes), new Origin("f", i + 1), WriteOp.NO_TIMESTAMP));
        }
        return ops;
    }

    /** A map holding a value of every type, with the awkward characters in names and strings. */
    public static AttributeValue everyType(Random random) {
        byte[] bytes = new byte[random.nextInt(40)];
        random.nextBytes(bytes);
        Set<String> ss = new LinkedHashSet<>(List.of("x\\y\"z", "\u0000\u001f\u007f", "é中😀", "/"));
        Set<String> ns = new LinkedHashSet<>(List.of("1", "-0.5", "1.5E+10", "12345678901234567890123456789012345678"));
        Set<AttributeValue.B> bs = new LinkedHashSet<>(List.of(AttributeValue.B.of(new byte[] {0}),
                AttributeValue.B.of(new byte[] {1, 2}), AttributeValue.B.of(new byte[] {3, 4, 5, 6})));
        Map<String, AttributeValue> m = new LinkedHashMap<>();
        m.put("s", new AttributeValue.S("line\nbreak\ttab\rret\bback\fform \\ \" end"));
        m.put("n", new AttributeValue.N("-12.5"));
        m.put("b", AttributeValue.B.of(bytes));
        m.put("t", AttributeValue.Bool.TRUE);
        m.put("f", AttributeValue.Bool.FALSE);
        m.put("null", AttributeValue.Null.INSTANCE);
        m.put("ss", new AttributeValue.SS(ss));
        m.put("ns", new AttributeValue.NS(ns));
        m.put("bs", new AttributeValue.BS(bs));
        m.put("l", new AttributeValue.L(List.of(new AttributeValue.S(""), new AttributeValue.M(Map.of()),
                new AttributeValue.L(List.of()), new AttributeValue.M(Map.of("deep", new AttributeValue.L(
                        List.of(AttributeValue.Bool.FALSE, new AttributeValue.N("0"))))))));
        m.put("ünï\u0001\"key\\", new AttributeValue.S("ünïcødé ✓ 𝄞"));
        return new AttributeValue.M(m);
    }

    /** A random value, nested at most {@code depth} deep. */
    public static AttributeValue value(Random random, int depth) {
        int kind = random.nextInt(depth > 0 ? 10 : 8);
        return switch (kind) {
            case 0 -> new AttributeValue.S(string(random, 12));
            case 1 -> new AttributeValue.N(random.nextBoolean() ? "0" : "-" + random.nextInt(1000) + ".0100E-3");
            case 2 -> AttributeValue.B.of(new byte[random.nextInt(5)]);
            case 3 -> random.nextBoolean() ? AttributeValue.Bool.TRUE : AttributeValue.Null.INSTANCE;
            case 4 -> new AttributeValue.SS(Set.of(string(random, 3) + "s"));
            case 5 -> new AttributeValue.NS(Set.of(Integer.toString(random.nextInt(100))));
            case 6 -> new AttributeValue.BS(Set.of(AttributeValue.B.of(new byte[1 + random.nextInt(3)])));
            case 7 -> new AttributeValue.S("");
            case 8 -> new AttributeValue.L(List.of(value(random, depth - 1), value(random, depth - 1)));
            default -> new AttributeValue.M(Map.of("m" + string(random, 3), value(random, depth - 1)));
        };
    }

    /**
     * Up to {@code maxLength} characters: control characters, two- and four-byte UTF-8,
     * quotes, backslashes and letters.
     */
    public static String string(Random random, int maxLength) {
        StringBuilder sb = new StringBuilder();
        int length = random.nextInt(maxLength + 1);
        for (int i = 0; i < length; i++) {
            switch (random.nextInt(7)) {
                case 0 -> sb.append((char) random.nextInt(0x20));
                case 1 -> sb.append((char) (0x80 + random.nextInt(0x700)));
                case 2 -> sb.appendCodePoint(0x10000 + random.nextInt(0x1000));
                case 3 -> sb.append('"');
                case 4 -> sb.append('\\');
                case 5 -> sb.append((char) (0x800 + random.nextInt(0xd000)));
                default -> sb.append((char) ('a' + random.nextInt(26)));
            }
        }
        return sb.toString();
    }
}
