package dev.pitr.dynamodb;

import dev.pitr.model.KeySchema;
import dev.pitr.testing.dynamodb.DynamoDbLocal;
import dev.pitr.testing.dynamodb.DynamoDbLocalExtension;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;

/** What the conditional sink's tests share: DynamoDB Local, a client, and a new table keyed by {@code pk} per test. */
@ExtendWith(DynamoDbLocalExtension.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
abstract class ConditionalSinkTesting {
    static final KeySchema HASH = KeySchema.of("pk", KeySchema.ScalarType.S);

    static DynamoDbLocal ddb;
    static DynamoDbAsyncClient client;
    ConditionalTables table;

    @BeforeAll
    static void server(DynamoDbLocal local) {
        ddb = local;
        client = local.asyncClient();
    }

    @BeforeEach
    void newTable() {
        table = new ConditionalTables(ddb, client, "cond", HASH);
    }

    /** A sink of the test's table, on the shared client. */
    DynamoDbConditionalSink.Builder sink() {
        return DynamoDbConditionalSink.builder().client(client).tableName(table.name());
    }

    /** A sink of the test's table, on a client of its own without SDK retries, with {@code interceptors}. */
    DynamoDbConditionalSink.Builder sinkThrough(ExecutionInterceptor... interceptors) {
        return DynamoDbConditionalSink.builder().client(ddb.asyncClientWithoutSdkRetries(interceptors))
                .tableName(table.name());
    }
}
