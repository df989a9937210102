package dev.pitr.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pitr.PitrException;
import dev.pitr.checkpoint.CheckpointStore;
import dev.pitr.s3.testing.FaultInterceptor;
import dev.pitr.testing.LostAnswers;
import dev.pitr.testing.contract.RemoteCheckpointStoreContract;
import dev.pitr.testing.s3.S3ProxyExtension;
import dev.pitr.testing.s3.S3ProxyServer;
import dev.pitr.testing.s3.S3TestClients;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/** The S3 checkpoint store passes the shared contract against s3proxy. */
@ExtendWith(S3ProxyExtension.class)
class S3CheckpointStoreTest extends RemoteCheckpointStoreContract {
    private static S3AsyncClient client;
    private static CheckpointStore store;
    private static S3ProxyServer server;
    private static final List<S3AsyncClient> LOSSY_CLIENTS = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start(S3ProxyServer s3) {
        server = s3;
        client = S3TestClients.client(server.endpoint());
        client.createBucket(b -> b.bucket("checkpoints")).join();
        store = S3CheckpointStore.create(client, "s3://checkpoints/pitr/restores/");
    }

    @AfterAll
    static void stop() {
        client.close();
        LOSSY_CLIENTS.forEach(S3AsyncClient::close);
    }

    @Override
    protected CheckpointStore store() {
        return store;
    }

    @Override
    protected CheckpointStore storeWith(ExecutionInterceptor interceptor) {
        S3AsyncClient lossy = S3TestClients.builder(server.endpoint(), S3ProxyServer.ACCESS_KEY,
                S3ProxyServer.SECRET_KEY).overrideConfiguration(o -> o.addExecutionInterceptor(interceptor)
                        .retryStrategy(b -> b.maxAttempts(3))).build();
        LOSSY_CLIENTS.add(lossy);
        return S3CheckpointStore.create(lossy, "s3://checkpoints/pitr/restores/");
    }

    /* Written by the first attempt, the save's every answer becomes 503: the store still finds its own. */
    @Test
    void save_writtenButAnsweredWithServerErrorsToTheEnd_returnsTheVersionItWrote() {
        FaultInterceptor faults = new FaultInterceptor(r -> r.method() == SdkHttpMethod.PUT)
                .fail(Integer.MAX_VALUE, 503, "SlowDown");
        CheckpointStore lossy = storeWith(faults);
        String id = newRestoreId();
        String v1 = store.save(checkpoint(id, 0, 1), null);

        String v2 = lossy.save(checkpoint(id, 0, 2), v1);

        assertThat(faults.faultsMade()).isGreaterThanOrEqualTo(2);
        CheckpointStore.Versioned now = store.load(id).orElseThrow();
        assertThat(now.version()).isEqualTo(v2).isNotEqualTo(v1);
        assertThat(now.checkpoint().linesDone("prefix/AWSDynamoDB/data/aaaaaaaaaaaaaaaaaaaaaaaaaa.json.gz")).isEqualTo(2);
    }

    @Test
    void save_whoseAnswerIsLostBeforeItWasWritten_saysItCannotWriteTheObject() {
        LostAnswers lose = LostAnswers.beforeTheServer(r -> r instanceof PutObjectRequest);
        CheckpointStore lossy = storeWith(lose);
        String id = newRestoreId();

        lose.next(Integer.MAX_VALUE);
        assertThatThrownBy(() -> lossy.save(checkpoint(id, 0, 1), null)).isInstanceOf(PitrException.class)
                .hasMessageContaining("Cannot write s3://checkpoints/pitr/restores/" + id + ".json");
    }

    /*
     * s3proxy 4.1.0 (the newest release) checks If-Match and then writes, not atomically, and
     * accepts If-Match on a key that does not exist; Amazon S3 does both atomically (412, 409 or
     * 404). These two cases of the contract therefore test the local server, not the store, and
     * cannot pass against it. If-None-Match (create) and sequential If-Match pass above.
     */
    @Override
    @Test
    @Disabled("s3proxy 4.1.0's If-Match is check-then-write: concurrent writers all win there, unlike on Amazon S3")
    protected void concurrentWriters_fromOneVersion_exactlyOneWins() {
    }

    @Override
    @Test
    @Disabled("s3proxy 4.1.0 accepts If-Match on a missing key; Amazon S3 answers 404, which the store treats as a conflict")
    protected void save_withAVersionWhenNoneExists_isAConflict() {
    }

    @Test
    void save_writesOneJsonObjectPerRestoreId() {
        String id = newRestoreId();
        store.save(checkpoint(id, 0, 5), null);

        String body = client.getObject(b -> b.bucket("checkpoints").key("pitr/restores/" + id + ".json"),
                software.amazon.awssdk.core.async.AsyncResponseTransformer.toBytes()).join().asUtf8String();
        assertThat(body).contains("\"restoreId\" : \"" + id + "\"");
    }
}
