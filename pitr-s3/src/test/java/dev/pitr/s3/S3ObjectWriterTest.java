package dev.pitr.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pitr.PitrException;
import dev.pitr.testing.s3.S3ProxyExtension;
import dev.pitr.testing.s3.S3ProxyServer;
import dev.pitr.testing.s3.S3TestClients;
import dev.pitr.testing.s3.S3TestData;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

@ExtendWith(S3ProxyExtension.class)
class S3ObjectWriterTest {
    private static S3ProxyServer s3proxy;
    private static S3AsyncClient client;
    private static String bucket;

    @BeforeAll
    static void start(S3ProxyServer server) {
        s3proxy = server;
        client = S3TestClients.client(server.endpoint());
        bucket = new S3TestData(client).newBucket("writer");
    }

    @AfterAll
    static void close() {
        client.close();
    }

    @Test
    void write_putsTheBytes_withTheContentType() {
        byte[] report = "{\"items\":3}".getBytes(StandardCharsets.UTF_8);
        String etag = S3ObjectWriter.write(client, "s3://" + bucket + "/reports/run-1.json", report, "application/json");

        ResponseBytes<GetObjectResponse> got = client.getObject(b -> b.bucket(bucket).key("reports/run-1.json"),
                AsyncResponseTransformer.toBytes()).join();
        assertThat(got.asByteArray()).isEqualTo(report);
        assertThat(got.response().contentType()).isEqualTo("application/json");
        assertThat(got.response().eTag()).isEqualTo(etag);
    }

    @Test
    void write_emptyBytes_andReplacing_work() {
        S3ObjectWriter.write(client, new S3Uri(bucket, "x"), new byte[] {1, 2}, null);
        S3ObjectWriter.write(client, new S3Uri(bucket, "x"), new byte[0], null);
        assertThat(client.getObject(b -> b.bucket(bucket).key("x"), AsyncResponseTransformer.toBytes()).join()
                .asByteArray()).isEmpty();
    }

    @Test
    void write_toMissingBucket_failsNamingIt() {
        assertThatThrownBy(() -> S3ObjectWriter.write(client, "s3://no-such-bucket-pitr/r.json", new byte[] {1}, null))
                .isExactlyInstanceOf(PitrException.class)
                .hasMessageContaining("Bucket \"no-such-bucket-pitr\" does not exist (writing s3://no-such-bucket-pitr/r.json)");
    }

    @Test
    void write_withBadCredentials_failsWithAccessDenied() {
        try (S3AsyncClient wrong = S3TestClients.builder(s3proxy.endpoint(), "nobody", "nothing").build()) {
            // An empty body: s3proxy refuses bad credentials by answering 403 and closing the
            // connection, and a client still sending a body may see the close instead of the 403.
            assertThatThrownBy(() -> S3ObjectWriter.write(wrong, "s3://" + bucket + "/r.json", new byte[0], null))
                    .isExactlyInstanceOf(PitrException.class)
                    .hasMessageStartingWith("Access denied writing s3://" + bucket + "/r.json")
                    .hasMessageContaining("s3:PutObject");
        }
    }

    @Test
    void write_toAFolderUri_isRejected() {
        assertThatThrownBy(() -> S3ObjectWriter.write(client, "s3://" + bucket + "/reports/", new byte[0], null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("s3://" + bucket + "/reports/");
        assertThatThrownBy(() -> S3ObjectWriter.write(client, "file:///tmp/x", new byte[0], null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("file:///tmp/x");
    }
}
