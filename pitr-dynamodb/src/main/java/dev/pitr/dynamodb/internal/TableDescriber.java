package dev.pitr.dynamodb.internal;

import dev.pitr.model.KeySchema;
import dev.pitr.write.TargetTableException;
import dev.pitr.write.WriteInterruptedException;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableResponse;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/**
 * Names and checks a table: the names a builder accepts, DescribeTable (the table exists and is
 * ready), its key schema, and the target string that identifies it across endpoints. Shared by
 * the sink and the table reader, so both name one table the same way.
 */
public final class TableDescriber {
    private static final Pattern TABLE_NAME = Pattern.compile("[a-zA-Z0-9_.-]{3,255}");

    private TableDescriber() {
    }

    /**
     * {@code tableName}, when it is a DynamoDB table name (3 to 255 of {@code a-z A-Z 0-9 _ . -})
     * or a table ARN.
     *
     * @throws IllegalArgumentException naming the value otherwise
     */
    public static String checkName(String tableName) {
        Objects.requireNonNull(tableName, "tableName");
        if (!TABLE_NAME.matcher(tableName).matches()
                && !(tableName.startsWith("arn:") && tableName.length() <= 1024 && tableName.contains(":table/"))) {
            throw new IllegalArgumentException("tableName is not a DynamoDB table name or table ARN: \""
                    + tableName + "\"");
        }
        return tableName;
    }

    /**
     * The target string of a described table: its ARN, after the client's endpoint and a
     * {@code #} when the client overrides the endpoint (DynamoDB Local answers one ARN everywhere).
     *
     * @param tableArn the ARN DescribeTable answered
     */
    public static String target(DynamoDbAsyncClient client, String tableArn) {
        String endpoint = client.serviceClientConfiguration().endpointOverride().map(Object::toString).orElse(null);
        return endpoint == null ? tableArn : endpoint + "#" + tableArn;
    }

    /**
     * Describes {@code table}: it must exist and be {@code ACTIVE} or {@code UPDATING}.
     *
     * @throws TargetTableException      naming the table when it does not exist, is in another
     *                                   state, or cannot be described
     * @throws WriteInterruptedException when interrupted while waiting for the answer
     */
    public static TableDescription describe(DynamoDbAsyncClient client, String table) {
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

    /**
     * The key schema in {@code description}.
     *
     * @throws TargetTableException when the description lacks a key attribute's definition or the
     *                              partition key
     */
    public static KeySchema keySchemaOf(TableDescription description) {
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
