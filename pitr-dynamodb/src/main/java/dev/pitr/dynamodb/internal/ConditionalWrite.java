package dev.pitr.dynamodb.internal;

import dev.pitr.model.Item;
import dev.pitr.revert.ConditionalSink.Outcome;
import dev.pitr.revert.ConditionalSink.Write;
import dev.pitr.verify.SameValue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;

/**
 * One conditional write on its way: its request (a PutItem, or a DeleteItem when there is no
 * target), the write capacity it is estimated at, its attempts, and the future its caller holds.
 * Settled exactly once ({@link #settle()}), by its answer or by the sink closing.
 */
final class ConditionalWrite {
    final Write write;
    final ConditionExpression.Built condition;
    final CompletableFuture<Outcome> future = new CompletableFuture<>();
    /** Write capacity units reserved for each attempt: by the larger of the target and the expected item. */
    final int units;
    /** The target's size, 0 for a delete. */
    final long targetBytes;
    private final @Nullable PutItemRequest put;
    private final @Nullable DeleteItemRequest delete;
    private final AtomicBoolean settled = new AtomicBoolean();

    /** Attempts sent so far. */
    volatile int attempt;
    /** When the last attempt was sent, ticker time. */
    volatile long sentAt;
    /**
     * Whether an attempt failed in a way that leaves open whether DynamoDB applied it (a 5xx
     * answer, a lost connection): a later attempt may then find the write's own work done.
     */
    volatile boolean ambiguous;
    volatile @Nullable CompletableFuture<? extends DynamoDbResponse> call;

    ConditionalWrite(Write write, ConditionExpression.Built condition, int units, long targetBytes,
                     @Nullable PutItemRequest put, @Nullable DeleteItemRequest delete) {
        this.write = write;
        this.condition = condition;
        this.units = units;
        this.targetBytes = targetBytes;
        this.put = put;
        this.delete = delete;
    }

    /** Sends the request once. */
    CompletableFuture<? extends DynamoDbResponse> send(DynamoDbAsyncClient client) {
        CompletableFuture<? extends DynamoDbResponse> c;
        try {
            c = put != null ? client.putItem(put) : client.deleteItem(delete);
        } catch (RuntimeException e) {
            c = CompletableFuture.failedFuture(e);
        }
        call = c;
        return c;
    }

    /** The capacity an answer reports, or {@code null}. */
    static @Nullable ConsumedCapacity consumedCapacity(DynamoDbResponse response) {
        if (response instanceof PutItemResponse p) {
            return p.consumedCapacity();
        }
        return ((DeleteItemResponse) response).consumedCapacity();
    }

    /** Whether {@code current} is what this write writes: its target, or no item for a delete. */
    boolean wrote(@Nullable Item current) {
        Item target = write.target();
        return target == null ? current == null : current != null && SameValue.items(current, target);
    }

    /** Marks the write settled; {@code false} when it already was. */
    boolean settle() {
        return settled.compareAndSet(false, true);
    }

    boolean settled() {
        return settled.get();
    }
}
