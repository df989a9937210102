package dev.pitr.spark;

import dev.pitr.PitrException;
import dev.pitr.TargetNotEmptyException;
import dev.pitr.checkpoint.CheckpointStore;
import dev.pitr.checkpoint.FileCheckpointStore;
import dev.pitr.dynamodb.DynamoDbCheckpointStore;
import dev.pitr.manifest.OutputFormat;
import dev.pitr.model.KeySchema;
import dev.pitr.plan.ChainException;
import dev.pitr.s3.S3CheckpointStore;
import dev.pitr.spark.internal.JvmClients;
import dev.pitr.state.StateExport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * The job's main class, for {@code spark-submit --class dev.pitr.spark.PitrSparkMain} (EMR, EMR
 * Serverless, Glue, Kubernetes) and for the runnable jar:
 * {@code java -jar pitr-spark-app.jar --master local[4] restore --table T --export E ...}.
 *
 * <p>Exit codes: 0 done, 1 failed (run it again: it ends exact), 2 bad arguments or a chain that
 * cannot be applied (nothing written).
 */
@Command(name = "pitr-spark", mixinStandardHelpOptions = true, version = "pitr-spark 0.1.0",
        subcommands = {PitrSparkMain.Restore.class, PitrSparkMain.Compact.class},
        description = "Applies a chain of DynamoDB exports to a table on Spark, or compacts it into one FULL export.")
public final class PitrSparkMain implements Callable<Integer> {
    private static final Pattern LOCAL = Pattern.compile("local\\[(\\d+|\\*)]");

    @Option(names = "--master", paramLabel = "URL", description = "Spark's master, e.g. local[4] (a local master is given"
            + " 4 tries per task, as a cluster's). Under spark-submit, leave it out: spark-submit sets it.")
    String master;

    @Option(names = "--conf", paramLabel = "KEY=VALUE", description = "A Spark setting, repeated as needed.")
    Map<String, String> conf = new LinkedHashMap<>();

    /** Run by Glue: its session is Glue's, to use as it is and leave running. */
    boolean inGlue;

    @Override
    public Integer call() {
        new CommandLine(this).usage(System.err);
        return 2;
    }

    public static void main(String[] args) {
        if (System.getProperty("spark.master") == null && System.getProperty("log4j2.configurationFile") == null) {
            // Run as java -jar: pitr's lines and Spark's warnings, not Spark's every step.
            System.setProperty("log4j2.configurationFile", "classpath:dev/pitr/spark/log4j2-app.properties");
        }
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code. */
    public static int run(String... args) {
        return run(new PitrSparkMain(), args);
    }

    /**
     * The entry of an AWS Glue job. Glue calls a job's class with its own arguments
     * ({@code --JOB_ID}, {@code --JOB_RUN_ID}, {@code --TempDir}, ...) and the job's parameters,
     * each a {@code --key value} pair that cannot repeat; pitr's whole command line is the value of
     * the one parameter {@code --pitr}, split at spaces ({@code restore --table orders --export
     * s3://... --export s3://...}). The rest is Glue's and is left alone, and so is Glue's Spark
     * session, which the job neither configures nor stops.
     *
     * @return the exit code, as for {@link #run}; a Glue script fails the job when it is not 0
     */
    public static int glue(String... args) {
        String line = null;
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals("--pitr")) {
                line = args[i + 1];
            }
        }
        if (line == null || line.isBlank()) {
            System.err.println("pitr-spark: no --pitr job parameter: give pitr's command line as its value, e.g."
                    + " --pitr \"restore --table orders --export s3://bucket/prefix/AWSDynamoDB/<id>/\"");
            return 2;
        }
        PitrSparkMain main = new PitrSparkMain();
        main.inGlue = true;
        return run(main, line.trim().split("\\s+"));
    }

    private static int run(PitrSparkMain main, String... args) {
        CommandLine cli = new CommandLine(main);
        cli.setExecutionExceptionHandler((e, line, parsed) -> {
            PrintWriter err = line.getErr();
            if (e instanceof IllegalArgumentException || e instanceof IllegalStateException
                    || e instanceof ChainException || e instanceof TargetNotEmptyException
                    || e instanceof dev.pitr.ExportFileNotFoundException || e instanceof dev.pitr.MalformedExportException
                    || e instanceof dev.pitr.checkpoint.CheckpointConflictException) {
                // Found while the job is planned, before anything is written.
                err.println("pitr-spark: " + e.getMessage());
                return 2;
            }
            if (e instanceof PitrException) {
                err.println("pitr-spark: " + e.getMessage());
                err.println("pitr-spark: the job stopped; run it again to finish (what was written stays exact)");
                return 1;
            }
            err.println("pitr-spark: the job failed: " + e);
            err.println("pitr-spark: run it again to finish (what was written stays exact)");
            e.printStackTrace(err);
            return 1;
        });
        return cli.execute(args);
    }

    SparkSession session(String name) {
        if (inGlue) {
            return SparkSession.builder().getOrCreate();
        }
        SparkSession.Builder builder = SparkSession.builder().appName(name);
        String m = master;
        if (m == null && System.getProperty("spark.master") == null) {
            m = "local[*]"; // java -jar without --master: this machine's cores
        }
        if (m != null) {
            Matcher local = LOCAL.matcher(m);
            builder.master(local.matches() ? "local[" + local.group(1) + ",4]" : m);
            builder.config("spark.ui.showConsoleProgress", "true"); // a stage's progress on stderr
        }
        // Kryo with pitr's serializers for what the job shuffles (its own records write themselves
        // under Java serialization too, but Kryo's streams are lighter).
        builder.config("spark.serializer", "org.apache.spark.serializer.KryoSerializer");
        builder.config("spark.kryo.registrator", "dev.pitr.spark.PitrKryoRegistrator");
        conf.forEach(builder::config);
        return builder.getOrCreate();
    }

    void stop(SparkSession spark) {
        if (!inGlue) {
            spark.stop();
        }
    }

    /** The options every command shares: the chain, and how to reach AWS. */
    static class Common {
        @Option(names = "--export", required = true, paramLabel = "URI", description = "An export of the chain, repeated,"
                + " in any order: s3://bucket/[prefix/]AWSDynamoDB/<id>/, any Hadoop URI (hdfs://, s3a://, file://),"
                + " or a local folder.")
        List<String> exports = new ArrayList<>();

        @Option(names = "--until", paramLabel = "TIME", description = "Apply the chain up to this export boundary"
                + " (2026-01-14T10:30:00Z).")
        String until;

        @Option(names = "--allow-gap", description = "Apply a chain with gaps between its windows.")
        boolean allowGap;

        @Option(names = "--region", paramLabel = "REGION", description = "The AWS region (default: the default chain).")
        String region;

        @Option(names = "--dynamodb-endpoint", paramLabel = "URL", description = "A DynamoDB endpoint of your own.")
        String dynamoDbEndpoint;

        @Option(names = "--s3-endpoint", paramLabel = "URL", description = "An S3 endpoint of your own (path-style).")
        String s3Endpoint;

        AwsClientFactory clients() {
            return AwsClientFactory.defaults().withRegion(region).withDynamoDbEndpoint(dynamoDbEndpoint)
                    .withS3Endpoint(s3Endpoint);
        }

        Instant untilTime() {
            if (until == null) {
                return null;
            }
            try {
                return Instant.parse(until);
            } catch (java.time.format.DateTimeParseException e) {
                throw new IllegalArgumentException("--until must be a time like 2026-01-14T10:30:00Z, got \"" + until + "\"");
            }
        }
    }

    @Command(name = "restore", mixinStandardHelpOptions = true,
            description = "Applies the chain to an existing table: each key written once, with its final state.")
    static final class Restore extends Common implements Callable<Integer> {
        @ParentCommand
        PitrSparkMain parent;

        @Option(names = "--table", required = true, paramLabel = "NAME", description = "The target table.")
        String table;

        @Option(names = "--max-wcu", paramLabel = "N", description = "The job's write-capacity ceiling, shared among its"
                + " write tasks (default: none; each task backs off when DynamoDB throttles).")
        Double maxWcu;

        @Option(names = "--write-partitions", paramLabel = "N", description = "Partitions of the write stage (default:"
                + " twice the parallelism).")
        Integer writePartitions;

        @Option(names = "--concurrent-tasks", paramLabel = "N", description = "Write tasks that run at once, to split"
                + " --max-wcu by (default: the parallelism when the job starts).")
        Integer concurrentTasks;

        @Option(names = "--allow-nonempty", description = "Apply a chain that starts with a FULL export to a table"
                + " that holds items.")
        boolean allowNonEmpty;

        @Option(names = "--checkpoint", paramLabel = "URI", description = "Where the job records that it started and"
                + " finished: a folder, s3://bucket/prefix/ or dynamodb://table (default with a local master:"
                + " pitr-checkpoints; on a cluster, none). With it, a killed job runs again without --allow-nonempty.")
        String checkpoint;

        @Option(names = "--restore-id", paramLabel = "ID", description = "The id the record is saved under.")
        String restoreId;

        @Override
        public Integer call() {
            SparkRestoreOptions.Builder options = SparkRestoreOptions.builder().table(table).exports(exports)
                    .allowGaps(allowGap).until(untilTime()).allowNonEmpty(allowNonEmpty).clients(clients())
                    .restoreId(restoreId);
            if (maxWcu != null) {
                options.maxWriteCapacityUnitsPerSecond(maxWcu);
            }
            if (writePartitions != null) {
                options.writePartitions(writePartitions);
            }
            if (concurrentTasks != null) {
                options.concurrentTasks(concurrentTasks);
            }
            String where = checkpoint != null ? checkpoint
                    : parent.master != null && parent.master.startsWith("local") ? "pitr-checkpoints" : null;
            options.checkpointStore(where == null ? null : store(where, clients()));
            SparkRestoreOptions built = options.build();
            SparkSession spark = parent.session("pitr restore " + table);
            try {
                SparkRestoreReport report = PitrSpark.restore(spark, built);
                System.out.println(report.summary());
                return 0;
            } finally {
                parent.stop(spark);
            }
        }

        private static CheckpointStore store(String uri, AwsClientFactory clients) {
            if (uri.startsWith("s3://")) {
                return S3CheckpointStore.create(JvmClients.s3(clients), uri);
            }
            if (uri.startsWith("dynamodb://")) {
                return DynamoDbCheckpointStore.create(JvmClients.dynamoDb(clients), uri.substring("dynamodb://".length()))
                        .createTableIfMissing();
            }
            return FileCheckpointStore.in(Path.of(uri.startsWith("file://") ? uri.substring("file://".length()) : uri));
        }
    }

    @Command(name = "compact", mixinStandardHelpOptions = true,
            description = "Writes the chain's final state as one FULL export (for ImportTable, or a one-step restore).")
    static final class Compact extends Common implements Callable<Integer> {
        @ParentCommand
        PitrSparkMain parent;

        @Option(names = "--to", required = true, paramLabel = "PATH", description = "A Hadoop path standing for the"
                + " bucket root (s3://bucket on EMR, s3a://bucket, hdfs://..., file:///...).")
        String to;

        @Option(names = "--prefix", paramLabel = "PREFIX", description = "A key prefix under it, e.g. exports/orders.")
        String prefix;

        @Option(names = "--key", required = true, paramLabel = "NAME:TYPE[,NAME:TYPE]",
                description = "The table's key (exports do not carry it), e.g. customer:S,orderId:N.")
        String key;

        @Option(names = "--format", paramLabel = "DYNAMODB_JSON|ION", defaultValue = "DYNAMODB_JSON",
                description = "The lines' format (default: ${DEFAULT-VALUE}).")
        OutputFormat format;

        @Option(names = "--compression", paramLabel = "gzip|zstd|none", defaultValue = "gzip",
                description = "Data file compression (default: ${DEFAULT-VALUE}).")
        String compression;

        @Option(names = "--partitions", paramLabel = "N", description = "Data files to write (default: twice the"
                + " parallelism).")
        Integer partitions;

        @Override
        public Integer call() {
            StateExport.Compression kind;
            try {
                kind = StateExport.Compression.valueOf(compression.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--compression must be gzip, zstd or none, got \"" + compression + "\"");
            }
            KeySchema schema;
            try {
                schema = KeySchema.parse(key);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--key: " + e.getMessage(), e);
            }
            SparkCompactOptions.Builder options = SparkCompactOptions.builder().exports(exports).keySchema(schema).to(to)
                    .prefix(prefix).format(format).compression(kind).allowGaps(allowGap).until(untilTime())
                    .clients(clients());
            if (partitions != null) {
                options.partitions(partitions);
            }
            SparkCompactOptions built = options.build();
            SparkSession spark = parent.session("pitr compact");
            try {
                System.out.println(PitrSpark.compact(spark, built).summary());
                return 0;
            } finally {
                parent.stop(spark);
            }
        }
    }
}
