package dev.pitr.dynamodb.internal;

import dev.pitr.model.KeySchema;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/**
 * A table described once, on first use ({@link TableDescriber}): its key schema, and its target
 * string. The writer and the reader each hold one. Thread-safe.
 */
final class DescribedTable {
    private final DynamoDbAsyncClient client;
    private final String table;
    private volatile @Nullable KeySchema keySchema;
    private volatile @Nullable String tableArn;

    DescribedTable(DynamoDbAsyncClient client, String table) {
        this.client = client;
        this.table = table;
    }

    /**
     * The key schema, from DescribeTable the first time; {@code onFirst} runs once, when the
     * table was first described.
     */
    KeySchema open(Consumer<KeySchema> onFirst) {
        KeySchema schema = keySchema;
        if (schema != null) {
            return schema;
        }
        synchronized (this) {
            if (keySchema == null) {
                TableDescription description = TableDescriber.describe(client, table);
                tableArn = description.tableArn();
                keySchema = TableDescriber.keySchemaOf(description);
                onFirst.accept(keySchema);
            }
            return keySchema;
        }
    }

    /** The key schema once the table was described, else {@code null}. */
    @Nullable KeySchema keySchema() {
        return keySchema;
    }

    /** The target string ({@link TableDescriber#target}); call {@link #open} first. */
    String target() {
        String arn = tableArn;
        return TableDescriber.target(client, arn != null ? arn : table);
    }
}
