package dev.pitr.examples;

import dev.pitr.checkpoint.CheckpointStore;
import dev.pitr.checkpoint.FileCheckpointStore;
import dev.pitr.dynamodb.DynamoDbCheckpointStore;
import dev.pitr.s3.S3CheckpointStore;
import dev.pitr.s3.S3Uri;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Where checkpoints are kept, as given to {@code --checkpoint}: a local folder (a path or a
 * {@code file://} URI), an S3 folder {@code s3://bucket/[prefix/]}, or a DynamoDB table
 * {@code dynamodb://table} (created on demand when missing).
 */
sealed interface CheckpointUri permits CheckpointUri.Local, CheckpointUri.S3, CheckpointUri.DynamoDb {
    /** The default: the folder {@code pitr-checkpoints} under the working directory. */
    String DEFAULT = "pitr-checkpoints";

    /**
     * Parses {@code text}.
     *
     * @throws UsageException naming the value when it has no known shape
     */
    static CheckpointUri parse(String text) {
        UriOption value = UriOption.of("--checkpoint", text, "a folder, s3://bucket/prefix/ or dynamodb://table");
        if (value.hasScheme("s3")) {
            S3Uri uri = value.s3();
            String key = uri.key().isEmpty() || uri.key().endsWith("/") ? uri.key() : uri.key() + "/";
            return new S3(uri.withKey(key).toString());
        }
        if (value.hasScheme("dynamodb")) {
            String table = value.afterScheme();
            if (table.endsWith("/")) {
                table = table.substring(0, table.length() - 1);
            }
            if (!DynamoDb.TABLE_NAME.matcher(table).matches()) {
                throw new UsageException(value + ": \"" + table + "\" is not a DynamoDB table name"
                        + " (3 to 255 of a-z A-Z 0-9 _ . -); write dynamodb://table");
            }
            return new DynamoDb(table);
        }
        return new Local(value.path());
    }

    /** Opens the store; a missing DynamoDB table is created (on-demand capacity) first. */
    CheckpointStore open(AwsClients clients);

    /** Checkpoints as files {@code <folder>/<restoreId>.json}. */
    record Local(Path folder) implements CheckpointUri {
        @Override
        public CheckpointStore open(AwsClients clients) {
            return FileCheckpointStore.in(folder);
        }

        @Override
        public String toString() {
            return folder.toString();
        }
    }

    /** Checkpoints as objects {@code s3://bucket/prefix/<restoreId>.json}. */
    record S3(String folder) implements CheckpointUri {
        @Override
        public CheckpointStore open(AwsClients clients) {
            return S3CheckpointStore.create(clients.s3(), folder);
        }

        @Override
        public String toString() {
            return folder;
        }
    }

    /** Checkpoints as items of a DynamoDB table keyed by {@code restoreId}. */
    record DynamoDb(String table) implements CheckpointUri {
        static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z0-9_.-]{3,255}");

        @Override
        public CheckpointStore open(AwsClients clients) {
            return DynamoDbCheckpointStore.create(clients.dynamoDb(), table).createTableIfMissing();
        }

        @Override
        public String toString() {
            return "dynamodb://" + table;
        }
    }
}
