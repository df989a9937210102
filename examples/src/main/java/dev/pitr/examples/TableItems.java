package dev.pitr.examples;

import dev.pitr.model.AttributeValue;
import dev.pitr.model.Item;
import dev.pitr.model.Key;
import dev.pitr.model.KeySchema;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * Reads a table back into pitr's item model with plain consistent scans, so what DynamoDB holds
 * can be compared with what an export chain says it should hold. For small tables (the
 * quickstart's and the tests'): the whole table is held in memory.
 */
final class TableItems {
    private TableItems() {
    }

    /** Every item of {@code table}, by key. */
    static Map<Key, Item> scan(DynamoDbAsyncClient client, String table, KeySchema schema) {
        Map<Key, Item> items = new HashMap<>();
        Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> start = null;
        do {
            ScanRequest.Builder request = ScanRequest.builder().tableName(table).consistentRead(true);
            if (start != null) {
                request.exclusiveStartKey(start);
            }
            ScanResponse page = client.scan(request.build()).join();
            for (var raw : page.items()) {
                Item item = new Item(toModel(raw));
                items.put(schema.keyOf(item), item);
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return items;
    }

    /** Up to {@code limit} items of {@code table}, as DynamoDB returns them. */
    static List<Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue>> first(
            DynamoDbAsyncClient client, String table, int limit) {
        return new ArrayList<>(client.scan(b -> b.tableName(table).limit(limit)).join().items());
    }

    /** An SDK item as pitr's model. */
    static Map<String, AttributeValue> toModel(Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> m) {
        Map<String, AttributeValue> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, toModel(v)));
        return out;
    }

    /** An SDK attribute value as pitr's model. */
    static AttributeValue toModel(software.amazon.awssdk.services.dynamodb.model.AttributeValue v) {
        return switch (v.type()) {
            case S -> new AttributeValue.S(v.s());
            case N -> new AttributeValue.N(v.n());
            case B -> AttributeValue.B.of(v.b().asByteArray());
            case BOOL -> AttributeValue.Bool.of(v.bool());
            case NUL -> AttributeValue.Null.INSTANCE;
            case M -> new AttributeValue.M(toModel(v.m()));
            case L -> new AttributeValue.L(v.l().stream().map(TableItems::toModel).toList());
            case SS -> new AttributeValue.SS(new LinkedHashSet<>(v.ss()));
            case NS -> new AttributeValue.NS(new LinkedHashSet<>(v.ns()));
            case BS -> new AttributeValue.BS(v.bs().stream().map(b -> AttributeValue.B.of(b.asByteArray()))
                    .collect(Collectors.toCollection(LinkedHashSet::new)));
            default -> throw new IllegalArgumentException("unknown attribute type " + v.type());
        };
    }
}
