package dev.pitr.dynamodb;

import dev.pitr.model.Item;
import dev.pitr.model.Key;
import dev.pitr.model.KeySchema;
import dev.pitr.testing.contract.ItemSinkContract;
import dev.pitr.testing.dynamodb.DynamoDbLocal;
import dev.pitr.testing.dynamodb.DynamoDbLocalExtension;
import dev.pitr.testing.dynamodb.ExpectedTable;
import dev.pitr.write.ItemSink;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** {@link DynamoDbItemSink} on DynamoDB Local passes the contract every item sink passes. */
@ExtendWith(DynamoDbLocalExtension.class)
class DynamoDbItemSinkContractTest extends ItemSinkContract {
    private static DynamoDbLocal ddb;
    private static DynamoDbAsyncClient client;
    private static DynamoDbClient reader;

    @BeforeAll
    static void clients(DynamoDbLocal local) {
        ddb = local;
        client = local.asyncClient();
        reader = local.syncClient();
    }

    @Override
    protected String createTarget(KeySchema schema) {
        String table = DynamoDbLocal.uniqueTableName("sink-contract");
        ddb.createTable(table, schema);
        return table;
    }

    @Override
    protected ItemSink sinkTo(String target) {
        return DynamoDbItemSink.builder().client(client).tableName(target).build();
    }

    @Override
    protected Map<Key, Item> itemsIn(String target, KeySchema schema) {
        return ExpectedTable.scan(reader, target, schema);
    }
}
