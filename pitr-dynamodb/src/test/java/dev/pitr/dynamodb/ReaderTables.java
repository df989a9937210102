package dev.pitr.dynamodb;

import dev.pitr.dynamodb.testing.RandomItems;
import dev.pitr.model.AttributeValue;
import dev.pitr.model.Item;
import dev.pitr.model.Key;
import dev.pitr.model.KeySchema;
import dev.pitr.model.Origin;
import dev.pitr.model.WriteOp;
import dev.pitr.testing.dynamodb.DynamoDbLocal;
import dev.pitr.verify.SameValue;
import dev.pitr.verify.TableReader.ItemVisitor;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Tables for the reader's tests, written with the sink, and what a scan of one handed over. */
final class ReaderTables {
    /** Keyed by a string. */
    static final KeySchema HASH = KeySchema.of("pk", KeySchema.ScalarType.S);
    /** Keyed by a number and binary. */
    static final KeySchema HASH_RANGE = KeySchema.of("id", KeySchema.ScalarType.N, "sk", KeySchema.ScalarType.B);

    private ReaderTables() {
    }

    /** Creates {@code table} and writes {@code items} to it; returns them by key. */
    static Map<Key, Item> create(DynamoDbLocal ddb, String table, KeySchema schema, List<Item> items) {
        ddb.createTable(table, schema);
        Map<Key, Item> byKey = new LinkedHashMap<>();
        try (DynamoDbItemSink sink = DynamoDbItemSink.builder().client(ddb.asyncClient()).tableName(table).build()) {
            long line = 0;
            for (Item item : items) {
                byKey.put(schema.keyOf(item), item);
                sink.write(new WriteOp.Put(item, new Origin("reader-test", ++line), WriteOp.NO_TIMESTAMP));
            }
            sink.flush();
        }
        return byKey;
    }

    /** {@code count} items keyed by {@code pk}, of every attribute type, nested, with awkward strings. */
    static List<Item> hashItems(Random random, int count) {
        List<Item> items = new ArrayList<>(count);
        while (items.size() < count) {
            for (WriteOp op : RandomItems.ops(random, count - items.size())) {
                if (op instanceof WriteOp.Put put) {
                    items.add(put.item());
                }
            }
        }
        return items;
    }

    /**
     * {@code count} items keyed by {@code id} (N, one of 97) and {@code sk} (B), of every type, some
     * of a few KB.
     */
    static List<Item> hashRangeItems(Random random, int count) {
        List<Item> items = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte[] sk = ByteBuffer.allocate(8).putInt(random.nextInt()).putInt(i).array();
            Map<String, AttributeValue> attributes = new LinkedHashMap<>();
            attributes.put("id", new AttributeValue.N(Integer.toString(i % 97)));
            attributes.put("sk", AttributeValue.B.wrap(sk));
            attributes.put("all", RandomItems.everyType(random));
            attributes.put("v", RandomItems.value(random, 3));
            attributes.put("text", new AttributeValue.S(RandomItems.string(random, random.nextInt(3_000))));
            items.add(new Item(attributes));
        }
        return items;
    }

    /** {@code count} items keyed by {@code pk} of about {@code bytes} each. */
    static List<Item> sizedItems(int count, int bytes) {
        List<Item> items = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            items.add(new Item(Map.of("pk", new AttributeValue.S("item-" + i),
                    "payload", new AttributeValue.S("p".repeat(bytes)))));
        }
        return items;
    }

    /** What {@code expected} and {@code actual} differ in: keys missing, extra, or with other values. */
    static List<String> differences(Map<Key, Item> expected, Map<Key, Item> actual) {
        List<String> problems = new ArrayList<>();
        expected.forEach((key, item) -> {
            Item found = actual.get(key);
            if (found == null) {
                problems.add("missing " + key.toDisplayString());
            } else if (!SameValue.items(item, found)) {
                problems.add("different " + key.toDisplayString());
            }
        });
        actual.keySet().stream().filter(k -> !expected.containsKey(k)).forEach(k -> problems.add("extra "
                + k.toDisplayString()));
        return problems;
    }

    /** A visitor that keeps what a scan hands over, by key, and counts the items handed over more than once. */
    static final class Collected implements ItemVisitor {
        private final KeySchema schema;
        private final Map<Key, Item> items = new ConcurrentHashMap<>();
        private final AtomicLong repeated = new AtomicLong();

        Collected(KeySchema schema) {
            this.schema = schema;
        }

        @Override
        public void item(Item item) {
            if (items.putIfAbsent(schema.keyOf(item), item) != null) {
                repeated.incrementAndGet();
            }
        }

        Map<Key, Item> items() {
            return items;
        }

        long repeated() {
            return repeated.get();
        }
    }
}
