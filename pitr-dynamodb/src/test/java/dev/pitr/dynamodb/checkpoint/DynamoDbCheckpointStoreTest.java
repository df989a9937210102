package dev.pitr.dynamodb.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pitr.PitrException;
import dev.pitr.checkpoint.CheckpointStore;
import dev.pitr.checkpoint.CheckpointStoreContract;
import dev.pitr.dynamodb.DynamoDbCheckpointStore;
import dev.pitr.dynamodb.testing.DynamoDbLocal;
import dev.pitr.dynamodb.testing.DynamoDbLocalExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The DynamoDB checkpoint store passes the shared contract against DynamoDB Local. */
@ExtendWith(DynamoDbLocalExtension.class)
class DynamoDbCheckpointStoreTest extends CheckpointStoreContract {
    private static CheckpointStore store;
    private DynamoDbLocal dynamo;

    @BeforeEach
    void setUp(DynamoDbLocal dynamo) {
        this.dynamo = dynamo;
        synchronized (DynamoDbCheckpointStoreTest.class) {
            if (store == null) {
                store = DynamoDbCheckpointStore.create(dynamo.asyncClient(), "pitr-checkpoints").createTableIfMissing();
            }
        }
    }

    @Override
    protected CheckpointStore store() {
        return store;
    }

    @Test
    void createTableIfMissing_isIdempotent() {
        DynamoDbCheckpointStore again = DynamoDbCheckpointStore.create(dynamo.asyncClient(), "pitr-checkpoints")
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
}
