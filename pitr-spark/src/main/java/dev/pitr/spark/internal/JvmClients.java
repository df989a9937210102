package dev.pitr.spark.internal;

import dev.pitr.spark.ClientFactory;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/**
 * One client of each kind per equal {@link ClientFactory} in this JVM, shared by its tasks and
 * closed when the JVM ends: an executor runs many tasks, and a client per task would open
 * connections (and threads) without end.
 */
public final class JvmClients {
    private static final Map<ClientFactory, DynamoDbAsyncClient> DYNAMODB = new ConcurrentHashMap<>();
    private static final Map<ClientFactory, S3AsyncClient> S3 = new ConcurrentHashMap<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            DYNAMODB.values().forEach(DynamoDbAsyncClient::close);
            S3.values().forEach(S3AsyncClient::close);
        }, "pitr-spark-clients-close"));
    }

    private JvmClients() {
    }

    /** This JVM's DynamoDB client of {@code factory}. */
    public static DynamoDbAsyncClient dynamoDb(ClientFactory factory) {
        return DYNAMODB.computeIfAbsent(factory, ClientFactory::createDynamoDb);
    }

    /** This JVM's S3 client of {@code factory}. */
    public static S3AsyncClient s3(ClientFactory factory) {
        return S3.computeIfAbsent(factory, ClientFactory::createS3);
    }
}
