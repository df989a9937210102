package dev.pitr.dynamodb.internal;

import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs each kind of retried fault once, at WARN, when it first happens; later ones are only
 * counted (in the {@code pitr.write.*}, {@code pitr.revert.*} or {@code pitr.read.*} meters and
 * the stats). Messages name the table and the error, never attribute values. Thread-safe.
 */
final class FirstFaults {
    private static final Logger LOG = LoggerFactory.getLogger(FirstFaults.class);

    private final String table;
    /** What was throttled, completing "DynamoDB throttled ...": "a write to table t". */
    private final String request;
    private final String rateUnit;
    private final String meters;
    private final AtomicBoolean throttled = new AtomicBoolean();
    private final AtomicBoolean failed = new AtomicBoolean();
    private final AtomicBoolean handedBack = new AtomicBoolean();
    private final AtomicBoolean unknownItems = new AtomicBoolean();

    private FirstFaults(String table, String request, String rateUnit, String meters) {
        this.table = table;
        this.request = request;
        this.rateUnit = rateUnit;
        this.meters = meters;
    }

    /** For the writer: its BatchWriteItem requests, in WCU/s, counted in {@code pitr.write.*}. */
    static FirstFaults ofWrites(String table) {
        return new FirstFaults(table, "a write to table " + table, "WCU/s", "pitr.write");
    }

    /** For the conditional writer: its PutItem and DeleteItem requests, in WCU/s, counted in {@code pitr.revert.*}. */
    static FirstFaults ofConditionalWrites(String table) {
        return new FirstFaults(table, "a conditional write to table " + table, "WCU/s", "pitr.revert");
    }

    /** For the table reader: its Scan and BatchGetItem requests, in RCU/s, counted in {@code pitr.read.*}. */
    static FirstFaults ofReads(String table) {
        return new FirstFaults(table, "a read of table " + table, "RCU/s", "pitr.read");
    }

    void throttled(String code, double rate) {
        if (throttled.compareAndSet(false, true)) {
            LOG.warn("DynamoDB throttled {} ({}); backing off and slowing to {} {}. Further throttles are counted in "
                    + "{}.throttles, not logged", request, code, Math.round(rate), rateUnit, meters);
        }
    }

    void transientError(String description) {
        if (failed.compareAndSet(false, true)) {
            LOG.warn("{} failed with {}; retrying with backoff. Further such errors are counted in {}.server.errors, "
                    + "not logged", capitalized(request), description, meters);
        }
    }

    void handedBack(int items, int of, double rate) {
        if (handedBack.compareAndSet(false, true)) {
            LOG.warn("DynamoDB handed back {} of {} items of a write to table {} as UnprocessedItems; re-sending them "
                    + "with backoff, at most {} WCU/s now. Further ones are counted in pitr.write.unprocessed, not "
                    + "logged", items, of, table, Math.round(rate));
        }
    }

    void unknownItems(int items, int resent) {
        if (unknownItems.compareAndSet(false, true)) {
            LOG.warn("DynamoDB handed back {} unprocessed item(s) of table {} that match no operation of the request; "
                    + "taking none of its {} operations as written, re-sending them all. Further ones are counted in "
                    + "pitr.write.unprocessed, not logged", items, table, resent);
        }
    }

    private static String capitalized(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
