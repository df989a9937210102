package dev.pitr.testing.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pitr.testing.net.Listening;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.transfer.s3.S3TransferManager;

/** What the tests rely on from the in-process server: ranges, If-Match, and no partNumber GETs. */
@ExtendWith(S3ProxyExtension.class)
class S3ProxyServerTest {
    private static S3ProxyServer server;
    private static S3AsyncClient client;
    private static S3TestData data;

    @BeforeAll
    static void start(S3ProxyServer s3proxy) {
        server = s3proxy;
        client = S3TestClients.client(server.endpoint());
        data = new S3TestData(client);
    }

    @AfterAll
    static void stop() {
        client.close();
    }

    @Test
    void start_listensOnLoopbackOnly_andServes() throws Exception {
        try (S3ProxyServer own = S3ProxyServer.start();
             S3AsyncClient c = S3TestClients.client(own.endpoint())) {
            assertThat(own.endpoint().getHost()).isEqualTo("127.0.0.1");
            assertThat(own.port()).isNotEqualTo(server.port());
            S3TestData d = new S3TestData(c);
            String bucket = d.newBucket("loopback");
            d.put(bucket, "k", new byte[] {1, 2, 3});
            assertThat(d.get(bucket, "k")).hasValueSatisfying(b -> assertThat(b).containsExactly(1, 2, 3));
            assertThat(d.get(bucket, "none")).isEmpty();

            List<InetAddress> others = Listening.nonLoopbackAddresses();
            Assumptions.assumeFalse(others.isEmpty(), "this machine has no address but loopback ones to try");
            for (InetAddress a : others) {
                assertThat(Listening.accepts(a, own.port())).as("connects on %s:%d", a, own.port()).isFalse();
            }
        }
    }

    @Test
    void rangeGet_servesTheRequestedBytes_andHonoursIfMatch() {
        String bucket = data.newBucket("smoke");
        byte[] bytes = S3TestData.randomBytes(100_000, 1);
        String etag = data.put(bucket, "k", bytes);

        byte[] got = client.getObject(b -> b.bucket(bucket).key("k").range("bytes=1000-1999").ifMatch(etag),
                AsyncResponseTransformer.toBytes()).join().asByteArray();
        assertThat(got).isEqualTo(Arrays.copyOfRange(bytes, 1000, 2000));

        assertThatThrownBy(() -> client.getObject(b -> b.bucket(bucket).key("k").range("bytes=0-9").ifMatch("\"nope\""),
                AsyncResponseTransformer.toBytes()).join())
                .hasCauseInstanceOf(S3Exception.class)
                .satisfies(e -> assertThat(((S3Exception) e.getCause()).statusCode()).isEqualTo(412));
    }

    @Test
    void partNumberGet_onMultipartObject_isNotServed() {
        String bucket = data.newBucket("smoke");
        byte[] bytes = S3TestData.randomBytes(11 * 1024 * 1024, 2);
        data.putMultipart(bucket, "mp", bytes, 5 * 1024 * 1024);
        assertThatThrownBy(() -> client.getObject(b -> b.bucket(bucket).key("mp").partNumber(2),
                AsyncResponseTransformer.toBytes()).join())
                .hasCauseInstanceOf(S3Exception.class);
    }

    /**
     * Why the stager gives every transfer-manager download an explicit range: without one, a
     * multipart-enabled Java client fetches by part number, which fails here on multipart objects.
     */
    @Test
    void transferManager_onMultipartClient_needsAnExplicitRange(@TempDir Path dir) throws Exception {
        String bucket = data.newBucket("smoke");
        byte[] bytes = S3TestData.randomBytes(11 * 1024 * 1024, 3);
        data.putMultipart(bucket, "mp", bytes, 5 * 1024 * 1024);
        try (S3AsyncClient multipart = S3TestClients.builder(server.endpoint(),
                S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY).multipartEnabled(true).build();
             S3TransferManager tm = S3TransferManager.builder().s3Client(multipart).build()) {
            assertThatThrownBy(() -> tm.downloadFile(d -> d.destination(dir.resolve("plain"))
                    .getObjectRequest(g -> g.bucket(bucket).key("mp"))).completionFuture().join())
                    .hasRootCauseInstanceOf(S3Exception.class);

            tm.downloadFile(d -> d.destination(dir.resolve("ranged"))
                    .getObjectRequest(g -> g.bucket(bucket).key("mp").range("bytes=0-" + (bytes.length - 1))))
                    .completionFuture().join();
            assertThat(Files.readAllBytes(dir.resolve("ranged"))).isEqualTo(bytes);
        }
    }
}
