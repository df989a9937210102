package dev.pitr.examples;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import dev.pitr.model.KeySchema;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.server.AbstractNetworkConnector;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * DynamoDB Local running in this JVM, in memory, on a free loopback port: the quickstart's
 * target table, with nothing to install beyond Java.
 */
final class EmbeddedDynamoDb implements AutoCloseable {
    /** DynamoDB Local takes any credentials made of letters and digits. */
    private static final AwsBasicCredentials CREDENTIALS = AwsBasicCredentials.create("pitrdemo", "pitrdemosecret");
    private static final int START_ATTEMPTS = 5;
    /**
     * sqlite4java warns through java.util.logging that it cannot tell its version inside a shaded
     * jar (DynamoDB Local sets that logger's level itself, so a filter drops just that line).
     */
    private static final java.util.logging.Logger SQLITE_LOG = java.util.logging.Logger.getLogger("com.almworks.sqlite4java");

    private final DynamoDBProxyServer server;
    private final int port;
    private final DynamoDbAsyncClient client;

    private EmbeddedDynamoDb(DynamoDBProxyServer server, int port) {
        this.server = server;
        this.port = port;
        this.client = DynamoDbAsyncClient.builder()
                .endpointOverride(endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(CREDENTIALS))
                .httpClientBuilder(NettyNioAsyncHttpClient.builder().maxConcurrency(64))
                .build();
    }

    /** Starts a server, trying another port when the free one picked was taken in between. */
    static EmbeddedDynamoDb start() {
        SQLITE_LOG.setFilter(r -> r.getMessage() == null || !r.getMessage().contains("unknown jar version"));
        Exception last = null;
        for (int attempt = 0; attempt < START_ATTEMPTS; attempt++) {
            int port = freePort();
            DynamoDBProxyServer server = null;
            // DynamoDB Local prints its configuration on System.out, where the demo's own lines go.
            PrintStream stdout = System.out;
            System.setOut(new PrintStream(OutputStream.nullOutputStream()));
            try {
                server = ServerRunner.createServerFromCommandLineArgs(new String[] {
                        "-inMemory", "-port", String.valueOf(port), "-disableTelemetry"});
                bindToLoopback(server);
                server.start();
                return new EmbeddedDynamoDb(server, port);
            } catch (Exception e) {
                last = e;
                stopQuietly(server);
                if (!isBindFailure(e)) {
                    break;
                }
            } finally {
                System.setOut(stdout);
            }
        }
        throw new IllegalStateException("DynamoDB Local did not start: " + last, last);
    }

    /**
     * DynamoDB Local has no option for the address it listens on and takes any credentials:
     * narrow its Jetty connector to the loopback interface before it starts.
     */
    private static void bindToLoopback(DynamoDBProxyServer proxy) throws ReflectiveOperationException {
        Field field = DynamoDBProxyServer.class.getDeclaredField("server");
        field.setAccessible(true);
        Server jetty = (Server) field.get(proxy);
        for (Connector connector : jetty.getConnectors()) {
            if (connector instanceof AbstractNetworkConnector network) {
                network.setHost(InetAddress.getLoopbackAddress().getHostAddress());
            }
        }
    }

    /** {@code http://127.0.0.1:<port>}. */
    URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** A client of this server, closed with it. */
    DynamoDbAsyncClient client() {
        return client;
    }

    /** Creates an on-demand table with {@code schema} and waits until it is active. */
    void createTable(String table, KeySchema schema) {
        List<KeySchemaElement> keys = new ArrayList<>();
        List<AttributeDefinition> definitions = new ArrayList<>();
        keys.add(KeySchemaElement.builder().attributeName(schema.partitionKey().name()).keyType(KeyType.HASH).build());
        definitions.add(definition(schema.partitionKey()));
        if (schema.sortKey() != null) {
            keys.add(KeySchemaElement.builder().attributeName(schema.sortKey().name()).keyType(KeyType.RANGE).build());
            definitions.add(definition(schema.sortKey()));
        }
        client.createTable(b -> b.tableName(table).keySchema(keys).attributeDefinitions(definitions)
                .billingMode(BillingMode.PAY_PER_REQUEST)).join();
        client.waiter().waitUntilTableExists(b -> b.tableName(table)).join();
    }

    private static AttributeDefinition definition(KeySchema.KeyAttribute attribute) {
        return AttributeDefinition.builder().attributeName(attribute.name())
                .attributeType(ScalarAttributeType.fromValue(attribute.type().name())).build();
    }

    /** Closes the client and stops the server. */
    @Override
    public void close() {
        client.close();
        stopQuietly(server);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free loopback port: " + e.getMessage(), e);
        }
    }

    private static boolean isBindFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException
                    || (t.getMessage() != null && t.getMessage().contains("Address already in use"))) {
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
                // never started, or already stopped
            }
        }
    }
}
