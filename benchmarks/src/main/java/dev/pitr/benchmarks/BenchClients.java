package dev.pitr.benchmarks;

import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.SdkEventLoopGroup;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;

/**
 * The SDK client every write benchmark uses, baseline and pitr alike: the Netty async HTTP
 * client over HTTP/1.1 to the loopback stub, SigV4 signing with fixed credentials, and the SDK's
 * default marshalling and retry settings, as an application would build it. Its event loops are
 * the benchmark's own, so closing does not wait out the SDK's two-second quiet period.
 */
final class BenchClients implements AutoCloseable {
    private final NioEventLoopGroup loops;
    private final DynamoDbAsyncClient client;

    private BenchClients(URI endpoint, int maxConcurrency) {
        this.loops = new NioEventLoopGroup(2, new DefaultThreadFactory("bench-sdk-netty", true));
        this.client = DynamoDbAsyncClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create("benchaccesskey", "benchsecretkey")))
                .httpClientBuilder(NettyNioAsyncHttpClient.builder()
                        .eventLoopGroup(SdkEventLoopGroup.create(loops, NioSocketChannel::new))
                        .protocol(Protocol.HTTP1_1)
                        .maxConcurrency(maxConcurrency)
                        .connectionAcquisitionTimeout(Duration.ofSeconds(60)))
                .build();
    }

    /** A client for {@code endpoint} allowing {@code maxConcurrency} requests in flight. */
    static BenchClients dynamoDb(URI endpoint, int maxConcurrency) {
        return new BenchClients(endpoint, maxConcurrency);
    }

    DynamoDbAsyncClient client() {
        return client;
    }

    @Override
    public void close() {
        client.close();
        loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
