package dev.pitr.testing.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pitr.PitrException;
import dev.pitr.checkpoint.CheckpointConflictException;
import dev.pitr.checkpoint.CheckpointStore;
import dev.pitr.testing.LostAnswers;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * {@link CheckpointStoreContract} for a store reached through an AWS SDK client, plus what a
 * network adds: a save whose answer is lost. The SDK retries it, and the retry is refused by the
 * version the first attempt wrote; or no answer comes at all. Either way the store must find out
 * whether its save was written, and say so: the version it wrote, or a failure that leaves the
 * checkpoint as it was (never a conflict with itself).
 *
 * <pre>{@code
 * class MyCheckpointStoreTest extends RemoteCheckpointStoreContract {
 *     protected CheckpointStore store() { return MyCheckpointStore.create(client); }
 *     protected CheckpointStore storeWith(ExecutionInterceptor interceptor) {
 *         return MyCheckpointStore.create(clientBuilder().overrideConfiguration(o ->
 *                 o.addExecutionInterceptor(interceptor)).build());
 *     }
 * }
 * }</pre>
 */
public abstract class RemoteCheckpointStoreContract extends CheckpointStoreContract {

    /**
     * A store over the same place as {@link #store()} whose client runs {@code interceptor}; the
     * test may leave the client open.
     */
    protected abstract CheckpointStore storeWith(ExecutionInterceptor interceptor);

    /** The writes whose answers the tests lose: S3 PutObject and DynamoDB PutItem. */
    private static boolean isPut(SdkRequest r) {
        return r instanceof PutObjectRequest || r instanceof PutItemRequest;
    }

    private static long linesOf(CheckpointStore.Versioned v) {
        return v.checkpoint().linesDone("prefix/AWSDynamoDB/data/aaaaaaaaaaaaaaaaaaaaaaaaaa.json.gz");
    }

    @Test
    void save_whoseAnswerIsLostOnce_afterItWasWritten_returnsTheVersionItWrote() {
        savesWhoseAnswersAreLost(1);
    }

    @Test
    void save_whoseEveryAnswerIsLost_afterItWasWritten_returnsTheVersionItWrote() {
        savesWhoseAnswersAreLost(Integer.MAX_VALUE);
    }

    private void savesWhoseAnswersAreLost(int answersLost) {
        LostAnswers lose = LostAnswers.afterTheServer(RemoteCheckpointStoreContract::isPut);
        CheckpointStore lossy = storeWith(lose);
        String id = newRestoreId();
        String v1 = store().save(checkpoint(id, 0, 1), null);

        lose.next(answersLost);
        String v2 = lossy.save(checkpoint(id, 0, 2), v1);

        assertThat(lose.attempts()).as("the SDK tried again after the first answer was lost").isGreaterThanOrEqualTo(2);
        assertThat(lose.lost()).as("answers lost").isEqualTo(answersLost == 1 ? 1 : lose.attempts());
        CheckpointStore.Versioned now = store().load(id).orElseThrow();
        assertThat(now.version()).isEqualTo(v2).isNotEqualTo(v1);
        assertThat(linesOf(now)).isEqualTo(2);
        // The version returned is the one to save over next.
        store().save(checkpoint(id, 0, 3), v2);
        assertThat(linesOf(store().load(id).orElseThrow())).isEqualTo(3);
    }

    @Test
    void save_whoseAnswerIsLostBeforeItWasWritten_failsWithoutAConflict_andKeepsTheOldVersion() {
        LostAnswers lose = LostAnswers.beforeTheServer(RemoteCheckpointStoreContract::isPut);
        CheckpointStore lossy = storeWith(lose);
        String id = newRestoreId();
        String v1 = store().save(checkpoint(id, 0, 1), null);

        lose.next(Integer.MAX_VALUE);
        assertThatThrownBy(() -> lossy.save(checkpoint(id, 0, 2), v1)).isInstanceOf(PitrException.class)
                .isNotInstanceOf(CheckpointConflictException.class).hasMessageContaining(id);
        assertThat(store().load(id).orElseThrow().version()).isEqualTo(v1);
        // Nothing was written: the same version still saves.
        store().save(checkpoint(id, 0, 2), v1);
    }

    @Test
    void create_whoseAnswerIsLostOnce_afterItWasWritten_returnsTheVersionItWrote() {
        LostAnswers lose = LostAnswers.afterTheServer(RemoteCheckpointStoreContract::isPut);
        CheckpointStore lossy = storeWith(lose);
        String id = newRestoreId();

        lose.next(1);
        String v1 = lossy.save(checkpoint(id, 0, 1), null);

        assertThat(lose.lost()).isEqualTo(1);
        assertThat(store().load(id).orElseThrow().version()).isEqualTo(v1);
    }
}
