package dev.pitr.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pitr.PitrException;
import dev.pitr.testing.contract.CheckpointStoreContract;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileCheckpointStoreTest extends CheckpointStoreContract {
    @TempDir
    Path dir;

    @Override
    protected CheckpointStore store() {
        return FileCheckpointStore.in(dir);
    }

    @Test
    void save_leavesNoTemporaryFileAndAReadableJson() throws IOException {
        FileCheckpointStore store = FileCheckpointStore.in(dir);
        String id = newRestoreId();
        store.save(checkpoint(id, 1, 42), null);

        assertThat(dir.resolve(id + ".json.tmp")).doesNotExist();
        assertThat(Files.readString(store.fileOf(id))).startsWith("pitr-checkpoint-version: 1\n")
                .contains("\"linesDone\" : 42");
    }

    @Test
    void load_aCorruptFile_isAClearError() throws IOException {
        FileCheckpointStore store = FileCheckpointStore.in(dir);
        String id = newRestoreId();
        Files.writeString(store.fileOf(id), "pitr-checkpoint-version: 3\n{\"format\":1,\"chain\":");

        assertThatThrownBy(() -> store.load(id)).isInstanceOf(PitrException.class)
                .hasMessageContaining(store.fileOf(id).toString()).hasMessageContaining("unreadable");
    }

    @Test
    void restoreId_withPathCharacters_isRefused() {
        assertThatThrownBy(() -> FileCheckpointStore.in(dir).load("../etc/passwd"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("../etc/passwd");
    }
}
