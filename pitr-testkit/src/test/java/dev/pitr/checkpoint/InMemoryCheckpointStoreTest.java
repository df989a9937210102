package dev.pitr.checkpoint;

import dev.pitr.testing.contract.CheckpointStoreContract;

class InMemoryCheckpointStoreTest extends CheckpointStoreContract {
    private final CheckpointStore store = new InMemoryCheckpointStore();

    @Override
    protected CheckpointStore store() {
        return store;
    }
}
