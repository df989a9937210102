package dev.pitr.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pitr.checkpoint.FileCheckpointStore;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointUriTest {
    @TempDir
    Path dir;

    @Test
    void parse_default_isTheLocalFolderPitrCheckpoints() {
        assertThat(CheckpointUri.parse(CheckpointUri.DEFAULT)).isEqualTo(new CheckpointUri.Local(Path.of("pitr-checkpoints")));
    }

    @Test
    void parse_pathAndFileUri_areLocalFolders_andOpenAFileStoreThere() {
        Path folder = dir.resolve("cp");

        assertThat(CheckpointUri.parse(folder.toString())).isEqualTo(new CheckpointUri.Local(folder));
        assertThat(CheckpointUri.parse(folder.toUri().toString())).isEqualTo(new CheckpointUri.Local(folder));
        assertThat(CheckpointUri.parse(folder.toString()).open(null)).isInstanceOf(FileCheckpointStore.class);
        assertThat(folder).isDirectory();
    }

    @Test
    void parse_s3Folder_endsInASlash() {
        assertThat(CheckpointUri.parse("s3://ops/pitr")).isEqualTo(new CheckpointUri.S3("s3://ops/pitr/"));
        assertThat(CheckpointUri.parse("s3://ops/pitr/")).isEqualTo(new CheckpointUri.S3("s3://ops/pitr/"));
        assertThat(CheckpointUri.parse("s3://ops")).isEqualTo(new CheckpointUri.S3("s3://ops/"));
    }

    @Test
    void parse_dynamoDbTable_isTheTable() {
        assertThat(CheckpointUri.parse("dynamodb://pitr-checkpoints")).isEqualTo(new CheckpointUri.DynamoDb("pitr-checkpoints"));
        assertThat(CheckpointUri.parse("dynamodb://pitr-checkpoints/")).isEqualTo(new CheckpointUri.DynamoDb("pitr-checkpoints"));
        assertThat(CheckpointUri.parse("dynamodb://pitr-checkpoints")).hasToString("dynamodb://pitr-checkpoints");
    }

    @Test
    void parse_badTableName_isAUsageErrorNamingIt() {
        assertThatThrownBy(() -> CheckpointUri.parse("dynamodb://ab"))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("\"ab\" is not a DynamoDB table name");
        assertThatThrownBy(() -> CheckpointUri.parse("dynamodb://a/b/c")).isInstanceOf(UsageException.class);
    }

    @Test
    void parse_badBucketAndOtherSchemes_areUsageErrors() {
        assertThatThrownBy(() -> CheckpointUri.parse("s3://bad bucket/x")).isInstanceOf(UsageException.class)
                .hasMessageContaining("bad bucket");
        assertThatThrownBy(() -> CheckpointUri.parse("redis://host/x")).isInstanceOf(UsageException.class)
                .hasMessageContaining("redis:// is not supported");
    }
}
