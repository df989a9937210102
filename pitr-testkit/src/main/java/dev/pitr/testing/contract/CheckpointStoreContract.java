package dev.pitr.testing.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pitr.checkpoint.Checkpoint;
import dev.pitr.checkpoint.CheckpointConflictException;
import dev.pitr.checkpoint.CheckpointStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link CheckpointStore} must have. A store's test extends this class and
 * returns a store from {@link #store()}; it ships in pitr-testkit so that every module's store,
 * and yours, passes the same suite:
 *
 * <pre>{@code
 * class MyCheckpointStoreTest extends CheckpointStoreContract {
 *     protected CheckpointStore store() {
 *         return new MyCheckpointStore(...);
 *     }
 * }
 * }</pre>
 */
public abstract class CheckpointStoreContract {

    /** A store to test; restore ids are unique per test, so it may be shared. */
    protected abstract CheckpointStore store();

    protected static String newRestoreId() {
        return "contract-" + UUID.randomUUID();
    }

    protected static Checkpoint checkpoint(String restoreId, int exportIndex, long lines) {
        Map<String, Checkpoint.FileProgress> files = new LinkedHashMap<>();
        files.put("prefix/AWSDynamoDB/data/aaaaaaaaaaaaaaaaaaaaaaaaaa.json.gz", new Checkpoint.FileProgress(lines, false));
        files.put("prefix/AWSDynamoDB/data/bbbbbbbbbbbbbbbbbbbbbbbbbb.json.gz", new Checkpoint.FileProgress(7, true));
        return new Checkpoint(restoreId, List.of("arn:aws:dynamodb:eu-west-1:1:table/t/export/01-a",
                "arn:aws:dynamodb:eu-west-1:1:table/t/export/02-b"), "arn:aws:dynamodb:eu-west-1:1:table/t-copy",
                exportIndex, files, "run-1",
                Instant.parse("2026-01-01T00:00:00.123Z"));
    }

    @Test
    void load_unknownRestoreId_isEmpty() {
        assertThat(store().load(newRestoreId())).isEmpty();
    }

    @Test
    void save_thenLoad_givesTheSameCheckpointAndVersion() {
        CheckpointStore store = store();
        String id = newRestoreId();
        Checkpoint c = checkpoint(id, 1, 123_456_789_012L);

        String version = store.save(c, null);

        CheckpointStore.Versioned loaded = store.load(id).orElseThrow();
        assertThat(loaded.checkpoint()).isEqualTo(c);
        assertThat(loaded.version()).isEqualTo(version);
    }

    @Test
    void save_withTheCurrentVersion_replacesAndChangesTheVersion() {
        CheckpointStore store = store();
        String id = newRestoreId();
        String v1 = store.save(checkpoint(id, 0, 1), null);

        String v2 = store.save(checkpoint(id, 1, 2), v1);

        assertThat(v2).isNotEqualTo(v1);
        assertThat(store.load(id).orElseThrow().checkpoint().exportIndex()).isEqualTo(1);
        assertThat(store.load(id).orElseThrow().version()).isEqualTo(v2);
    }

    @Test
    void save_asNewWhenOneExists_isAConflict() {
        CheckpointStore store = store();
        String id = newRestoreId();
        store.save(checkpoint(id, 0, 1), null);

        assertThatThrownBy(() -> store.save(checkpoint(id, 0, 2), null))
                .isInstanceOf(CheckpointConflictException.class)
                .hasMessageContaining(id);
        assertThat(store.load(id).orElseThrow().checkpoint().linesDone(
                "prefix/AWSDynamoDB/data/aaaaaaaaaaaaaaaaaaaaaaaaaa.json.gz")).isEqualTo(1);
    }

    @Test
    void save_withAStaleVersion_isAConflictAndKeepsTheNewer() {
        CheckpointStore store = store();
        String id = newRestoreId();
        String v1 = store.save(checkpoint(id, 0, 1), null);
        store.save(checkpoint(id, 0, 2), v1);

        assertThatThrownBy(() -> store.save(checkpoint(id, 0, 3), v1))
                .isInstanceOf(CheckpointConflictException.class);
        assertThat(store.load(id).orElseThrow().checkpoint().linesDone(
                "prefix/AWSDynamoDB/data/aaaaaaaaaaaaaaaaaaaaaaaaaa.json.gz")).isEqualTo(2);
    }

    @Test
    protected void save_withAVersionWhenNoneExists_isAConflict() {
        CheckpointStore store = store();
        String id = newRestoreId();

        assertThatThrownBy(() -> store.save(checkpoint(id, 0, 1), "1"))
                .isInstanceOf(CheckpointConflictException.class);
        assertThat(store.load(id)).isEmpty();
    }

    @Test
    void restoreIds_areIndependent() {
        CheckpointStore store = store();
        String a = newRestoreId();
        String b = newRestoreId();
        store.save(checkpoint(a, 0, 10), null);
        store.save(checkpoint(b, 2, 20), null);

        assertThat(store.load(a).orElseThrow().checkpoint().exportIndex()).isEqualTo(0);
        assertThat(store.load(b).orElseThrow().checkpoint().exportIndex()).isEqualTo(2);
    }

    @Test
    protected void concurrentWriters_fromOneVersion_exactlyOneWins() throws Exception {
        CheckpointStore store = store();
        String id = newRestoreId();
        String v1 = store.save(checkpoint(id, 0, 0), null);
        AtomicLong lines = new AtomicLong(100);

        assertThat(wins(8, () -> store.save(checkpoint(id, 0, lines.getAndIncrement()), v1))).isEqualTo(1);
        assertThat(store.load(id).orElseThrow().checkpoint().linesDone(
                "prefix/AWSDynamoDB/data/aaaaaaaaaaaaaaaaaaaaaaaaaa.json.gz")).isBetween(100L, 108L);
    }

    @Test
    void concurrentCreators_exactlyOneWins() throws Exception {
        CheckpointStore store = store();
        String id = newRestoreId();

        assertThat(wins(8, () -> store.save(checkpoint(id, 0, 0), null))).isEqualTo(1);
    }

    /** Starts {@code writers} saves at once and counts those that did not conflict. */
    private static int wins(int writers, Runnable save) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    try {
                        save.run();
                        return true;
                    } catch (CheckpointConflictException e) {
                        return false;
                    }
                }));
            }
            start.countDown();
            int wins = 0;
            for (Future<Boolean> f : results) {
                wins += f.get(60, TimeUnit.SECONDS) ? 1 : 0;
            }
            return wins;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void manyFiles_roundTrip() {
        CheckpointStore store = store();
        String id = newRestoreId();
        Map<String, Checkpoint.FileProgress> files = new LinkedHashMap<>();
        for (int i = 0; i < 2_000; i++) {
            files.put("p/AWSDynamoDB/data/file-" + i + ".json.gz", new Checkpoint.FileProgress(i * 1_000L, i % 3 == 0));
        }
        Checkpoint c = new Checkpoint(id, List.of("arn:1"), 0, files, null, Instant.parse("2026-05-05T05:05:05Z"));

        store.save(c, null);

        assertThat(store.load(id).orElseThrow().checkpoint()).isEqualTo(c);
    }
}
