package dev.pitr.spark;

import dev.pitr.PitrException;
import dev.pitr.PitrRestorer;
import dev.pitr.TargetNotEmptyException;
import dev.pitr.checkpoint.Checkpoint;
import dev.pitr.checkpoint.CheckpointConflictException;
import dev.pitr.checkpoint.CheckpointStore;
import dev.pitr.dynamodb.DynamoDbItemSink;
import dev.pitr.internal.LeaseOwner;
import dev.pitr.manifest.internal.ManifestWriter;
import dev.pitr.model.KeySchema;
import dev.pitr.plan.RestorePlan;
import dev.pitr.spark.internal.ChainInput;
import dev.pitr.spark.internal.FileDecoder;
import dev.pitr.spark.internal.JvmClients;
import dev.pitr.spark.internal.KeyRecord;
import dev.pitr.spark.internal.PartitionExport;
import dev.pitr.spark.internal.PartitionWriter;
import dev.pitr.spark.internal.SchemaValue;
import dev.pitr.spark.internal.StateKey;
import dev.pitr.state.StateExport;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.HashPartitioner;
import org.apache.spark.SerializableWritable;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a chain of exports on a Spark cluster, or compacts it into one FULL export there.
 *
 * <p>The job has two stages. The first reads the data files the manifests list, one task per
 * file, with pitr-core's readers (checksums and line counts checked as in a restore), and keys
 * each record by the canonical form of its key. The shuffle brings each key's records together
 * and keeps the one from the latest export: the chain's final state, one record per key. The
 * second stage writes each partition through a {@link DynamoDbItemSink}: a put of the final item,
 * or a delete. Each write sets a key to its final state whatever happened before, so tasks may run
 * in any order, be retried or run twice by speculation, and a job killed and run again ends
 * exact.
 *
 * <pre>{@code
 * SparkRestoreReport report = PitrSpark.restore(spark, SparkRestoreOptions.builder()
 *         .table("orders").exports(uris).maxWriteCapacityUnitsPerSecond(40_000).build());
 * System.out.println(report.summary());
 * }</pre>
 */
public final class PitrSpark {
    private static final Logger LOG = LoggerFactory.getLogger(PitrSpark.class);
    /** What a Spark restore's record is tied to: this marker, then the chain's export ARNs. */
    static final String CHAIN_MARKER = "pitr:spark-restore";

    private PitrSpark() {
    }

    /**
     * Applies the chain to the table and returns what was written. When a task fails more often
     * than Spark retries it, Spark's own exception ends the job: run it again, it ends exact.
     *
     * @throws dev.pitr.plan.ChainException        when the exports do not form a chain (nothing written)
     * @throws TargetNotEmptyException            when a chain that starts with a FULL export meets a
     *                                            table that holds items, unless allowed (nothing written)
     * @throws CheckpointConflictException        when the record under the restore id is of another chain
     *                                            or table
     */
    public static SparkRestoreReport restore(SparkSession spark, SparkRestoreOptions options) {
        long started = System.nanoTime();
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Configuration hadoopConf = jsc.hadoopConfiguration();
        ChainInput input = plan(options, hadoopConf);
        RestorePlan plan = input.plan();
        KeySchema schema;
        String target;
        String id;
        List<String> chain = new ArrayList<>();
        JobRecord record;
        Optional<Checkpoint> earlier;
        boolean holdsItems;
        try (DynamoDbItemSink probe = DynamoDbItemSink.builder().client(JvmClients.dynamoDb(options.clients()))
                .tableName(options.table()).build()) {
            schema = probe.open();
            target = probe.target();
            id = options.restoreId() != null ? options.restoreId()
                    : "spark-" + PitrRestorer.defaultRestoreId(plan, target);
            chain.add(CHAIN_MARKER);
            chain.addAll(plan.fingerprint());
            record = new JobRecord(options.checkpointStore(), id, chain, target);
            earlier = record.load();
            // Only a first start asks (a Scan of one item): a rerun knows from its record.
            holdsItems = earlier.isEmpty() && plan.startsWithFull() && probe.holdsItems().orElse(true);
        }
        int fromStep = 0; // exports before it are in the table already
        boolean emptyAtStart;
        if (earlier.isPresent() && earlier.get().chain().equals(chain)) {
            if (earlier.get().isComplete()) {
                LOG.info("pitr spark: restore {} is complete already; nothing to do", id);
                return new SparkRestoreReport(SparkRestoreReport.Status.ALREADY_COMPLETE, id, options.table(),
                        plan.stateTime(), plan.steps().size(), 0, 0, 0, 0, 0, 0, 0, 0, 0, since(started));
            }
            // Every item in the table that the job wrote is a key's final state: a key the chain
            // deletes was never written if the table was empty at the first start.
            emptyAtStart = plan.startsWithFull() && !earlier.get().targetHadItems();
            LOG.info("pitr spark: restore {} started before and did not finish: applying the chain again", id);
        } else if (earlier.isPresent()) {
            List<String> prior = earlier.get().chain();
            if (earlier.get().isComplete()) {
                fromStep = prior.size() - 1;
                LOG.info("pitr spark: restore {} applied the first {} exports of this chain: applying the other {}", id,
                        fromStep, plan.steps().size() - fromStep);
            } else {
                LOG.info("pitr spark: restore {} of the first {} exports did not finish: applying the whole chain,"
                        + " deletes included", id, prior.size() - 1);
            }
            emptyAtStart = false;
            record.saveStarted(true);
        } else {
            if (holdsItems && !options.allowNonEmpty()) {
                throw TargetNotEmptyException.ofFullExport("Table " + options.table(),
                        plan.steps().get(0).export().exportId(), plan.stateTime(), "--allow-nonempty, or allowNonEmpty(true)",
                        "A job that was killed and is run again knows its own items when it has a checkpoint store"
                                + " (--checkpoint).");
            }
            emptyAtStart = plan.startsWithFull() && !holdsItems;
            record.saveStarted(!emptyAtStart);
        }
        if (fromStep > 0) {
            input = input.from(fromStep);
        }

        int parallelism = jsc.defaultParallelism();
        int partitions = options.writePartitions() > 0 ? options.writePartitions() : 2 * parallelism;
        int concurrent = Math.min(partitions, options.concurrentTasks() > 0 ? options.concurrentTasks() : parallelism);
        double share = options.maxWriteCapacityUnitsPerSecond() > 0
                ? options.maxWriteCapacityUnitsPerSecond() / concurrent : 0;
        LOG.info("pitr spark: restore {}: {} exports ({} files, {} records) into {}, {} write partitions, {} at once,"
                        + " {} WCU/s each", id, plan.steps().size() - fromStep, input.tasks().size(), input.records(), target,
                partitions, concurrent, share > 0 ? String.format("%.1f", share) : "no ceiling,");

        PartitionWriter.Counters counters = new PartitionWriter.Counters(jsc.sc().longAccumulator("pitr.puts"),
                jsc.sc().longAccumulator("pitr.deletes"), jsc.sc().longAccumulator("pitr.deletes.left.out"),
                jsc.sc().longAccumulator("pitr.throttles"), jsc.sc().doubleAccumulator("pitr.wcu"));
        Broadcast<List<String>> files = jsc.broadcast(input.files());
        jsc.setJobGroup("pitr-" + id, "pitr: restore " + plan.steps().size() + " exports into " + options.table(), true);
        try {
            finalState(jsc, input, options.clients(), schema, options.decodeOptions(), partitions,
                    jsc.broadcast(new SerializableWritable<>(hadoopConf)))
                    .foreachPartition(new PartitionWriter(options.clients(), new PartitionWriter.Settings(options.table(),
                            SchemaValue.of(schema), share, options.maxInFlightPerTask(), emptyAtStart,
                            options.decodeOptions().maxLineBytes()), counters, files));
        } finally {
            jsc.clearJobGroup();
        }
        record.saveComplete(!emptyAtStart);
        SparkRestoreReport report = new SparkRestoreReport(SparkRestoreReport.Status.COMPLETED, id, options.table(),
                plan.stateTime(), plan.steps().size() - fromStep, input.tasks().size(), input.records(),
                counters.puts().value(),
                counters.deletes().value(), counters.deletesLeftOut().value(), counters.throttles().value(),
                counters.wcu().value(), partitions, share, since(started));
        LOG.info("pitr {}", report.summary());
        return report;
    }

    /**
     * Writes the chain's final state as one FULL export in DynamoDB's layout, for ImportTable or a
     * one-step restore; writing again (after a crash) replaces the same files.
     *
     * @throws dev.pitr.plan.ChainException when the exports do not form a chain
     * @throws PitrException                when the export cannot be written
     */
    public static SparkCompactReport compact(SparkSession spark, SparkCompactOptions options) {
        long started = System.nanoTime();
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Configuration hadoopConf = jsc.hadoopConfiguration();
        ChainInput input = plan(options, hadoopConf);
        RestorePlan plan = input.plan();
        String exportId = StateExport.exportId(plan);
        String base = StateExport.exportFolder(plan, options.prefix());
        Path exportDir = new Path(options.to(), base);
        int partitions = options.partitions() > 0 ? options.partitions() : 2 * jsc.defaultParallelism();
        try {
            FileSystem fs = exportDir.getFileSystem(hadoopConf);
            // A reader takes an export by its summary: it goes first, and the data of an earlier try with it.
            fs.delete(new Path(exportDir, dev.pitr.manifest.ManifestReader.SUMMARY), false);
            fs.delete(new Path(exportDir, "data"), true);
            fs.mkdirs(new Path(exportDir, "data"));
            fs.create(new Path(exportDir, "_started"), true).close();

            Broadcast<SerializableWritable<Configuration>> hadoop = jsc.broadcast(new SerializableWritable<>(hadoopConf));
            Broadcast<List<String>> files = jsc.broadcast(input.files());
            jsc.setJobGroup("pitr-compact-" + exportId, "pitr: compact " + plan.steps().size() + " exports", true);
            List<PartitionExport.File> written;
            try {
                written = new ArrayList<>(finalState(jsc, input, options.clients(), options.keySchema(),
                        options.decodeOptions(), partitions, hadoop).mapPartitionsWithIndex(new PartitionExport(options.to(),
                        base + "/data/", exportId, options.format(), options.compression(),
                        options.decodeOptions().maxLineBytes(), hadoop, files), false).collect());
            } finally {
                jsc.clearJobGroup();
            }
            written.sort(Comparator.comparingInt(PartitionExport.File::partition));
            java.io.ByteArrayOutputStream manifest = new java.io.ByteArrayOutputStream();
            long items = 0;
            long bytes = 0;
            for (PartitionExport.File f : written) {
                manifest.write(f.written().manifestLine(f.key()));
                items += f.written().lines();
                bytes += f.written().compressedBytes();
            }
            for (Map.Entry<String, byte[]> file : ManifestWriter.manifests(manifest.toByteArray(),
                    StateExport.summary(plan, options.prefix(), options.bucket(), options.format(), items,
                            Instant.now())).entrySet()) {
                try (OutputStream out = fs.create(new Path(exportDir, file.getKey()), true)) {
                    out.write(file.getValue());
                }
            }
            SparkCompactReport report = new SparkCompactReport(exportId, exportDir.toString(), base + "/data/",
                    plan.stateTime(), plan.steps().size(), plan.itemCount(), items, written.size(), bytes,
                    since(started));
            LOG.info("pitr {}", report.summary());
            return report;
        } catch (IOException e) {
            throw new PitrException("Cannot write the compacted export under " + exportDir + ": " + e.getMessage(), e);
        }
    }

    private static ChainInput plan(SparkJobOptions options, Configuration hadoop) {
        return ChainInput.plan(options.exports(), options.clients(), () -> hadoop, options.allowGaps(), options.until());
    }

    /** Every key's last record in the chain, in {@code partitions} partitions. */
    private static JavaPairRDD<StateKey, KeyRecord> finalState(JavaSparkContext jsc, ChainInput input,
                                                               ClientFactory clients, KeySchema schema,
                                                               dev.pitr.decode.DecodeOptions decode, int partitions,
                                                               Broadcast<SerializableWritable<Configuration>> hadoop) {
        return jsc.parallelize(input.tasks(), Math.max(1, input.tasks().size()))
                .flatMapToPair(new FileDecoder(clients, hadoop, SchemaValue.of(schema), decode))
                // No combining on the map side: one data file holds each key once, so there is
                // nothing to combine there, and a map of every record of a file would only cost memory.
                .combineByKey(r -> r, KeyRecord::latest, KeyRecord::latest, new HashPartitioner(partitions), false, null);
    }

    private static Duration since(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    /**
     * The job's record in the checkpoint store, when there is one: saved as started (with whether
     * the table held items of its own then) before the first write, and as complete at the end.
     */
    private record JobRecord(@Nullable CheckpointStore store, String id, List<String> chain, String target) {
        Optional<Checkpoint> load() {
            if (store == null) {
                return Optional.empty();
            }
            Optional<CheckpointStore.Versioned> v = store.load(id);
            if (v.isEmpty()) {
                return Optional.empty();
            }
            Checkpoint c = v.get().checkpoint();
            boolean prefix = c.chain().size() <= chain.size() && chain.subList(0, c.chain().size()).equals(c.chain());
            if (!prefix) {
                throw new CheckpointConflictException("The checkpoint of restore " + id + " is of another chain ("
                        + String.join(", ", c.chain()) + "): give another restore id, or remove it");
            }
            if (c.target() != null && !c.target().equals(target)) {
                throw new CheckpointConflictException("The checkpoint of restore " + id + " is of table " + c.target()
                        + ", not " + target + ": give another restore id");
            }
            return Optional.of(c);
        }

        void saveStarted(boolean targetHadItems) {
            save(0, targetHadItems);
        }

        void saveComplete(boolean targetHadItems) {
            save(chain.size(), targetHadItems);
        }

        private void save(int index, boolean targetHadItems) {
            if (store == null) {
                return;
            }
            String version = store.load(id).map(CheckpointStore.Versioned::version).orElse(null);
            store.save(new Checkpoint(id, chain, target, index, Map.of(), LeaseOwner.thisProcess().encode(),
                    Instant.now(), targetHadItems), version);
        }
    }
}
