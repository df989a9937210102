package dev.pitr.testing.dynamodb;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import dev.pitr.model.KeySchema;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClientBuilder;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.Select;

/**
 * DynamoDB Local running in this JVM on a free loopback port, with helpers to build clients
 * against it and to create tables. One instance is shared by a whole test run through
 * {@link DynamoDbLocalExtension}; {@link #start()} gives a private one.
 *
 * <p>Needs {@code com.amazonaws:DynamoDBLocal}, {@code software.amazon.awssdk:netty-nio-client}
 * and {@code software.amazon.awssdk:url-connection-client} on the test classpath.
 */
public final class DynamoDbLocal implements AutoCloseable {
    /** Region every client uses (DynamoDB Local accepts any). */
    public static final Region REGION = Region.US_EAST_1;
    /** Credentials every client uses (DynamoDB Local 2.x wants letters and digits only). */
    public static final AwsBasicCredentials CREDENTIALS = AwsBasicCredentials.create("pitrlocal", "pitrlocalsecret");

    private static final int START_ATTEMPTS = 5;
    private static final AtomicInteger TABLES = new AtomicInteger();

    private final DynamoDBProxyServer server;
    private final int port;
    private final DynamoDbClient admin;
    private final List<AutoCloseable> clients = new ArrayList<>();

    private DynamoDbLocal(DynamoDBProxyServer server, int port) {
        this.server = server;
        this.port = port;
        this.admin = syncClient();
    }

    /**
     * Starts a server on a free loopback port, trying another port when the one picked was
     * taken in between.
     */
    public static DynamoDbLocal start() {
        Exception last = null;
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            int port = freePort();
            DynamoDBProxyServer server = null;
            try {
                server = ServerRunner.createServerFromCommandLineArgs(new String[] {
                        "-inMemory", "-sharedDb", "-port", String.valueOf(port), "-disableTelemetry"});
                server.start();
                return new DynamoDbLocal(server, port);
            } catch (Exception e) {
                last = e;
                stopQuietly(server);
                if (!isBindFailure(e)) {
                    break;
                }
            }
        }
        throw new IllegalStateException("DynamoDB Local did not start", last);
    }

    /** The HTTP endpoint, {@code http://127.0.0.1:<port>}. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** The port the server listens on. */
    public int port() {
        return port;
    }

    /**
     * A builder for an async client with the Netty HTTP client (64 connections), the endpoint,
     * region and credentials set. The caller closes what it builds.
     */
    public DynamoDbAsyncClientBuilder asyncClientBuilder() {
        return DynamoDbAsyncClient.builder()
                .endpointOverride(endpoint())
                .region(REGION)
                .credentialsProvider(StaticCredentialsProvider.create(CREDENTIALS))
                .httpClientBuilder(NettyNioAsyncHttpClient.builder().maxConcurrency(64));
    }

    /** An async client with the SDK's default retries; closed with this server. */
    public DynamoDbAsyncClient asyncClient() {
        return track(asyncClientBuilder().build());
    }

    /**
     * An async client whose SDK retries are off, so that every answer reaches the caller as it
     * came, with {@code interceptors} (fault injection); closed with this server.
     */
    public DynamoDbAsyncClient asyncClientWithoutSdkRetries(ExecutionInterceptor... interceptors) {
        return track(asyncClientBuilder()
                .overrideConfiguration(o -> {
                    o.retryStrategy(AwsRetryStrategy.doNotRetry());
                    for (ExecutionInterceptor i : interceptors) {
                        o.addExecutionInterceptor(i);
                    }
                })
                .build());
    }

    /** A sync client over {@link UrlConnectionHttpClient}; closed with this server. */
    public DynamoDbClient syncClient() {
        return track(DynamoDbClient.builder()
                .endpointOverride(endpoint())
                .region(REGION)
                .credentialsProvider(StaticCredentialsProvider.create(CREDENTIALS))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build());
    }

    /** A table name not used before in this JVM: {@code <prefix>-<n>}. */
    public static String uniqueTableName(String prefix) {
        return prefix + "-" + TABLES.incrementAndGet();
    }

    /** Creates an on-demand table with {@code schema} and waits until it is ACTIVE. */
    public void createTable(String table, KeySchema schema) {
        List<KeySchemaElement> keys = new ArrayList<>();
        List<AttributeDefinition> definitions = new ArrayList<>();
        keys.add(KeySchemaElement.builder().attributeName(schema.partitionKey().name()).keyType(KeyType.HASH).build());
        definitions.add(definition(schema.partitionKey()));
        if (schema.sortKey() != null) {
            keys.add(KeySchemaElement.builder().attributeName(schema.sortKey().name()).keyType(KeyType.RANGE).build());
            definitions.add(definition(schema.sortKey()));
        }
        admin.createTable(b -> b.tableName(table).keySchema(keys).attributeDefinitions(definitions)
                .billingMode(BillingMode.PAY_PER_REQUEST));
        admin.waiter().waitUntilTableExists(b -> b.tableName(table));
    }

    /** Deletes {@code table}. */
    public void deleteTable(String table) {
        admin.deleteTable(b -> b.tableName(table));
    }

    /** How many items {@code table} holds (a counting scan). */
    public long countItems(String table) {
        long count = 0;
        for (var page : admin.scanPaginator(b -> b.tableName(table).select(Select.COUNT))) {
            count += page.count();
        }
        return count;
    }

    private static AttributeDefinition definition(KeySchema.KeyAttribute attribute) {
        return AttributeDefinition.builder().attributeName(attribute.name())
                .attributeType(ScalarAttributeType.fromValue(attribute.type().name())).build();
    }

    private synchronized <T extends AutoCloseable> T track(T client) {
        clients.add(client);
        return client;
    }

    /** Closes the clients made here, then stops the server. */
    @Override
    public synchronized void close() {
        for (AutoCloseable c : clients) {
            try {
                c.close();
            } catch (Exception e) {
                // closing a test client: nothing to do about it
            }
        }
        clients.clear();
        stopQuietly(server);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free loopback port", e);
        }
    }

    private static boolean isBindFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException || (t.getMessage() != null && t.getMessage().contains("Address already in use"))) {
                return true;
            }
        }
        return false;
    }

    private static void stopQuietly(DynamoDBProxyServer server) {
        if (server != null) {
            try {
                server.stop();
            } catch (Exception e) {
                // already stopped or never started
            }
        }
    }

    @Override
    public String toString() {
        return "DynamoDbLocal[" + endpoint() + "]";
    }
}
