package dev.pitr.verify;

import dev.pitr.model.Item;
import dev.pitr.model.Key;
import dev.pitr.model.KeySchema;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads a table back for the verifier: all of it (a scan), or named keys (a sampled
 * verify). Implementations keep to a read-capacity ceiling and back off when the table throttles,
 * retry what the service hands back unprocessed, and are safe for concurrent use; pitr-dynamodb's
 * {@code DynamoDbTableReader} reads DynamoDB with a parallel segmented Scan and BatchGetItem.
 */
public interface TableReader {

    /**
     * Checks the table (it exists and can be read) and returns its key schema. Idempotent.
     *
     * @throws dev.pitr.write.TargetTableException when the table cannot be read
     */
    KeySchema open();

    /**
     * Names the table the way {@link dev.pitr.write.ItemSink#target()} does, or {@code null}.
     * Called after {@link #open()}.
     */
    default @Nullable String target() {
        return null;
    }

    /**
     * Reads every item of the table once and hands each to {@code visitor}, possibly from several
     * threads at once; blocks until the whole table is read. An exception thrown by the visitor
     * stops the scan and is rethrown.
     *
     * @return what the scan read and cost
     * @throws dev.pitr.PitrException when the table cannot be read (after retries)
     */
    ReadStats scan(ItemVisitor visitor);

    /**
     * Reads the items of {@code keys} (at most 100), each once; keys the table does not hold are
     * absent from the result.
     *
     * @return the items read, by the key they were asked under (the same {@link Key} instances)
     * @throws dev.pitr.PitrException when the table cannot be read (after retries)
     */
    Map<Key, Item> get(List<Key> keys);

    /** What has been read so far, over every {@link #scan} and {@link #get}. */
    ReadStats stats();

    /** Receives the items of a scan. */
    @FunctionalInterface
    interface ItemVisitor {
        /** One item of the table; called from the reader's threads. */
        void item(Item item);
    }

    /**
     * What a reader read.
     *
     * @param items            items read
     * @param requests         requests answered
     * @param capacityUnits    read capacity units the table reported as consumed (or, where it
     *                         reports none, the reader's estimate)
     * @param throttled        requests the table throttled (each was retried)
     */
    record ReadStats(long items, long requests, double capacityUnits, long throttled) {
    }
}
