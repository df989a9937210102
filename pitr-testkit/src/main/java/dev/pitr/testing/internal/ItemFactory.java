package dev.pitr.testing.internal;

import static dev.pitr.testing.internal.RandomValues.l;
import static dev.pitr.testing.internal.RandomValues.m;
import static dev.pitr.testing.internal.RandomValues.n;
import static dev.pitr.testing.internal.RandomValues.s;

import dev.pitr.model.AttributeValue;
import dev.pitr.model.Item;
import dev.pitr.model.Key;
import dev.pitr.model.KeySchema;
import dev.pitr.testing.ItemShape;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Makes the key of item number {@code index} and its content at {@code version}, as pure
 * functions of the seed: the same coordinates always give the same key and item, so exports
 * can be streamed and their content produced again without being stored.
 *
 * <p>Keys are unique per index. Every version of an item differs from the previous one: its
 * values are drawn anew, {@code rev} holds the version, and the attribute {@code phaseEven} or
 * {@code phaseOdd} is present by the version's parity, so an update always removes one
 * attribute and adds another.
 */
public final class ItemFactory {
    private static final String[] KEY_PREFIXES = {"k", "user", "ключ", "キー", "clé", "K#"};
    private static final long KEY_STREAM = 1;
    private static final long ITEM_STREAM = 2;

    private final long seed;
    private final KeySchema schema;
    private final ItemShape shape;

    /** A factory for items of {@code shape} under {@code schema}. */
    public ItemFactory(long seed, KeySchema schema, ItemShape shape) {
        this.seed = seed;
        this.schema = schema;
        this.shape = shape;
    }

    /** The key of item number {@code index}. */
    public Key key(int index) {
        KeySchema.KeyAttribute pk = schema.partitionKey();
        if (schema.sortKey() == null) {
            return Key.of(pk.name(), keyValue(pk.type(), index, 0));
        }
        // Several items share a partition, as in real tables with a sort key.
        KeySchema.KeyAttribute sk = schema.sortKey();
        return Key.of(pk.name(), keyValue(pk.type(), index / 3, 1), sk.name(), keyValue(sk.type(), index, 2));
    }

    private AttributeValue keyValue(KeySchema.ScalarType type, int n, int salt) {
        long h = Seeds.hash(seed, KEY_STREAM, n, salt);
        switch (type) {
            case S: {
                String prefix = KEY_PREFIXES[(int) Long.remainderUnsigned(h, KEY_PREFIXES.length)];
                return s(prefix + Long.toString(h >>> 40, 36) + "-" + n);
            }
            case N: {
                // Unique per n: distinct integer parts, with a sign and a fraction by n % 4.
                long whole = (long) n * 1_000_003L + 7;
                String text = switch (n & 3) {
                    case 0 -> Long.toString(whole);
                    case 1 -> whole + ".5";
                    case 2 -> "-" + whole;
                    default -> "-" + whole + ".0625";
                };
                return n(text);
            }
            default: {
                // Unique per n: the index leads, then a few hash bytes.
                int extra = (int) Long.remainderUnsigned(h, 9);
                ByteBuffer b = ByteBuffer.allocate(4 + extra);
                b.putInt(n);
                for (int i = 0; i < extra; i++) {
                    b.put((byte) (h >>> (8 * i)));
                }
                return AttributeValue.B.wrap(b.array());
            }
        }
    }

    /** Item number {@code index} as it is at {@code version} (0 when first inserted). */
    public Item item(int index, int version) {
        SplittableRandom r = Seeds.random(seed, ITEM_STREAM, index, version);
        List<Map.Entry<String, AttributeValue>> attrs = new ArrayList<>(32);
        attrs.add(Map.entry("rev", n(version)));
        attrs.add(Map.entry((version & 1) == 0 ? "phaseEven" : "phaseOdd", s(RandomValues.word(r, 4, 10))));
        if (r.nextBoolean()) {
            attrs.add(Map.entry("note", s(RandomValues.text(r, 10, 50))));
        }
        switch (shape) {
            case SMALL -> small(r, attrs);
            case MEDIUM -> medium(r, attrs);
            default -> large(r, attrs);
        }
        // Key attributes go at a random place: readers must not expect them first.
        Key key = key(index);
        Map<String, AttributeValue> out = new LinkedHashMap<>();
        int keyAt = r.nextInt(attrs.size() + 1);
        for (int i = 0; i <= attrs.size(); i++) {
            if (i == keyAt) {
                out.putAll(key.attributes());
            }
            if (i < attrs.size()) {
                Map.Entry<String, AttributeValue> e = attrs.get(i);
                out.putIfAbsent(e.getKey(), e.getValue()); // a key attribute of the same name wins
            }
        }
        return new Item(out);
    }

    private static void small(SplittableRandom r, List<Map.Entry<String, AttributeValue>> a) {
        a.add(Map.entry("name", s(RandomValues.text(r, 12, 30))));
        a.add(Map.entry("count", n(r.nextInt(0, 100_000))));
        a.add(Map.entry("price", n(RandomValues.canonical(BigDecimal.valueOf(r.nextLong(1, 10_000_000), 2)))));
        a.add(Map.entry("active", AttributeValue.Bool.of(r.nextBoolean())));
        a.add(Map.entry("city", s(RandomValues.word(r, 5, 12))));
        a.add(Map.entry("tags", RandomValues.stringSet(r, r.nextInt(1, 4), 4, 9)));
    }

    private static void medium(SplittableRandom r, List<Map.Entry<String, AttributeValue>> a) {
        a.add(Map.entry("title", s(RandomValues.text(r, 30, 60))));
        a.add(Map.entry("description", s(RandomValues.text(r, 500, 800))));
        a.add(Map.entry("price", n(RandomValues.canonical(BigDecimal.valueOf(r.nextLong(1, 10_000_000), 2)))));
        a.add(Map.entry("big", n(RandomValues.digits(r, 38, 0, r.nextBoolean()))));
        a.add(Map.entry("precise", n(RandomValues.digits(r, 38, r.nextInt(1, 38), r.nextBoolean()))));
        a.add(Map.entry("tiny", n(RandomValues.digits(r, r.nextInt(1, 10), r.nextInt(20, 40), false))));
        a.add(Map.entry("count", n(r.nextLong(0, Long.MAX_VALUE))));
        a.add(Map.entry("active", AttributeValue.Bool.of(r.nextBoolean())));
        a.add(Map.entry("nothing", AttributeValue.Null.INSTANCE));
        a.add(Map.entry("empty", s("")));
        a.add(Map.entry("größe", n(r.nextInt(1, 500))));
        a.add(Map.entry("meta.version", s(RandomValues.word(r, 3, 6))));
        a.add(Map.entry("tags", RandomValues.stringSet(r, r.nextInt(3, 7), 4, 12)));
        a.add(Map.entry("scores", RandomValues.numberSet(r, r.nextInt(3, 7))));
        a.add(Map.entry("blobs", RandomValues.binarySet(r, r.nextInt(2, 5), 4, 24)));
        a.add(Map.entry("payload", AttributeValue.B.wrap(RandomValues.bytes(r, r.nextInt(64, 200)))));
        a.add(Map.entry("profile", m(
                "address", m(
                        "street", s(RandomValues.text(r, 10, 30)),
                        "city", s(RandomValues.text(r, 4, 15)),
                        "zip", n(r.nextInt(10_000, 99_999)),
                        "geo", l(n(RandomValues.digits(r, 9, 7, r.nextBoolean())),
                                n(RandomValues.digits(r, 9, 7, r.nextBoolean())))),
                "prefs", m(
                        "theme", s(r.nextBoolean() ? "dark" : "light"),
                        "notify", AttributeValue.Bool.of(r.nextBoolean()),
                        "langs", RandomValues.stringSet(r, r.nextInt(1, 4), 2, 5),
                        "limits", RandomValues.numberSet(r, r.nextInt(1, 4)),
                        "keys", RandomValues.binarySet(r, r.nextInt(1, 3), 8, 16)),
                "empty", new AttributeValue.M(Map.of()))));
        a.add(Map.entry("history", history(r, r.nextInt(3, 6))));
        a.add(Map.entry("events", RandomValues.mixedList(r, r.nextInt(4, 9))));
        a.add(Map.entry("matrix", l(
                l(n(r.nextInt(100)), n(r.nextInt(100)), n(r.nextInt(100))),
                l(n(RandomValues.number(r)), n(RandomValues.number(r))),
                new AttributeValue.L(List.of()))));
    }

    private static AttributeValue.L history(SplittableRandom r, int n) {
        List<AttributeValue> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(m("at", n(r.nextLong(1_600_000_000_000L, 1_900_000_000_000L)),
                    "what", s(RandomValues.text(r, 8, 30)),
                    "amount", n(RandomValues.number(r)),
                    "ok", AttributeValue.Bool.of(r.nextBoolean())));
        }
        return new AttributeValue.L(out);
    }

    private static void large(SplittableRandom r, List<Map.Entry<String, AttributeValue>> a) {
        a.add(Map.entry("name", s(RandomValues.text(r, 12, 30))));
        a.add(Map.entry("contentType", s("application/octet-stream")));
        a.add(Map.entry("data", AttributeValue.B.wrap(RandomValues.bytes(r, r.nextInt(96_000, 104_000)))));
        a.add(Map.entry("chunks", RandomValues.numberSet(r, 3)));
    }
}
