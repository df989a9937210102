package dev.pitr.dynamodb;

import dev.pitr.PitrException;
import dev.pitr.checkpoint.Checkpoint;
import dev.pitr.checkpoint.CheckpointCodec;
import dev.pitr.checkpoint.CheckpointStore;
import dev.pitr.checkpoint.internal.Conflicts;
import dev.pitr.dynamodb.internal.CheckpointRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * Keeps checkpoints as items of a DynamoDB table (partition key {@code restoreId}, a string), of
 * any size. Each restore has one <em>head</em> item with a {@code version} counter; a save is a
 * put of the head conditioned on the version it replaces, so two restorers on one restore id
 * cannot both go on (the loser gets a {@link dev.pitr.checkpoint.CheckpointConflictException}).
 *
 * <p>The checkpoint's JSON is stored gzipped, which shrinks its many data-file keys several
 * times over. When even that exceeds 350 KB (DynamoDB's item limit is 400 KB; a checkpoint
 * takes about 130 bytes of JSON per data file in progress, so this happens past several
 * thousand files), it is split across <em>chunk</em> items in the same table, keyed
 * {@code restoreId#version#saveId#n}. A save writes its chunks first, under keys no other save
 * uses, and then the head that names them: the conditional put of the head is the one step that
 * makes a save visible, so saves stay atomic. A load reads the head (consistently), then the
 * chunks it names. After a save, the chunks of the version it replaced are deleted, and a save
 * that loses the race deletes its own; these deletes are best effort (failures are logged and
 * leave unused items behind, as does a process that dies between writing its chunks and its
 * head).
 *
 * <p>Heads written by earlier versions of pitr (the plain JSON in a {@code checkpoint} string
 * attribute) are read as before, and replaced by the first save.
 *
 * <p>The table may be shared by many restores. {@link #createTableIfMissing()} makes an
 * on-demand one.
 */
public final class DynamoDbCheckpointStore implements CheckpointStore {
    private static final Logger LOG = LoggerFactory.getLogger(DynamoDbCheckpointStore.class);
    /** Requests one save or load keeps in flight at once, for a checkpoint of many chunks. */
    private static final int PARALLEL_REQUESTS = 8;
    /** Times a load starts again when a newer save replaced the head it read (and its chunks). */
    private static final int LOAD_ATTEMPTS = 5;

    private final DynamoDbAsyncClient client;
    private final String tableName;

    private DynamoDbCheckpointStore(DynamoDbAsyncClient client, String tableName) {
        this.client = client;
        this.tableName = tableName;
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
            client.createTable(b -> b.tableName(tableName)
                    .keySchema(KeySchemaElement.builder().attributeName(CheckpointRecord.RESTORE_ID)
                            .keyType(KeyType.HASH).build())
                    .attributeDefinitions(AttributeDefinition.builder().attributeName(CheckpointRecord.RESTORE_ID)
                            .attributeType(ScalarAttributeType.S).build())
                    .billingMode(BillingMode.PAY_PER_REQUEST)).join();
        } catch (CompletionException e) {
            if (!(e.getCause() instanceof ResourceInUseException)) {
                throw failure("create", e);
            }
        }
        client.waiter().waitUntilTableExists(b -> b.tableName(tableName)).join();
        return this;
    }

    @Override
    public Optional<Versioned> load(String restoreId) {
        CheckpointCodec.checkRestoreId(restoreId);
        String where = where(restoreId);
        try {
            CheckpointRecord head = head(restoreId, where);
            for (int attempt = 1; head != null; attempt++) {
                List<Map<String, AttributeValue>> chunks = inParallel(head.chunkKeys(), this::getItem);
                if (!chunks.contains(null)) {
                    Checkpoint c = CheckpointCodec.fromJson(head.json(chunks, where), where);
                    return Optional.of(new Versioned(c, Long.toString(head.version())));
                }
                // A newer save replaced the head and deleted these chunks meanwhile, or they are lost.
                CheckpointRecord now = head(restoreId, where);
                if (attempt == LOAD_ATTEMPTS || (now != null && now.version() == head.version()
                        && Objects.equals(now.saveId(), head.saveId()))) {
                    throw new PitrException("Checkpoint in " + where + " is unreadable: chunk item "
                            + chunks.indexOf(null) + " of the " + chunks.size() + " of version " + head.version()
                            + " is missing");
                }
                head = now;
            }
            return Optional.empty();
        } catch (CompletionException e) {
            throw failure("read the checkpoint of " + restoreId + " from", e);
        }
    }

    @Override
    public String save(Checkpoint checkpoint, String expectedVersion) {
        String id = CheckpointCodec.checkRestoreId(checkpoint.restoreId());
        String where = where(id);
        long expected;
        try {
            expected = expectedVersion == null ? 0 : Long.parseLong(expectedVersion);
        } catch (NumberFormatException e) {
            throw Conflicts.stale(id, where, expectedVersion, null);
        }
        long version = expected + 1;
        String saveId = UUID.randomUUID().toString();
        List<byte[]> parts = CheckpointRecord.parts(CheckpointCodec.toJson(checkpoint));
        List<Map<String, AttributeValue>> ownChunks = List.of();
        if (parts.size() > 1) {
            ownChunks = CheckpointRecord.chunkKeys(id, version, saveId, parts.size());
            List<Map<String, AttributeValue>> chunkItems = new ArrayList<>(parts.size());
            for (int n = 0; n < parts.size(); n++) {
                chunkItems.add(CheckpointRecord.chunk(id, version, saveId, n, parts.get(n)));
            }
            try {
                inParallel(chunkItems, item -> client.putItem(b -> b.tableName(tableName).item(item)));
            } catch (CompletionException e) {
                deleteQuietly(id, ownChunks);
                throw failure("save the checkpoint of " + id + " to", e);
            }
        }
        PutItemRequest.Builder put = PutItemRequest.builder().tableName(tableName)
                .item(CheckpointRecord.head(id, version, saveId, parts))
                .returnValues(ReturnValue.ALL_OLD);
        if (expectedVersion == null) {
            put.conditionExpression("attribute_not_exists(#id)")
                    .expressionAttributeNames(Map.of("#id", CheckpointRecord.RESTORE_ID));
        } else {
            put.conditionExpression("#v = :v")
                    .expressionAttributeNames(Map.of("#v", CheckpointRecord.VERSION))
                    .expressionAttributeValues(Map.of(":v", AttributeValue.fromN(Long.toString(expected))));
        }
        PutItemResponse saved;
        try {
            saved = client.putItem(put.build()).join();
        } catch (CompletionException e) {
            // Refused, or no answer (or an error after retries): the head may be this save's all
            // the same (the SDK retried a put whose first attempt was written). Its save id tells.
            boolean refused = e.getCause() instanceof ConditionalCheckFailedException;
            CheckpointRecord now;
            try {
                now = head(id, where);
            } catch (PitrException readFailure) {
                if (refused) {
                    throw readFailure;
                }
                PitrException failed = failure("save the checkpoint of " + id + " to", e);
                failed.addSuppressed(readFailure);
                throw failed; // the chunks stay: the head may name them
            }
            if (now != null && saveId.equals(now.saveId())) {
                // Saved; the answer naming the replaced head is lost, so its chunks (if any) stay.
                return Long.toString(version);
            }
            if (refused || (now == null ? 0 : now.version()) != expected) { // another save went ahead
                deleteQuietly(id, ownChunks);
                throw Conflicts.stale(id, where, expectedVersion, now == null ? null : Long.toString(now.version()));
            }
            throw failure("save the checkpoint of " + id + " to", e); // not written: the chunks stay
        }
        if (saved.hasAttributes() && !saved.attributes().isEmpty()) {
            List<Map<String, AttributeValue>> replaced;
            try {
                replaced = CheckpointRecord.of(saved.attributes(), where).chunkKeys();
            } catch (PitrException e) {
                LOG.debug("The head this save replaced is unreadable; its chunks, if any, stay", e);
                replaced = List.of();
            }
            deleteQuietly(id, replaced);
        }
        return Long.toString(version);
    }

    /** The head of {@code restoreId}, read consistently, or {@code null}. */
    private CheckpointRecord head(String restoreId, String where) {
        Map<String, AttributeValue> item;
        try {
            item = getItem(CheckpointRecord.key(restoreId)).join();
        } catch (CompletionException e) {
            throw failure("read the checkpoint of " + restoreId + " from", e);
        }
        return item == null ? null : CheckpointRecord.of(item, where);
    }

    private CompletableFuture<Map<String, AttributeValue>> getItem(Map<String, AttributeValue> key) {
        return client.getItem(b -> b.tableName(tableName).key(key).consistentRead(true))
                .thenApply(r -> r.hasItem() && !r.item().isEmpty() ? r.item() : null);
    }

    /** Deletes the items of {@code keys}, logging (not throwing) a failure: they are no longer used. */
    private void deleteQuietly(String restoreId, List<Map<String, AttributeValue>> keys) {
        try {
            inParallel(keys, key -> client.deleteItem(b -> b.tableName(tableName).key(key)));
        } catch (CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            LOG.warn("Could not delete {} unused chunk item(s) of the checkpoint of {} in table {} ({}); they only "
                    + "take space", keys.size(), restoreId, tableName, cause.toString());
        }
    }

    /**
     * Calls {@code call} on each of {@code inputs}, at most {@link #PARALLEL_REQUESTS} at once,
     * and gives their results in order.
     *
     * @throws CompletionException with the first failure
     */
    private static <T> List<T> inParallel(List<Map<String, AttributeValue>> inputs,
                                          Function<Map<String, AttributeValue>, CompletableFuture<T>> call) {
        List<T> results = new ArrayList<>(inputs.size());
        for (int from = 0; from < inputs.size(); from += PARALLEL_REQUESTS) {
            List<CompletableFuture<T>> wave = new ArrayList<>(PARALLEL_REQUESTS);
            for (Map<String, AttributeValue> input : inputs.subList(from, Math.min(inputs.size(), from + PARALLEL_REQUESTS))) {
                wave.add(call.apply(input));
            }
            CompletableFuture.allOf(wave.toArray(CompletableFuture[]::new)).join();
            for (CompletableFuture<T> f : wave) {
                results.add(f.join());
            }
        }
        return results;
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
