package dev.pitr.dynamodb;

import dev.pitr.dynamodb.internal.SdkValues;
import dev.pitr.model.AttributeValue;
import dev.pitr.model.Item;
import dev.pitr.model.Key;
import dev.pitr.model.KeySchema;
import dev.pitr.model.Origin;
import dev.pitr.model.WriteOp;
import dev.pitr.revert.ConditionalSink.Outcome;
import dev.pitr.revert.ConditionalSink.Write;
import dev.pitr.testing.dynamodb.DynamoDbLocal;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

/**
 * A table for the conditional sink's tests: seeded and read back around the sink (with the
 * batch writer and GetItem), so that what the table holds is never the sink's word.
 */
final class ConditionalTables {
    private final DynamoDbAsyncClient client;
    private final String table;
    private final KeySchema schema;

    /** Creates a table of {@code schema}, which {@code client} then seeds and reads. */
    ConditionalTables(DynamoDbLocal ddb, DynamoDbAsyncClient client, String prefix, KeySchema schema) {
        this.client = client;
        this.table = DynamoDbLocal.uniqueTableName(prefix);
        this.schema = schema;
        ddb.createTable(table, schema);
    }

    String name() {
        return table;
    }

    /** Puts {@code items} as they are, with the batch writer. */
    void seed(Item... items) {
        try (DynamoDbItemSink sink = DynamoDbItemSink.builder().client(client).tableName(table).build()) {
            long line = 0;
            for (Item item : items) {
                sink.write(new WriteOp.Put(item, new Origin("seed", ++line), WriteOp.NO_TIMESTAMP));
            }
            sink.flush();
            if (sink.stats().failed() > 0) {
                throw new AssertionError("seeding table " + table + " failed");
            }
        }
    }

    /** What the table holds under {@code key} (a consistent read), or {@code null}. */
    @Nullable Item get(Key key) {
        Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> sdkKey = new LinkedHashMap<>();
        key.attributes().forEach((name, value) -> sdkKey.put(name, sdk(value)));
        GetItemResponse r = client.getItem(b -> b.tableName(table).key(sdkKey).consistentRead(true)).join();
        return r.hasItem() && !r.item().isEmpty() ? new Item(SdkValues.toModel(r.item())) : null;
    }

    /** The key of {@code item}. */
    Key keyOf(Item item) {
        return schema.keyOf(item);
    }

    private static software.amazon.awssdk.services.dynamodb.model.AttributeValue sdk(AttributeValue v) {
        if (v instanceof AttributeValue.S s) {
            return software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(s.value());
        }
        if (v instanceof AttributeValue.N n) {
            return software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromN(n.text());
        }
        return software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromB(
                software.amazon.awssdk.core.SdkBytes.fromByteArray(((AttributeValue.B) v).toByteArray()));
    }

    /** An item of {@code name, value} pairs, in order. */
    static Item item(Object... nameValues) {
        Map<String, AttributeValue> attributes = new LinkedHashMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            attributes.put((String) nameValues[i], (AttributeValue) nameValues[i + 1]);
        }
        return new Item(attributes);
    }

    /** {@code item} with {@code name} set to {@code value} (or removed, when {@code null}). */
    static Item with(Item item, String name, @Nullable AttributeValue value) {
        Map<String, AttributeValue> attributes = new LinkedHashMap<>(item.attributes());
        if (value == null) {
            attributes.remove(name);
        } else {
            attributes.put(name, value);
        }
        return new Item(attributes);
    }

    static AttributeValue.S s(String value) {
        return new AttributeValue.S(value);
    }

    static AttributeValue.N n(String text) {
        return new AttributeValue.N(text);
    }

    /** Writes {@code write} with {@code sink} and waits for its outcome. */
    static Outcome outcome(DynamoDbConditionalSink sink, Write write) {
        return sink.write(write).join();
    }
}
