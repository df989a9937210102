package dev.pitr.dynamodb;

import dev.pitr.PitrException;
import dev.pitr.checkpoint.Checkpoint;
import dev.pitr.checkpoint.CheckpointCodec;
import dev.pitr.checkpoint.CheckpointStore;
import dev.pitr.checkpoint.Conflicts;
import dev.pitr.dynamodb.internal.CheckpointRecord;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbAsyncTable;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedAsyncClient;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.extensions.VersionedRecordExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * Keeps checkpoints as items of a DynamoDB table (partition key {@code restoreId}, a string),
 * written through the enhanced client with a {@code version} attribute: each save is a put
 * conditioned on the version it replaces, so two restorers on one restore id cannot both go on.
 *
 * <p>The table may be shared by many restores. {@link #createTableIfMissing()} makes an
 * on-demand one.
 */
public final class DynamoDbCheckpointStore implements CheckpointStore {
    private final DynamoDbAsyncClient client;
    private final String tableName;
    private final DynamoDbAsyncTable<CheckpointRecord> table;

    private DynamoDbCheckpointStore(DynamoDbAsyncClient client, String tableName) {
        this.client = client;
        this.tableName = tableName;
        DynamoDbEnhancedAsyncClient enhanced = DynamoDbEnhancedAsyncClient.builder().dynamoDbClient(client)
                .extensions(VersionedRecordExtension.builder().build()).build();
        this.table = enhanced.table(tableName, CheckpointRecord.SCHEMA);
    }

    /**
     * A store in table {@code tableName}.
     *
     * @param client used and never closed
     */
    public static DynamoDbCheckpointStore create(DynamoDbAsyncClient client, String tableName) {
        Objects.requireNonNull(client, "client");
        if (tableName == null || tableName.length() < 3 || tableName.length() > 255
                || !tableName.matches("[A-Za-z0-9_.-]+")) {
            throw new IllegalArgumentException("not a DynamoDB table name: \"" + tableName + "\"");
        }
        return new DynamoDbCheckpointStore(client, tableName);
    }

    /** Creates the table (on-demand capacity) if it does not exist, and waits until it does. */
    public DynamoDbCheckpointStore createTableIfMissing() {
        try {
            client.describeTable(b -> b.tableName(tableName)).join();
            return this;
        } catch (CompletionException e) {
            if (!(e.getCause() instanceof ResourceNotFoundException)) {
                throw failure("describe", e);
            }
        }
        try {
            table.createTable().join();
        } catch (CompletionException e) {
            if (!(e.getCause() instanceof software.amazon.awssdk.services.dynamodb.model.ResourceInUseException)) {
                throw failure("create", e);
            }
        }
        client.waiter().waitUntilTableExists(b -> b.tableName(tableName)).join();
        return this;
    }

    @Override
    public Optional<Versioned> load(String restoreId) {
        CheckpointCodec.checkRestoreId(restoreId);
        try {
            CheckpointRecord r = table.getItem(b -> b.key(Key.builder().partitionValue(restoreId).build())
                    .consistentRead(true)).join();
            if (r == null) {
                return Optional.empty();
            }
            Checkpoint c = CheckpointCodec.fromJson(r.checkpoint().getBytes(StandardCharsets.UTF_8), where(restoreId));
            return Optional.of(new Versioned(c, String.valueOf(r.version())));
        } catch (CompletionException e) {
            throw failure("read the checkpoint of " + restoreId + " from", e);
        }
    }

    @Override
    public String save(Checkpoint checkpoint, String expectedVersion) {
        String id = CheckpointCodec.checkRestoreId(checkpoint.restoreId());
        CheckpointRecord r = new CheckpointRecord();
        r.restoreId(id);
        r.checkpoint(new String(CheckpointCodec.toJson(checkpoint), StandardCharsets.UTF_8));
        long expected;
        try {
            expected = expectedVersion == null ? 0 : Long.parseLong(expectedVersion);
        } catch (NumberFormatException e) {
            throw Conflicts.stale(id, where(id), expectedVersion, null);
        }
        // The extension writes version + 1 on condition that the stored version is the record's
        // (or that there is none, for a record without a version).
        r.version(expectedVersion == null ? null : expected);
        try {
            table.putItem(r).join();
            return Long.toString(expected + 1);
        } catch (CompletionException e) {
            if (e.getCause() instanceof ConditionalCheckFailedException) {
                String found = load(id).map(Versioned::version).orElse(null);
                throw Conflicts.stale(id, where(id), expectedVersion, found);
            }
            throw failure("save the checkpoint of " + id + " to", e);
        }
    }

    private String where(String restoreId) {
        return "dynamodb://" + tableName + "/" + restoreId;
    }

    private PitrException failure(String what, CompletionException e) {
        Throwable cause = e.getCause() == null ? e : e.getCause();
        if (cause instanceof ResourceNotFoundException) {
            return new PitrException("Checkpoint table " + tableName + " does not exist (create it, or use "
                    + "createTableIfMissing()): cannot " + what + " it", cause);
        }
        return new PitrException("Cannot " + what + " checkpoint table " + tableName + ": " + cause.getMessage(), cause);
    }

    @Override
    public String toString() {
        return "DynamoDbCheckpointStore[" + tableName + "]";
    }
}
