package dev.pitr.dynamodb.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pitr.PitrException;
import dev.pitr.checkpoint.Checkpoint;
import dev.pitr.checkpoint.CheckpointCodec;
import dev.pitr.checkpoint.CheckpointConflictException;
import dev.pitr.checkpoint.CheckpointStore;
import dev.pitr.dynamodb.DynamoDbCheckpointStore;
import dev.pitr.testing.contract.RemoteCheckpointStoreContract;
import dev.pitr.testing.dynamodb.DynamoDbLocal;
import dev.pitr.testing.dynamodb.DynamoDbLocalExtension;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/** The DynamoDB checkpoint store passes the shared contract against DynamoDB Local. */
@ExtendWith(DynamoDbLocalExtension.class)
class DynamoDbCheckpointStoreTest extends RemoteCheckpointStoreContract {
    private static final String TABLE = "pitr-checkpoints";
    private static final String KEY_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static CheckpointStore store;
    private DynamoDbLocal dynamo;
    private final List<DynamoDbAsyncClient> clients = new ArrayList<>();

    @BeforeEach
    void setUp(DynamoDbLocal dynamo) {
        this.dynamo = dynamo;
        synchronized (DynamoDbCheckpointStoreTest.class) {
            if (store == null) {
                store = DynamoDbCheckpointStore.create(dynamo.asyncClient(), TABLE).createTableIfMissing();
            }
        }
    }

    @Override
    protected CheckpointStore store() {
        return store;
    }

    @Override
    protected CheckpointStore storeWith(ExecutionInterceptor interceptor) {
        DynamoDbAsyncClient client = dynamo.asyncClientBuilder()
                .overrideConfiguration(o -> o.addExecutionInterceptor(interceptor).retryStrategy(b -> b.maxAttempts(3)))
                .build();
        clients.add(client);
        return DynamoDbCheckpointStore.create(client, TABLE);
    }

    @AfterEach
    void closeClients() {
        clients.forEach(DynamoDbAsyncClient::close);
    }

    @Test
    void createTableIfMissing_isIdempotent() {
        DynamoDbCheckpointStore again = DynamoDbCheckpointStore.create(dynamo.asyncClient(), TABLE)
                .createTableIfMissing();
        String id = newRestoreId();
        again.save(checkpoint(id, 0, 1), null);
        assertThat(store.load(id)).isPresent();
    }

    @Test
    void missingTable_isAClearError() {
        DynamoDbCheckpointStore missing = DynamoDbCheckpointStore.create(dynamo.asyncClient(), "no-such-table");

        assertThatThrownBy(() -> missing.load("x")).isInstanceOf(PitrException.class)
                .hasMessageContaining("no-such-table").hasMessageContaining("does not exist");
    }

    /*
     * About 130 bytes of JSON per file in progress: one item (400 KB) held some 3,000. Gzipped,
     * 5,000 fit in the head; 50,000 take several chunk items.
     */
    @ParameterizedTest(name = "{0} files in progress")
    @ValueSource(ints = {5_000, 50_000})
    void save_checkpointOfManyFiles_loadsBackEqual_andSavesStayConditional(int files) {
        String id = newRestoreId();
        Checkpoint first = manyFiles(id, files, 1);
        Checkpoint second = manyFiles(id, files, 2);

        String v1 = store.save(first, null);
        assertThat(store.load(id)).contains(new CheckpointStore.Versioned(first, v1));
        String v2 = store.save(second, v1);

        assertThat(v2).isNotEqualTo(v1);
        assertThat(store.load(id)).contains(new CheckpointStore.Versioned(second, v2));
        assertThatThrownBy(() -> store.save(manyFiles(id, files, 3), v1))
                .isInstanceOf(CheckpointConflictException.class).hasMessageContaining(id);
        assertThat(store.load(id)).contains(new CheckpointStore.Versioned(second, v2));
        int chunks = headChunks(id);
        if (files >= 50_000) {
            assertThat(chunks).as("chunk items the head names").isGreaterThan(1);
        } else {
            assertThat(chunks).as("chunk items the head names").isZero();
        }
        assertThat(chunkItems(id)).as("chunk items left: only the head's, none of v1 or of the refused save")
                .isEqualTo(chunks);
    }

    @Test
    void save_chunkedCheckpointsRacingFromOneVersion_theLoserLeavesTheWinnersChunksIntact() throws Exception {
        String id = newRestoreId();
        String v1 = store.save(manyFiles(id, 50_000, 1), null);
        Checkpoint winner = manyFiles(id, 50_000, 2);
        HoldFirstConditionalPut hold = new HoldFirstConditionalPut();
        try (DynamoDbAsyncClient slowClient = dynamo.asyncClientBuilder()
                .overrideConfiguration(o -> o.addExecutionInterceptor(hold)).build()) {
            CheckpointStore slow = DynamoDbCheckpointStore.create(slowClient, TABLE);
            // The loser writes its chunks, then its head waits until the winner has saved.
            CompletableFuture<String> loser = CompletableFuture.supplyAsync(() -> slow.save(manyFiles(id, 50_000, 3), v1));
            assertThat(hold.reached.await(60, TimeUnit.SECONDS)).isTrue();

            String v2 = store.save(winner, v1);
            hold.release.countDown();

            assertThatThrownBy(() -> loser.get(60, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(CheckpointConflictException.class);
            assertThat(store.load(id)).contains(new CheckpointStore.Versioned(winner, v2));
            assertThat(chunkItems(id)).isEqualTo(headChunks(id));
        }
    }

    @Test
    void load_aHeadWithPlainJson_asEarlierVersionsWroteIt_loads_andTheNextSaveReplacesIt() {
        String id = newRestoreId();
        Checkpoint old = checkpoint(id, 1, 42);
        dynamo.syncClient().putItem(b -> b.tableName(TABLE).item(Map.of(
                "restoreId", AttributeValue.fromS(id),
                "checkpoint", AttributeValue.fromS(new String(CheckpointCodec.toJson(old), StandardCharsets.UTF_8)),
                "version", AttributeValue.fromN("3"))));

        assertThat(store.load(id)).contains(new CheckpointStore.Versioned(old, "3"));
        assertThatThrownBy(() -> store.save(checkpoint(id, 1, 43), "2")).isInstanceOf(CheckpointConflictException.class);
        Checkpoint big = manyFiles(id, 50_000, 4);
        String v4 = store.save(big, "3");
        assertThat(store.load(id)).contains(new CheckpointStore.Versioned(big, v4));
    }

    /** A checkpoint of {@code count} data files in progress, with realistic keys and line counts. */
    private static Checkpoint manyFiles(String restoreId, int count, long seed) {
        Random random = new Random(seed);
        Map<String, Checkpoint.FileProgress> files = new LinkedHashMap<>();
        while (files.size() < count) {
            StringBuilder key = new StringBuilder("exports/AWSDynamoDB/01767225600000-5e0a1b2c/data/");
            for (int i = 0; i < 26; i++) {
                key.append(KEY_CHARS.charAt(random.nextInt(KEY_CHARS.length())));
            }
            files.put(key.append(".json.gz").toString(),
                    new Checkpoint.FileProgress(random.nextInt(2_000_000), random.nextInt(10) == 0));
        }
        return new Checkpoint(restoreId, List.of("arn:aws:dynamodb:eu-west-1:123456789012:table/orders/export/"
                + "01767225600000-5e0a1b2c"), "arn:aws:dynamodb:eu-west-1:123456789012:table/orders-restored", 0,
                files, "run-" + seed, Instant.parse("2026-01-01T00:00:00Z").plusSeconds(seed));
    }

    /** The number of chunk items the head of {@code restoreId} names (0 when it holds the JSON). */
    private int headChunks(String restoreId) {
        Map<String, AttributeValue> head = dynamo.syncClient().getItem(b -> b.tableName(TABLE)
                .key(Map.of("restoreId", AttributeValue.fromS(restoreId))).consistentRead(true)).item();
        AttributeValue chunks = head.get("chunks");
        return chunks == null ? 0 : Integer.parseInt(chunks.n());
    }

    /** The number of chunk items of {@code restoreId} in the table, whatever their version. */
    private int chunkItems(String restoreId) {
        int count = 0;
        for (var page : dynamo.syncClient().scanPaginator(b -> b.tableName(TABLE).consistentRead(true)
                .projectionExpression("restoreId")
                .filterExpression("begins_with(restoreId, :chunk)")
                .expressionAttributeValues(Map.of(":chunk", AttributeValue.fromS(restoreId + "#"))))) {
            count += page.count();
        }
        return count;
    }

    /** Holds the first conditional PutItem (a head's) until released. */
    private static final class HoldFirstConditionalPut implements ExecutionInterceptor {
        final CountDownLatch reached = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        private final AtomicBoolean first = new AtomicBoolean(true);

        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            if (context.request() instanceof PutItemRequest put && put.conditionExpression() != null
                    && first.compareAndSet(true, false)) {
                reached.countDown();
                try {
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
