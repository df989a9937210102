package dev.pitr.dynamodb.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs each kind of retried fault once, at WARN, when it first happens; later ones are only
 * counted (in the {@code pitr.write.*} meters and the sink's stats). Messages name the table and
 * the error, never attribute values. Used by the loop thread only.
 */
final class FirstFaults {
    private static final Logger LOG = LoggerFactory.getLogger(FirstFaults.class);

    private final String table;
    private boolean throttled;
    private boolean failed;
    private boolean handedBack;
    private boolean unknownItems;

    FirstFaults(String table) {
        this.table = table;
    }

    void throttled(String code, double rate) {
        if (!throttled) {
            throttled = true;
            LOG.warn("DynamoDB throttled a write to table {} ({}); backing off and slowing to {} WCU/s. "
                    + "Further throttles are counted in pitr.write.throttles, not logged", table, code, Math.round(rate));
        }
    }

    void transientError(String description) {
        if (!failed) {
            failed = true;
            LOG.warn("A write to table {} failed with {}; retrying with backoff. Further such errors are counted in "
                    + "pitr.write.server.errors, not logged", table, description);
        }
    }

    void handedBack(int items, int of, double rate) {
        if (!handedBack) {
            handedBack = true;
            LOG.warn("DynamoDB handed back {} of {} items of a write to table {} as UnprocessedItems; re-sending them "
                    + "with backoff, at most {} WCU/s now. Further ones are counted in pitr.write.unprocessed, not "
                    + "logged", items, of, table, Math.round(rate));
        }
    }

    void unknownItems(int items, int resent) {
        if (!unknownItems) {
            unknownItems = true;
            LOG.warn("DynamoDB handed back {} unprocessed item(s) of table {} that match no operation of the request; "
                    + "taking none of its {} operations as written, re-sending them all. Further ones are counted in "
                    + "pitr.write.unprocessed, not logged", items, table, resent);
        }
    }
}
