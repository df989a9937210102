package dev.pitr.spark;

import java.net.URI;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClientBuilder;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3AsyncClientBuilder;

/**
 * The clients most jobs need: the default credentials chain (on EMR, EMR Serverless and Glue, the
 * job's role), a region (or the default region chain), and optionally endpoints of their own
 * (DynamoDB Local, an S3-compatible store, a VPC endpoint). An S3 endpoint override turns on
 * path-style access, which S3-compatible stores expect.
 *
 * @param region           the region, or {@code null} for the default region chain
 * @param dynamoDbEndpoint a DynamoDB endpoint, or {@code null} for the region's
 * @param s3Endpoint       an S3 endpoint, or {@code null} for the region's
 * @param maxConnections   HTTP connections per client (per executor JVM)
 */
public record AwsClientFactory(@Nullable String region, @Nullable String dynamoDbEndpoint,
                               @Nullable String s3Endpoint, int maxConnections) implements ClientFactory {
    private static final long serialVersionUID = 1L;

    /** Connections per client when not given: enough for a task's in-flight writes times a few tasks. */
    public static final int DEFAULT_MAX_CONNECTIONS = 128;

    public AwsClientFactory {
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be at least 1, got " + maxConnections);
        }
        checkEndpoint("dynamoDbEndpoint", dynamoDbEndpoint);
        checkEndpoint("s3Endpoint", s3Endpoint);
        if (region != null && region.isBlank()) {
            throw new IllegalArgumentException("region is blank: give a region such as us-east-1, or null for the"
                    + " default region chain");
        }
    }

    /** The default chains for credentials and region, and AWS's endpoints. */
    public static AwsClientFactory defaults() {
        return new AwsClientFactory(null, null, null, DEFAULT_MAX_CONNECTIONS);
    }

    /** This factory with {@code region}. */
    public AwsClientFactory withRegion(@Nullable String region) {
        return new AwsClientFactory(region, dynamoDbEndpoint, s3Endpoint, maxConnections);
    }

    /** This factory with a DynamoDB endpoint of its own. */
    public AwsClientFactory withDynamoDbEndpoint(@Nullable String endpoint) {
        return new AwsClientFactory(region, endpoint, s3Endpoint, maxConnections);
    }

    /** This factory with an S3 endpoint of its own (path-style access). */
    public AwsClientFactory withS3Endpoint(@Nullable String endpoint) {
        return new AwsClientFactory(region, dynamoDbEndpoint, endpoint, maxConnections);
    }

    @Override
    public DynamoDbAsyncClient createDynamoDb() {
        return dynamoDbBuilder().build();
    }

    @Override
    public S3AsyncClient createS3() {
        return s3Builder().build();
    }

    /**
     * The DynamoDB client's builder, set up as this factory says: a factory of your own can add
     * to it (an {@code ExecutionInterceptor}, a credentials provider) and build.
     */
    public DynamoDbAsyncClientBuilder dynamoDbBuilder() {
        DynamoDbAsyncClientBuilder b = DynamoDbAsyncClient.builder().httpClientBuilder(http());
        if (region != null) {
            b.region(Region.of(region));
        }
        if (dynamoDbEndpoint != null) {
            b.endpointOverride(URI.create(dynamoDbEndpoint));
        }
        return b;
    }

    /** The S3 client's builder, set up as this factory says, to add to. */
    public S3AsyncClientBuilder s3Builder() {
        S3AsyncClientBuilder b = S3AsyncClient.builder().httpClientBuilder(http());
        if (region != null) {
            b.region(Region.of(region));
        }
        if (s3Endpoint != null) {
            b.endpointOverride(URI.create(s3Endpoint)).forcePathStyle(true);
        }
        return b;
    }

    private NettyNioAsyncHttpClient.Builder http() {
        return NettyNioAsyncHttpClient.builder().maxConcurrency(maxConnections)
                .connectionAcquisitionTimeout(Duration.ofSeconds(60));
    }

    private static void checkEndpoint(String what, @Nullable String endpoint) {
        if (endpoint == null) {
            return;
        }
        URI uri;
        try {
            uri = URI.create(endpoint);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " is not a URI: \"" + endpoint + "\"", e);
        }
        if (uri.getScheme() == null || uri.getHost() == null
                || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
            throw new IllegalArgumentException(what + " must be an http:// or https:// URL with a host, got \""
                    + endpoint + "\"");
        }
    }
}
