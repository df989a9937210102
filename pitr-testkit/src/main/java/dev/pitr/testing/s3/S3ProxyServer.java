package dev.pitr.testing.s3;

import dev.pitr.testing.dynamodb.DynamoDbLocal;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;

/**
 * An S3-compatible server (s3proxy) in this JVM, on a free port of the loopback interface only,
 * keeping its objects in memory. Tests share one through {@link S3ProxyExtension} (they isolate
 * themselves by bucket name, see {@link S3TestData#newBucket}); {@link #start()} gives a private
 * one that the caller stops.
 *
 * <p>It accepts the same credentials as {@link DynamoDbLocal}, so one set of {@code AWS_*}
 * variables serves a child process that talks to both. Clients need path-style requests and the
 * endpoint override: {@link S3TestClients} makes them. s3proxy serves byte ranges but not
 * {@code GET ?partNumber=N} on multipart objects.
 */
public final class S3ProxyServer implements AutoCloseable {
    /** Access key id the server accepts: {@link DynamoDbLocal#CREDENTIALS}'s. */
    public static final String ACCESS_KEY = DynamoDbLocal.CREDENTIALS.accessKeyId();
    /** Secret key the server accepts: {@link DynamoDbLocal#CREDENTIALS}'s. */
    public static final String SECRET_KEY = DynamoDbLocal.CREDENTIALS.secretAccessKey();

    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final S3Proxy proxy;
    private final URI endpoint;

    private S3ProxyServer(S3Proxy proxy, URI endpoint) {
        this.proxy = proxy;
        this.endpoint = endpoint;
    }

    /**
     * Starts a new server on {@code 127.0.0.1} (port 0: the system picks a free one) and waits,
     * polling for at most 30 s, until it serves.
     *
     * @throws IllegalStateException when it does not start in time
     */
    public static S3ProxyServer start() {
        BlobStore store = new TransientNio2BlobStore();
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(store)
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .ignoreUnknownHeaders(true)
                .build();
        try {
            proxy.start();
        } catch (Exception e) {
            throw new IllegalStateException("s3proxy did not start", e);
        }
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!"STARTED".equals(proxy.getState())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("s3proxy not STARTED after " + START_TIMEOUT + ": " + proxy.getState());
            }
            LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
        }
        return new S3ProxyServer(proxy, URI.create("http://127.0.0.1:" + proxy.getPort()));
    }

    /** Where clients reach the server, {@code http://127.0.0.1:<port>}. */
    public URI endpoint() {
        return endpoint;
    }

    /** The loopback port the server listens on. */
    public int port() {
        return endpoint.getPort();
    }

    /** Stops the server. */
    @Override
    public void close() {
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("s3proxy did not stop", e);
        }
    }

    @Override
    public String toString() {
        return "S3ProxyServer[" + endpoint + "]";
    }
}
