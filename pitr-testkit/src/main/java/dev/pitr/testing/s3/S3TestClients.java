package dev.pitr.testing.s3;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3AsyncClientBuilder;

/** S3 async clients for a local S3-compatible server: path-style, static credentials, us-east-1. */
public final class S3TestClients {
    private S3TestClients() {
    }

    /** A client for {@code endpoint} with the server's credentials. */
    public static S3AsyncClient client(URI endpoint, ExecutionInterceptor... interceptors) {
        return builder(endpoint, S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY, interceptors).build();
    }

    /** A builder preset for {@code endpoint}, with the given credentials and interceptors. */
    public static S3AsyncClientBuilder builder(URI endpoint, String accessKey, String secretKey,
                                               ExecutionInterceptor... interceptors) {
        return S3AsyncClient.builder()
                .endpointOverride(endpoint)
                .forcePathStyle(true)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                .httpClientBuilder(NettyNioAsyncHttpClient.builder()
                        .maxConcurrency(64)
                        .connectionTimeout(Duration.ofSeconds(5))
                        .readTimeout(Duration.ofSeconds(20)))
                .overrideConfiguration(o -> {
                    for (ExecutionInterceptor i : interceptors) {
                        o.addExecutionInterceptor(i);
                    }
                });
    }
}
