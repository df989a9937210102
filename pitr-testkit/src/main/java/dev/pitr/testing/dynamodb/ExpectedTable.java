package dev.pitr.testing.dynamodb;

import dev.pitr.model.AttributeValue;
import dev.pitr.model.Item;
import dev.pitr.model.Key;
import dev.pitr.model.KeySchema;
import dev.pitr.model.WriteOp;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * What a table must hold after a stream of operations, computed by applying them in order, and
 * a check of a real table against it. Numbers compare by value ({@code 1.0} is {@code 1}), as
 * DynamoDB stores them; sets compare as sets.
 */
public final class ExpectedTable {
    private final KeySchema schema;
    private final Map<Key, Item> items = new HashMap<>();

    public ExpectedTable(KeySchema schema) {
        this.schema = schema;
    }

    /** The expected table holding exactly {@code state} (for example an export generator's). */
    public static ExpectedTable of(KeySchema schema, Map<Key, Item> state) {
        ExpectedTable t = new ExpectedTable(schema);
        state.values().forEach(item -> t.items.put(canonicalKey(item.keyFor(schema)), canonical(item)));
        return t;
    }

    /** Applies {@code op} as DynamoDB would. */
    public void apply(WriteOp op) {
        if (op instanceof WriteOp.Put put) {
            items.put(canonicalKey(put.item().keyFor(schema)), canonical(put.item()));
        } else {
            items.remove(canonicalKey(((WriteOp.Delete) op).key()));
        }
    }

    /** Items the table must hold. */
    public int size() {
        return items.size();
    }

    /** The expected items, by canonical key. */
    public Map<Key, Item> items() {
        return Map.copyOf(items);
    }

    /**
     * Reads the whole table (a parallel scan) and returns its differences from the expected
     * state: empty when the table holds exactly what it must.
     */
    public List<String> differences(DynamoDbClient client, String table) {
        Map<Key, Item> actual = scan(client, table, schema);
        List<String> problems = new ArrayList<>();
        for (Map.Entry<Key, Item> e : items.entrySet()) {
            Item found = actual.get(e.getKey());
            if (found == null) {
                problems.add("missing " + e.getKey().toDisplayString());
            } else if (!found.equals(e.getValue())) {
                problems.add("different " + e.getKey().toDisplayString());
            }
        }
        for (Key k : actual.keySet()) {
            if (!items.containsKey(k)) {
                problems.add("unexpected " + k.toDisplayString());
            }
        }
        return problems;
    }

    /** Every item of {@code table}, by canonical key, read with a 4-segment parallel scan. */
    public static Map<Key, Item> scan(DynamoDbClient client, String table, KeySchema schema) {
        int segments = 4;
        return IntStream.range(0, segments).parallel().mapToObj(segment -> {
            Map<Key, Item> part = new HashMap<>();
            for (ScanResponse page : client.scanPaginator(b -> b.tableName(table).segment(segment)
                    .totalSegments(segments))) {
                for (Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> raw : page.items()) {
                    Item item = canonical(new Item(fromSdk(raw)));
                    part.put(canonicalKey(item.keyFor(schema)), item);
                }
            }
            return part;
        }).flatMap(m -> m.entrySet().stream()).collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private static Key canonicalKey(Key key) {
        return new Key(canonicalMap(key.attributes()));
    }

    private static Item canonical(Item item) {
        return new Item(canonicalMap(item.attributes()));
    }

    private static Map<String, AttributeValue> canonicalMap(Map<String, AttributeValue> in) {
        Map<String, AttributeValue> out = new LinkedHashMap<>();
        in.forEach((k, v) -> out.put(k, canonical(v)));
        return out;
    }

    private static AttributeValue canonical(AttributeValue v) {
        if (v instanceof AttributeValue.N n) {
            return new AttributeValue.N(number(n.text()));
        } else if (v instanceof AttributeValue.NS ns) {
            Set<String> set = new LinkedHashSet<>();
            ns.value().forEach(t -> set.add(number(t)));
            return new AttributeValue.NS(set);
        } else if (v instanceof AttributeValue.M m) {
            return new AttributeValue.M(canonicalMap(m.value()));
        } else if (v instanceof AttributeValue.L l) {
            return new AttributeValue.L(l.value().stream().map(ExpectedTable::canonical).toList());
        }
        return v;
    }

    private static String number(String text) {
        return new BigDecimal(text).stripTrailingZeros().toString();
    }

    /** The pitr model of an item the SDK returned. */
    public static Map<String, AttributeValue> fromSdk(
            Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> raw) {
        Map<String, AttributeValue> out = new LinkedHashMap<>();
        raw.forEach((k, v) -> out.put(k, fromSdk(v)));
        return out;
    }

    private static AttributeValue fromSdk(software.amazon.awssdk.services.dynamodb.model.AttributeValue v) {
        switch (v.type()) {
            case S: return new AttributeValue.S(v.s());
            case N: return new AttributeValue.N(v.n());
            case B: return AttributeValue.B.wrap(v.b().asByteArray());
            case BOOL: return AttributeValue.Bool.of(v.bool());
            case NUL: return AttributeValue.Null.INSTANCE;
            case M: return new AttributeValue.M(fromSdk(v.m()));
            case L: return new AttributeValue.L(v.l().stream().map(ExpectedTable::fromSdk).toList());
            case SS: return new AttributeValue.SS(new LinkedHashSet<>(v.ss()));
            case NS: return new AttributeValue.NS(new LinkedHashSet<>(v.ns()));
            case BS: {
                Set<AttributeValue.B> set = new LinkedHashSet<>();
                for (SdkBytes b : v.bs()) {
                    set.add(AttributeValue.B.wrap(b.asByteArray()));
                }
                return new AttributeValue.BS(set);
            }
            default: throw new IllegalArgumentException("unknown attribute type " + v.type());
        }
    }
}
