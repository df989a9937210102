package dev.pitr.benchmarks;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;

/**
 * The SDK client every write benchmark uses, baseline and pitr alike: the Netty async HTTP
 * client over HTTP/1.1 to the loopback stub, SigV4 signing with fixed credentials, and the SDK's
 * default marshalling and retry settings, as an application would build it.
 */
final class BenchClients {
    private BenchClients() {
    }

    /** A client for {@code endpoint} allowing {@code maxConcurrency} requests in flight. */
    static DynamoDbAsyncClient dynamoDb(URI endpoint, int maxConcurrency) {
        return DynamoDbAsyncClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create("benchaccesskey", "benchsecretkey")))
                .httpClientBuilder(NettyNioAsyncHttpClient.builder()
                        .protocol(Protocol.HTTP1_1)
                        .maxConcurrency(maxConcurrency)
                        .connectionAcquisitionTimeout(Duration.ofSeconds(60)))
                .build();
    }
}
