package dev.pitr.testing.dynamodb;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import dev.pitr.model.KeySchema;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.server.AbstractNetworkConnector;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.SdkEventLoopGroup;
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
 * DynamoDB Local running in this JVM, in memory, on a free port of the loopback interface only,
 * with helpers to build clients against it and to create tables. Tests share one through
 * {@link DynamoDbLocalExtension}; {@link #start()} gives a private one (the CLI's {@code pitr demo}
 * starts its table this way).
 *
 * <p>DynamoDB Local (2.6.1) has no option for the address it listens on: its command line takes
 * only a port, and it listens on every interface. So {@link #start()} narrows its Jetty connector
 * to {@code 127.0.0.1} (and to port 0, so the system picks a free port: no race) before starting
 * it, and refuses to start it when it cannot. DynamoDB Local accepts any credentials, so nothing
 * else should reach it.
 *
 * <p>Every Netty client made here runs on this server's own event loops, which {@link #close()}
 * stops without Netty's two-second quiet period. Needs {@code com.amazonaws:DynamoDBLocal},
 * {@code software.amazon.awssdk:netty-nio-client} and, for {@link #syncClient()} only,
 * {@code software.amazon.awssdk:url-connection-client}: pitr-testkit brings all three.
 */
public final class DynamoDbLocal implements AutoCloseable {
    /** Region every client uses (DynamoDB Local accepts any). */
    public static final Region REGION = Region.US_EAST_1;
    /** Credentials every client uses (DynamoDB Local 2.x wants letters and digits only). */
    public static final AwsBasicCredentials CREDENTIALS = AwsBasicCredentials.create("pitrlocal", "pitrlocalsecret");

    /** The only address the server listens on. */
    private static final String LOOPBACK = "127.0.0.1";
    private static final AtomicInteger TABLES = new AtomicInteger();
    /**
     * sqlite4java warns through java.util.logging that it cannot tell its version inside a shaded
     * jar (DynamoDB Local sets that logger's level itself, so a filter drops just that line). Held
     * here so that the logger, and its filter, are not collected.
     */
    private static final java.util.logging.Logger SQLITE_LOG = java.util.logging.Logger.getLogger("com.almworks.sqlite4java");

    private final DynamoDBProxyServer server;
    private final int port;
    private final SdkEventLoopGroup eventLoops = SdkEventLoopGroup.builder().build();
    private final List<AutoCloseable> clients = new ArrayList<>();
    private @Nullable DynamoDbAsyncClient admin;

    private DynamoDbLocal(DynamoDBProxyServer server, int port) {
        this.server = server;
        this.port = port;
    }

    /**
     * Starts a server on a free port of the loopback interface, quietly: DynamoDB Local prints its
     * configuration on {@code System.out}, which is muted meanwhile.
     *
     * @throws IllegalStateException when it does not start, or cannot be kept to the loopback interface
     */
    public static DynamoDbLocal start() {
        SQLITE_LOG.setFilter(r -> r.getMessage() == null || !r.getMessage().contains("unknown jar version"));
        DynamoDBProxyServer server = null;
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        try {
            // Its -port takes 1 to 65535 only; the connector's port is set to 0 below.
            server = ServerRunner.createServerFromCommandLineArgs(new String[] {
                    "-inMemory", "-sharedDb", "-port", "8000", "-disableTelemetry"});
            AbstractNetworkConnector connector = loopbackOnly(server);
            server.start();
            return new DynamoDbLocal(server, connector.getLocalPort());
        } catch (Exception e) {
            stopQuietly(server);
            throw new IllegalStateException("DynamoDB Local did not start: " + e, e);
        } finally {
            System.setOut(stdout);
        }
    }

    /**
     * Points the not yet started server's one Jetty connector at {@code 127.0.0.1}, port 0. The
     * Jetty server is a private field of DynamoDB Local's {@link DynamoDBProxyServer}: when a later
     * version moves it, this fails rather than let the server listen on every interface.
     */
    private static AbstractNetworkConnector loopbackOnly(DynamoDBProxyServer proxy) {
        Server jetty;
        try {
            Field field = DynamoDBProxyServer.class.getDeclaredField("server");
            field.setAccessible(true);
            jetty = (Server) field.get(proxy);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("Cannot keep DynamoDB Local to the loopback interface (its Jetty server"
                    + " is not where DynamoDB Local 2.6 keeps it), and will not let it listen on every interface", e);
        }
        Connector[] connectors = jetty.getConnectors();
        if (connectors.length != 1 || !(connectors[0] instanceof AbstractNetworkConnector connector)) {
            throw new IllegalStateException("Cannot keep DynamoDB Local to the loopback interface: expected one network"
                    + " connector, found " + List.of(connectors));
        }
        connector.setHost(LOOPBACK);
        connector.setPort(0);
        return connector;
    }

    /** The HTTP endpoint, {@code http://127.0.0.1:<port>}. */
    public URI endpoint() {
        return URI.create("http://" + LOOPBACK + ":" + port);
    }

    /** The port the server listens on. */
    public int port() {
        return port;
    }

    /**
     * A builder for an async client with the Netty HTTP client (64 connections, on this server's
     * event loops), the endpoint, region and credentials set. The caller closes what it builds,
     * before this server.
     */
    public DynamoDbAsyncClientBuilder asyncClientBuilder() {
        return DynamoDbAsyncClient.builder()
                .endpointOverride(endpoint())
                .region(REGION)
                .credentialsProvider(StaticCredentialsProvider.create(CREDENTIALS))
                .httpClientBuilder(NettyNioAsyncHttpClient.builder().maxConcurrency(64).eventLoopGroup(eventLoops));
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
        join(admin().createTable(b -> b.tableName(table).keySchema(keys).attributeDefinitions(definitions)
                .billingMode(BillingMode.PAY_PER_REQUEST)));
        join(admin().waiter().waitUntilTableExists(b -> b.tableName(table)));
    }

    /** Deletes {@code table}. */
    public void deleteTable(String table) {
        join(admin().deleteTable(b -> b.tableName(table)));
    }

    /** How many items {@code table} holds (a counting scan). */
    public long countItems(String table) {
        AtomicLong count = new AtomicLong();
        join(admin().scanPaginator(b -> b.tableName(table).select(Select.COUNT)).subscribe(page -> count.addAndGet(page.count())));
        return count.get();
    }

    /**
     * The client of the helpers above: async, so that the CLI's demo needs no sync HTTP client
     * (beside the SDK's default one, a second would leave the SDK unable to pick one).
     */
    private synchronized DynamoDbAsyncClient admin() {
        if (admin == null) {
            admin = asyncClient();
        }
        return admin;
    }

    /** Waits for {@code f}, throwing what failed it as the sync client would. */
    private static <T> T join(CompletableFuture<T> f) {
        try {
            return f.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    private static AttributeDefinition definition(KeySchema.KeyAttribute attribute) {
        return AttributeDefinition.builder().attributeName(attribute.name())
                .attributeType(ScalarAttributeType.fromValue(attribute.type().name())).build();
    }

    private synchronized <T extends AutoCloseable> T track(T client) {
        clients.add(client);
        return client;
    }

    /** Closes the clients made here, stops the server, then its event loops. */
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
        admin = null;
        stopQuietly(server);
        eventLoops.eventLoopGroup().shutdownGracefully(0, 5, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
    }

    private static void stopQuietly(@Nullable DynamoDBProxyServer server) {
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
