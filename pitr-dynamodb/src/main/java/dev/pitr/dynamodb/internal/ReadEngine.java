package dev.pitr.dynamodb.internal;

import dev.pitr.PitrException;
import dev.pitr.model.Item;
import dev.pitr.model.Key;
import dev.pitr.model.KeySchema;
import dev.pitr.verify.TableReader;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DynamoDB {@link TableReader}'s implementation: describes the table once, runs each scan as
 * a {@link ParallelScan} and each keyed read as a {@link BatchGet}, both through one
 * {@link ReadRequests} (one rate limiter for all of them), and counts what they read.
 */
public final class ReadEngine implements TableReader {
    private static final Logger LOG = LoggerFactory.getLogger(ReadEngine.class);

    private final ReaderConfig config;
    private final ReadRequests requests;
    private final ReadCounters counters;
    private final BatchGet batchGet;
    private final DescribedTable described;

    /** Registers the meters; reads nothing yet. */
    public ReadEngine(ReaderConfig config) {
        this.config = config;
        this.described = new DescribedTable(config.client(), config.table());
        this.requests = new ReadRequests(config);
        this.counters = ReadCounters.forReader(config.meterRegistry(), config.table(), config.limiter());
        this.batchGet = new BatchGet(config, requests);
    }

    @Override
    public KeySchema open() {
        return described.open(schema -> LOG.info("Reading table {} (key {}): {} reads, {} scan segments, at most {} "
                + "RCU/s", config.table(), schema, config.consistentRead() ? "strongly consistent"
                : "eventually consistent", config.segments(), Double.isInfinite(config.limiter().ceiling())
                ? "unlimited" : Math.round(config.limiter().ceiling())));
    }

    /** The table's identity as the DynamoDB sink names it ({@link TableDescriber#target}). */
    @Override
    public String target() {
        open();
        return described.target();
    }

    @Override
    public ReadStats scan(ItemVisitor visitor) {
        Objects.requireNonNull(visitor, "visitor");
        open();
        ReadStats stats = new ParallelScan(config, requests, counters.forCall(), visitor).run();
        LOG.info("Scanned table {}: {} items in {} requests, {} RCU, {} throttled", config.table(), stats.items(),
                stats.requests(), Math.round(stats.capacityUnits()), stats.throttled());
        return stats;
    }

    @Override
    public Map<Key, Item> get(List<Key> keys) {
        Objects.requireNonNull(keys, "keys");
        if (keys.isEmpty()) {
            return Map.of();
        }
        KeySchema schema = open();
        try {
            return batchGet.get(keys, schema, counters.forCall());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PitrException("Interrupted while reading " + keys.size() + " keys of table " + config.table(), e);
        }
    }

    @Override
    public ReadStats stats() {
        return counters.snapshot();
    }

    @Override
    public String toString() {
        return "DynamoDbTableReader[" + config.table() + "]";
    }
}
