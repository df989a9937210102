package dev.pitr.write;

import dev.pitr.model.KeySchema;
import dev.pitr.model.WriteOp;
import java.util.concurrent.CompletableFuture;

/**
 * Where decoded operations go: a DynamoDB table (pitr-dynamodb's {@code DynamoDbItemSink}), or
 * anything that can apply puts and deletes and say when each is durable.
 */
public interface ItemSink extends AutoCloseable {
    /** Checks the target before the first write and returns its key schema. Idempotent. */
    KeySchema open();

    /**
     * Queues one operation; blocks while the sink's limit of queued operations is reached. The
     * future completes once the operation is durable ({@link WriteOutcome#WRITTEN}) or was set
     * aside by the failure policy ({@link WriteOutcome#SKIPPED}), exceptionally when it failed.
     */
    CompletableFuture<WriteOutcome> write(WriteOp op);

    /** Sends what is buffered and waits until every operation written so far has completed. */
    void flush();

    /** Counters so far. */
    SinkStats stats();

    /** Stops background work. Does not close clients the caller supplied. */
    @Override
    void close();
}
