package dev.pitr.dynamodb.restore;

import dev.pitr.model.AttributeValue;
import dev.pitr.model.Item;
import dev.pitr.model.Key;
import dev.pitr.model.KeySchema;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/**
 * Reads a whole table back into pitr's model with a plain scan, independently of the writer's
 * own conversion, so tests compare what DynamoDB holds with what they expect.
 */
final class TableContents {
    private TableContents() {
    }

    static Map<Key, Item> scan(DynamoDbClient client, String table, KeySchema schema) {
        Map<Key, Item> out = new HashMap<>();
        client.scanPaginator(ScanRequest.builder().tableName(table).consistentRead(true).build()).items()
                .forEach(raw -> {
                    Item item = new Item(toModel(raw));
                    out.put(schema.keyOf(item), item);
                });
        return out;
    }

    static Map<String, AttributeValue> toModel(Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> m) {
        Map<String, AttributeValue> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, toModel(v)));
        return out;
    }

    static AttributeValue toModel(software.amazon.awssdk.services.dynamodb.model.AttributeValue v) {
        switch (v.type()) {
            case S:
                return new AttributeValue.S(v.s());
            case N:
                return new AttributeValue.N(v.n());
            case B:
                return AttributeValue.B.of(v.b().asByteArray());
            case BOOL:
                return AttributeValue.Bool.of(v.bool());
            case NUL:
                return AttributeValue.Null.INSTANCE;
            case M:
                return new AttributeValue.M(toModel(v.m()));
            case L:
                List<AttributeValue> list = v.l().stream().map(TableContents::toModel).toList();
                return new AttributeValue.L(list);
            case SS:
                return new AttributeValue.SS(new LinkedHashSet<>(v.ss()));
            case NS:
                return new AttributeValue.NS(new LinkedHashSet<>(v.ns()));
            case BS:
                return new AttributeValue.BS(v.bs().stream().map(b -> AttributeValue.B.of(b.asByteArray()))
                        .collect(Collectors.toCollection(LinkedHashSet::new)));
            default:
                throw new IllegalArgumentException("unknown attribute type " + v.type());
        }
    }
}
