package dev.pitr.revert;

import dev.pitr.model.Item;
import dev.pitr.model.Key;
import dev.pitr.model.KeySchema;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * Where a revert writes: one conditional write per key, decided atomically by the table (for
 * DynamoDB, a PutItem or DeleteItem with a condition expression), so an item that changed since
 * it was read is never overwritten. Implementations keep to a write-capacity ceiling, back off
 * and retry when throttled, and are safe for concurrent use; pitr-dynamodb's
 * {@code DynamoDbConditionalSink} writes DynamoDB. The caller closes the sink.
 */
public interface ConditionalSink extends AutoCloseable {

    /**
     * Checks the table (it exists and can be written) and returns its key schema. Idempotent.
     *
     * @throws dev.pitr.write.TargetTableException when the table cannot be written
     */
    KeySchema open();

    /** Names the table as {@link dev.pitr.write.ItemSink#target()} does, or {@code null}. */
    default @Nullable String target() {
        return null;
    }

    /**
     * Writes {@code write.target()} under {@code write.key()} (deletes the item when it is
     * {@code null}) if, and only if, the item there now meets {@code write.condition()}.
     * Blocks while too many writes are in flight (back-pressure).
     *
     * <p>The future completes with {@link Outcome.Written}, or with {@link Outcome.ConditionFailed}
     * carrying the item the table holds (as the table returned it with the failure); and
     * exceptionally with a {@link dev.pitr.PitrException} when the write is refused for another
     * reason (after retries), naming the key's origin, never its values.
     */
    CompletableFuture<Outcome> write(Write write);

    /** Waits until every write so far has completed. */
    void flush();

    /** Write capacity units used so far, including those of writes whose condition failed. */
    double capacityUnits();

    /** Stops background work; writes not completed fail. Does not close the caller's client. */
    @Override
    void close();

    /**
     * One conditional write.
     *
     * @param key       the item's key
     * @param target    the item to write, or {@code null} to delete the item
     * @param condition what the item must be now for the write to happen
     * @param origin    where the write comes from, for messages (an export file and line, a key's position)
     */
    record Write(Key key, @Nullable Item target, Condition condition, String origin) {
        public Write {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(condition, "condition");
            Objects.requireNonNull(origin, "origin");
        }
    }

    /** What the item must be for a write to happen. */
    sealed interface Condition {
        /** No item under the key. */
        record Absent() implements Condition {
        }

        /**
         * An item whose every attribute in {@code item} holds the same value (values as DynamoDB
         * compares them). Implementations that cannot put all of them in one condition (a
         * condition expression is at most 4 KB) check as many as fit, key attributes first, and
         * say so in their documentation.
         */
        record Equals(Item item) implements Condition {
            public Equals {
                Objects.requireNonNull(item, "item");
            }
        }

        /** Whatever the item is ({@code --force}). */
        record None() implements Condition {
        }
    }

    /** How a conditional write ended. */
    sealed interface Outcome {
        /** The write happened. */
        record Written() implements Outcome {
        }

        /**
         * The item did not meet the condition; nothing was written.
         *
         * @param current the item the table holds, or {@code null} when there is none
         */
        record ConditionFailed(@Nullable Item current) implements Outcome {
        }
    }
}
