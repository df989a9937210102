package dev.pitr.dynamodb.internal;

import dev.pitr.model.KeySchema;
import dev.pitr.write.TargetTableException;
import dev.pitr.write.WriteInterruptedException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableResponse;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/** Checks the target table with DescribeTable; reads its key schema. */
final class TableDescriber {
    private TableDescriber() {
    }

    /**
     * Describes {@code table}: it must exist and be {@code ACTIVE} or {@code UPDATING}.
     *
     * @throws TargetTableException      naming the table when it does not exist, is in another
     *                                   state, or cannot be described
     * @throws WriteInterruptedException when interrupted while waiting for the answer
     */
    static TableDescription describe(DynamoDbAsyncClient client, String table) {
        DescribeTableResponse response;
        try {
            response = client.describeTable(b -> b.tableName(table)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WriteInterruptedException("Interrupted while describing table " + table, e);
        } catch (ExecutionException e) {
            Throwable cause = Fault.unwrap(e);
            if (cause instanceof ResourceNotFoundException) {
                throw new TargetTableException(table, "does not exist (at the endpoint and in the region the "
                        + "client is configured for)", cause);
            }
            throw new TargetTableException(table, "cannot be described: " + Fault.describe(cause), cause);
        }
        TableDescription description = response.table();
        TableStatus status = description.tableStatus();
        if (status != TableStatus.ACTIVE && status != TableStatus.UPDATING) {
            throw new TargetTableException(table, "is " + description.tableStatusAsString()
                    + ", not ACTIVE: wait until it is ready", null);
        }
        return description;
    }

    static KeySchema keySchemaOf(TableDescription description) {
        Map<String, String> types = new HashMap<>();
        for (AttributeDefinition d : description.attributeDefinitions()) {
            types.put(d.attributeName(), d.attributeTypeAsString());
        }
        KeySchema.KeyAttribute hash = null;
        KeySchema.KeyAttribute range = null;
        for (KeySchemaElement e : description.keySchema()) {
            String type = types.get(e.attributeName());
            if (type == null) {
                throw new TargetTableException(description.tableName(), "has key attribute " + e.attributeName()
                        + " without an attribute definition", null);
            }
            KeySchema.KeyAttribute attribute = new KeySchema.KeyAttribute(e.attributeName(),
                    KeySchema.ScalarType.valueOf(type));
            if (e.keyType() == KeyType.HASH) {
                hash = attribute;
            } else {
                range = attribute;
            }
        }
        if (hash == null) {
            throw new TargetTableException(description.tableName(), "has no partition key in its description", null);
        }
        return new KeySchema(hash, range);
    }
}
