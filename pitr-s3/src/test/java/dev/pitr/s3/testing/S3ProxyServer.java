package dev.pitr.s3.testing;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;

/**
 * An s3proxy server in this JVM, on a free loopback port, keeping its objects in memory.
 *
 * <p>{@link #shared()} starts one for the whole test JVM (tests isolate themselves by bucket
 * name); {@link #start()} starts a private one that the caller stops.
 */
public final class S3ProxyServer implements AutoCloseable {
    /** Access key id the server accepts. */
    public static final String ACCESS_KEY = "localaccesskey";
    /** Secret key the server accepts. */
    public static final String SECRET_KEY = "localsecretkey";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static S3ProxyServer shared;

    private final S3Proxy proxy;
    private final URI endpoint;

    private S3ProxyServer(S3Proxy proxy, URI endpoint) {
        this.proxy = proxy;
        this.endpoint = endpoint;
    }

    /** The server shared by every test of this JVM, started on first use, stopped at exit. */
    public static synchronized S3ProxyServer shared() {
        if (shared == null) {
            S3ProxyServer server = start();
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "s3proxy-stop"));
            shared = server;
        }
        return shared;
    }

    /** Starts a new server and waits until it serves. */
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

    /** Where clients reach the server. */
    public URI endpoint() {
        return endpoint;
    }

    /** The loopback port the server listens on. */
    public int port() {
        return endpoint.getPort();
    }

    @Override
    public void close() {
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("s3proxy did not stop", e);
        }
    }
}
