package dev.pitr.spark.internal;

import dev.pitr.PitrException;
import dev.pitr.decode.internal.JsonRecordDecoder;
import dev.pitr.dynamodb.DynamoDbItemSink;
import dev.pitr.model.Item;
import dev.pitr.model.KeySchema;
import dev.pitr.model.Origin;
import dev.pitr.model.WriteOp;
import dev.pitr.spark.ClientFactory;
import dev.pitr.write.SinkStats;
import java.io.Serializable;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.VoidFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.util.DoubleAccumulator;
import org.apache.spark.util.LongAccumulator;
import scala.Tuple2;

/**
 * The write stage's task: each key of one partition, once, through its own
 * {@link DynamoDbItemSink} (batching, the adaptive back-off on throttling, retries), under this
 * task's share of the job's write-capacity ceiling. Every write sets a key to its final state, so
 * a task retried, or run twice by speculation, writes the same thing again: the job stays exact.
 * The counts go to accumulators only once the partition is flushed, and Spark counts a task's
 * accumulators once, so the report counts each key once whatever was retried.
 */
public final class PartitionWriter implements VoidFunction<Iterator<Tuple2<StateKey, KeyRecord>>> {
    private static final long serialVersionUID = 1L;

    /**
     * What every write task shares.
     *
     * @param table         the target table
     * @param schema        its key schema, as the driver read it
     * @param wcuPerTask    this task's ceiling, or 0 for none
     * @param maxInFlight   BatchWriteItem requests in flight per task
     * @param skipDeletes   the target held nothing of its own when the chain (starting with a FULL
     *                      export) was first applied: a key the chain deletes was never written, so
     *                      its delete is left out
     * @param maxLineBytes  the largest item, as decoded
     */
    public record Settings(String table, SchemaValue schema, double wcuPerTask, int maxInFlight, boolean skipDeletes,
                           int maxLineBytes) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /** The job's counters. */
    public record Counters(LongAccumulator puts, LongAccumulator deletes, LongAccumulator deletesLeftOut,
                           LongAccumulator throttles, DoubleAccumulator wcu)
            implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    private final ClientFactory clients;
    private final Settings settings;
    private final Counters counters;
    private final Broadcast<List<String>> files;

    public PartitionWriter(ClientFactory clients, Settings settings, Counters counters, Broadcast<List<String>> files) {
        this.clients = clients;
        this.settings = settings;
        this.counters = counters;
        this.files = files;
    }

    @Override
    public void call(Iterator<Tuple2<StateKey, KeyRecord>> records) {
        if (!records.hasNext()) {
            return;
        }
        DynamoDbItemSink.Builder builder = DynamoDbItemSink.builder().client(JvmClients.dynamoDb(clients))
                .tableName(settings.table()).maxInFlightRequests(settings.maxInFlight());
        if (settings.wcuPerTask() > 0) {
            builder.maxWriteCapacityUnitsPerSecond(settings.wcuPerTask());
        }
        KeySchema expected = settings.schema().schema();
        JsonRecordDecoder decoder = new JsonRecordDecoder(false, settings.maxLineBytes());
        long leftOut = 0;
        try (DynamoDbItemSink sink = builder.build()) {
            KeySchema schema = sink.open();
            if (!schema.equals(expected)) {
                throw new PitrException("Table " + settings.table() + " now has the key " + schema + ", not " + expected
                        + " as when the job was planned: was it re-created while the job ran?");
            }
            while (records.hasNext()) {
                KeyRecord r = records.next()._2();
                if (!r.put() && settings.skipDeletes()) {
                    leftOut++;
                    continue;
                }
                Origin origin = r.origin(files.value());
                Item item = r.item(decoder, files.value());
                sink.write(r.put() ? new WriteOp.Put(item, origin, WriteOp.NO_TIMESTAMP)
                        : new WriteOp.Delete(schema.keyOf(item), origin, WriteOp.NO_TIMESTAMP));
            }
            sink.flush();
            SinkStats stats = sink.stats();
            counters.puts().add(stats.puts());
            counters.deletes().add(stats.deletes());
            counters.deletesLeftOut().add(leftOut);
            counters.throttles().add(stats.throttles());
            counters.wcu().add(stats.consumedWriteCapacityUnits());
        }
    }
}
