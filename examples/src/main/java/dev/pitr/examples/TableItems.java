package dev.pitr.examples;

import dev.pitr.dynamodb.DynamoDbTableReader;
import dev.pitr.model.Item;
import dev.pitr.model.Key;
import dev.pitr.model.KeySchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;

/**
 * Reads a small table (the quickstart's, the tests') back into pitr's item model, whole and in
 * memory, with consistent reads, so what DynamoDB holds can be compared with an expected state.
 * For a table of any size, {@code pitr verify} compares out of core.
 */
final class TableItems {
    private TableItems() {
    }

    /** Every item of {@code table}, by key. */
    static Map<Key, Item> scan(DynamoDbAsyncClient client, String table, KeySchema schema) {
        Map<Key, Item> items = new ConcurrentHashMap<>();
        DynamoDbTableReader reader = DynamoDbTableReader.builder().client(client).tableName(table).consistentRead(true)
                .build();
        reader.open();
        reader.scan(item -> items.put(schema.keyOf(item), item));
        return items;
    }

    /** Up to {@code limit} items of {@code table}, as DynamoDB returns them. */
    static List<Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue>> first(
            DynamoDbAsyncClient client, String table, int limit) {
        return new ArrayList<>(client.scan(b -> b.tableName(table).limit(limit)).join().items());
    }
}
