package dev.pitr.model;

import java.util.Objects;

/**
 * One write decoded from an export: a {@link Put} of a whole item or a {@link Delete} by key.
 * Each knows its {@link Origin} and, for records of an incremental export, the
 * {@code WriteTimestampMicros} DynamoDB recorded ({@link #NO_TIMESTAMP} for a FULL export).
 */
public sealed interface WriteOp permits WriteOp.Put, WriteOp.Delete {

    /** Timestamp of operations from FULL exports, which carry none. */
    long NO_TIMESTAMP = -1L;

    /** The data file and line this operation was decoded from. */
    Origin origin();

    /** Epoch microseconds of the write, or {@link #NO_TIMESTAMP}. */
    long writeTimestampMicros();

    /** The key of the item written, under the table's key schema. */
    Key key(KeySchema schema);

    /** Writes the whole item, replacing any item with the same key. */
    record Put(Item item, Origin origin, long writeTimestampMicros) implements WriteOp {
        public Put {
            Objects.requireNonNull(item, "item");
            Objects.requireNonNull(origin, "origin");
        }

        @Override
        public Key key(KeySchema schema) {
            return schema.keyOf(item);
        }

        @Override
        public String toString() {
            return "Put[" + origin + "]";
        }
    }

    /** Deletes the item with this key, if there is one. */
    record Delete(Key key, Origin origin, long writeTimestampMicros) implements WriteOp {
        public Delete {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(origin, "origin");
        }

        @Override
        public Key key(KeySchema schema) {
            return key;
        }

        @Override
        public String toString() {
            return "Delete[" + origin + "]";
        }
    }
}
