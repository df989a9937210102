package dev.pitr.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pitr.model.KeySchema;
import dev.pitr.testing.dynamodb.DynamoDbLocal;
import dev.pitr.testing.dynamodb.DynamoDbLocalExtension;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** What the sink tells the restorer about its table: which physical table it is, and whether it holds items. */
@ExtendWith(DynamoDbLocalExtension.class)
class DynamoDbItemSinkTargetTest {
    private static final KeySchema SCHEMA = KeySchema.of("pk", KeySchema.ScalarType.S, "sk", KeySchema.ScalarType.N);

    @Test
    void target_isTheTablesArnAndEndpoint_soOneNameAtTwoEndpointsIsTwoTargets(DynamoDbLocal dynamo) {
        String table = DynamoDbLocal.uniqueTableName("target");
        dynamo.createTable(table, SCHEMA);
        try (DynamoDbLocal other = DynamoDbLocal.start()) {
            other.createTable(table, SCHEMA);
            DynamoDbAsyncClient here = dynamo.asyncClient();
            DynamoDbAsyncClient there = other.asyncClient();
            try (DynamoDbItemSink byName = DynamoDbItemSink.builder().client(here).tableName(table).build();
                 DynamoDbItemSink elsewhere = DynamoDbItemSink.builder().client(there).tableName(table).build()) {
                String target = byName.target();
                String arn = target.substring(target.indexOf('#') + 1);
                try (DynamoDbItemSink byArn = DynamoDbItemSink.builder().client(here).tableName(arn).build()) {
                    assertThat(target).isEqualTo(dynamo.endpoint() + "#" + arn)
                            .endsWith(":table/" + table).contains("arn:aws:dynamodb:");
                    assertThat(byArn.target()).as("named by ARN, the same table").isEqualTo(target);
                    assertThat(elsewhere.target()).as("the same name at another endpoint").isNotEqualTo(target)
                            .isEqualTo(other.endpoint() + "#" + arn);
                }
            }
        }
    }

    @Test
    void holdsItems_readsOneKey(DynamoDbLocal dynamo) {
        String table = DynamoDbLocal.uniqueTableName("holds");
        dynamo.createTable(table, SCHEMA);
        try (DynamoDbItemSink sink = DynamoDbItemSink.builder().client(dynamo.asyncClient()).tableName(table).build()) {
            assertThat(sink.holdsItems()).contains(false);
            dynamo.syncClient().putItem(b -> b.tableName(table)
                    .item(Map.of("pk", AttributeValue.fromS("a"), "sk", AttributeValue.fromN("1"))));
            assertThat(sink.holdsItems()).contains(true);
        }
    }
}
