package dev.pitr.examples;

import dev.pitr.s3.S3ExportSource;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.SdkEventLoopGroup;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClientBuilder;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3AsyncClientBuilder;

/**
 * The SDK clients a command needs, built on first use from {@link AwsOptions} with the Netty
 * async HTTP client and the default credentials chain, and closed together. A command that
 * reads local exports into DynamoDB never builds an S3 client, and {@code validate} without a
 * table builds none at all.
 */
final class AwsClients implements AutoCloseable {
    /** Connections per client at least: above the writer's 16 requests in flight. */
    private static final int MIN_CONNECTIONS = 64;

    private final AwsOptions options;
    private final int s3Connections;
    private SdkEventLoopGroup eventLoops;
    private Region region;
    private S3AsyncClient s3;
    private DynamoDbAsyncClient dynamoDb;

    /**
     * Clients for {@code options}; nothing is built yet.
     *
     * @param readers data files read at once: each S3 stream keeps up to
     *                {@link S3ExportSource#DEFAULT_READ_AHEAD} ranged GETs in flight
     */
    AwsClients(AwsOptions options, int readers) {
        this.options = options;
        this.s3Connections = Math.max(MIN_CONNECTIONS, readers * S3ExportSource.DEFAULT_READ_AHEAD + 16);
    }

    /** The S3 client: path-style against {@code --s3-endpoint}, cross-region access otherwise. */
    public synchronized S3AsyncClient s3() {
        if (s3 == null) {
            S3AsyncClientBuilder b = S3AsyncClient.builder()
                    .region(region())
                    .httpClientBuilder(http(s3Connections));
            if (options.s3Endpoint() != null) {
                b.endpointOverride(options.s3Endpoint()).forcePathStyle(true);
            } else {
                // Export buckets often live in another region than the table: follow S3's redirects.
                b.crossRegionAccessEnabled(true);
            }
            s3 = b.build();
        }
        return s3;
    }

    /** The DynamoDB client, against {@code --dynamodb-endpoint} when given. */
    public synchronized DynamoDbAsyncClient dynamoDb() {
        if (dynamoDb == null) {
            DynamoDbAsyncClientBuilder b = DynamoDbAsyncClient.builder()
                    .region(region())
                    .httpClientBuilder(http(MIN_CONNECTIONS));
            if (options.dynamoDbEndpoint() != null) {
                b.endpointOverride(options.dynamoDbEndpoint());
            }
            dynamoDb = b.build();
        }
        return dynamoDb;
    }

    /** A Netty HTTP client on the event loops both clients share. */
    private NettyNioAsyncHttpClient.Builder http(int connections) {
        if (eventLoops == null) {
            eventLoops = SdkEventLoopGroup.builder().build();
        }
        return NettyNioAsyncHttpClient.builder().maxConcurrency(connections).eventLoopGroup(eventLoops);
    }

    /**
     * Stops event loops without Netty's default two-second quiet period (which every command
     * would otherwise wait out before exiting): called once the clients using them are closed.
     */
    static void shutdown(SdkEventLoopGroup loops) {
        loops.eventLoopGroup().shutdownGracefully(0, 5, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
    }

    /**
     * {@code --region}, else the SDK's region chain.
     *
     * @throws UsageException when neither gives a region
     */
    public synchronized Region region() {
        if (region == null) {
            if (options.region() != null) {
                region = Region.of(options.region());
            } else {
                try {
                    region = new DefaultAwsRegionProviderChain().getRegion();
                } catch (SdkClientException e) {
                    throw new UsageException("No AWS region: pass --region, or set AWS_REGION or a region in your"
                            + " AWS profile", e);
                }
            }
        }
        return region;
    }

    @Override
    public synchronized void close() {
        if (s3 != null) {
            s3.close();
            s3 = null;
        }
        if (dynamoDb != null) {
            dynamoDb.close();
            dynamoDb = null;
        }
        if (eventLoops != null) {
            shutdown(eventLoops);
            eventLoops = null;
        }
    }
}
