package dev.pitr.write;

import dev.pitr.model.WriteOp;

/**
 * Write capacity arithmetic as DynamoDB bills it: one write capacity unit (WCU) per started
 * kilobyte of the item written, at least one; a delete is estimated at one unit (DynamoDB bills
 * the size of the item it removes, which only its answer tells).
 */
public final class WriteCapacity {
    /** The largest item DynamoDB stores, in bytes as {@link dev.pitr.model.Item#sizeInBytes()} counts them. */
    public static final long MAX_ITEM_BYTES = 400L * 1024;

    private static final long UNIT_BYTES = 1024;

    private WriteCapacity() {
    }

    /** Units to write an item of {@code itemBytes}: {@code ceil(itemBytes / 1024)}, at least 1. */
    public static int unitsForItemBytes(long itemBytes) {
        if (itemBytes < 0) {
            throw new IllegalArgumentException("itemBytes must not be negative: " + itemBytes);
        }
        long units = (itemBytes + UNIT_BYTES - 1) / UNIT_BYTES;
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, units));
    }

    /** Estimated units for {@code op}: by item size for a put, 1 for a delete. */
    public static int estimate(WriteOp op) {
        if (op instanceof WriteOp.Put put) {
            return unitsForItemBytes(put.item().sizeInBytes());
        }
        return 1;
    }
}
