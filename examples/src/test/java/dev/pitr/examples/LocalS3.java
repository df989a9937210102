package dev.pitr.examples;

import dev.pitr.testing.dynamodb.DynamoDbLocal;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/**
 * An S3-compatible server (s3proxy) in the test JVM on a free loopback port, keeping objects in
 * memory. It accepts the same credentials as {@link DynamoDbLocal}, so one set of
 * {@code AWS_*} variables serves the child process for both.
 */
final class LocalS3 implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final S3Proxy proxy;
    private final URI endpoint;
    private final S3AsyncClient client;

    private LocalS3(S3Proxy proxy, URI endpoint) {
        this.proxy = proxy;
        this.endpoint = endpoint;
        this.client = S3AsyncClient.builder()
                .endpointOverride(endpoint)
                .forcePathStyle(true)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(DynamoDbLocal.CREDENTIALS))
                .httpClientBuilder(NettyNioAsyncHttpClient.builder().maxConcurrency(16))
                .build();
    }

    /** Starts a server and waits until it serves. */
    static LocalS3 start() throws Exception {
        BlobStore store = new TransientNio2BlobStore();
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(store)
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, DynamoDbLocal.CREDENTIALS.accessKeyId(),
                        DynamoDbLocal.CREDENTIALS.secretAccessKey())
                .ignoreUnknownHeaders(true)
                .build();
        proxy.start();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!"STARTED".equals(proxy.getState())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("s3proxy not STARTED after " + START_TIMEOUT + ": " + proxy.getState());
            }
            LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
        }
        return new LocalS3(proxy, URI.create("http://127.0.0.1:" + proxy.getPort()));
    }

    /** {@code http://127.0.0.1:<port>}. */
    URI endpoint() {
        return endpoint;
    }

    /** Creates {@code bucket}. */
    void createBucket(String bucket) {
        client.createBucket(b -> b.bucket(bucket)).join();
    }

    /** Uploads every file under {@code root} to {@code bucket}, keyed by its path from {@code root}. */
    void uploadTree(Path root, String bucket) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        for (Path file : files) {
            String key = root.relativize(file).toString().replace('\\', '/');
            client.putObject(b -> b.bucket(bucket).key(key), AsyncRequestBody.fromFile(file)).join();
        }
    }

    /** The object's bytes, or {@code null} when there is none. */
    byte[] read(String bucket, String key) {
        try {
            return client.getObject(b -> b.bucket(bucket).key(key), AsyncResponseTransformer.toBytes()).join()
                    .asByteArray();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof software.amazon.awssdk.services.s3.model.NoSuchKeyException) {
                return null;
            }
            throw e;
        }
    }

    @Override
    public void close() {
        client.close();
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("s3proxy did not stop", e);
        }
    }
}
