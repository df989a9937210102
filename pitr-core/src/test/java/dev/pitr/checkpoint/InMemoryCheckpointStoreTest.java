package dev.pitr.checkpoint;

class InMemoryCheckpointStoreTest extends CheckpointStoreContract {
    private final CheckpointStore store = new InMemoryCheckpointStore();

    @Override
    protected CheckpointStore store() {
        return store;
    }
}
