package dev.pitr.dynamodb.internal;

import java.util.List;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;

/**
 * Capacity units: what an answer reports as consumed and, for reads whose answer reports none
 * (a DynamoDB-compatible service or proxy that leaves {@code ConsumedCapacity} out), an estimate
 * as DynamoDB bills reads: one read capacity unit per started 4 KB, half a unit when eventually
 * consistent. A Scan is billed on the total size of the items it read together; a BatchGetItem
 * on each item's size, and a key it finds no item under at the minimum, one unit.
 */
final class CapacityUnits {
    /** Bytes one read capacity unit reads. */
    static final long READ_UNIT_BYTES = 4 * 1024;

    private CapacityUnits() {
    }

    /** The units {@code consumed} reports, or NaN when it reports none. */
    static double reported(ConsumedCapacity consumed) {
        return consumed == null || consumed.capacityUnits() == null ? Double.NaN : consumed.capacityUnits();
    }

    /** The units an answer's list reports (one entry per table), or NaN when it reports none. */
    static double reported(List<ConsumedCapacity> consumed) {
        double sum = 0;
        boolean any = false;
        for (ConsumedCapacity c : consumed) {
            if (c.capacityUnits() != null) {
                sum += c.capacityUnits();
                any = true;
            }
        }
        return any ? sum : Double.NaN;
    }

    /**
     * The estimated cost of reading {@code bytes}: a Scan page's items together, or one item by
     * key (a key without an item costs the minimum: pass 0).
     */
    static double estimate(long bytes, boolean consistentRead) {
        return Math.max(1, (bytes + READ_UNIT_BYTES - 1) / READ_UNIT_BYTES) * (consistentRead ? 1 : 0.5);
    }

    /** Whole permits for a rate limiter reservation of {@code units}: rounded up, at least 1. */
    static int permits(double units) {
        if (!(units > 1)) {
            return 1;
        }
        return units >= Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) Math.ceil(units);
    }
}
