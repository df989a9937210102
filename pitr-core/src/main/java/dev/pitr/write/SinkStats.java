package dev.pitr.write;

/**
 * What an {@link ItemSink} has done so far. Counters only grow.
 *
 * @param puts                       puts DynamoDB accepted
 * @param deletes                    deletes DynamoDB accepted
 * @param batches                    BatchWriteItem requests sent, retries and splits included
 * @param retries                    requests sent again after throttling, a 5xx answer or a
 *                                   transport error
 * @param throttles                  requests answered with a throttling error
 * @param serverErrors               requests answered with a 5xx error or lost to a transport error
 * @param unprocessedResends         operations DynamoDB handed back as {@code UnprocessedItems}
 *                                   and that were queued to be sent again
 * @param skipped                    operations set aside by {@link FailurePolicy#SKIP}
 * @param failed                     operations failed under {@link FailurePolicy#FAIL}, or left
 *                                   unsent because the sink stopped
 * @param consumedWriteCapacityUnits write capacity DynamoDB reports as consumed (estimated from
 *                                   item sizes where it reports none)
 */
public record SinkStats(long puts, long deletes, long batches, long retries, long throttles,
                        long serverErrors, long unprocessedResends, long skipped, long failed,
                        double consumedWriteCapacityUnits) {

    /** Nothing done yet. */
    public static final SinkStats EMPTY = new SinkStats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    /** Operations DynamoDB accepted: puts plus deletes. */
    public long written() {
        return puts + deletes;
    }

    /** What was done since {@code earlier}, counters of the same sink taken before. */
    public SinkStats minus(SinkStats earlier) {
        return new SinkStats(puts - earlier.puts, deletes - earlier.deletes, batches - earlier.batches,
                retries - earlier.retries, throttles - earlier.throttles, serverErrors - earlier.serverErrors,
                unprocessedResends - earlier.unprocessedResends, skipped - earlier.skipped, failed - earlier.failed,
                consumedWriteCapacityUnits - earlier.consumedWriteCapacityUnits);
    }
}
