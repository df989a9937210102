package dev.pitr.examples;

import dev.pitr.PitrRestorer;
import dev.pitr.internal.HumanDuration;
import dev.pitr.model.KeySchema;
import dev.pitr.plan.RestorePlan;
import dev.pitr.s3.S3ObjectWriter;
import dev.pitr.s3.S3Uri;
import dev.pitr.state.ChainState;
import dev.pitr.state.StateExport;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code pitr compact}: turns a chain into one FULL export that ImportTable (and pitr) can load. */
@Command(name = "compact", sortOptions = false,
        mixinStandardHelpOptions = true, version = PitrCli.VERSION,
        header = "Turn a chain of exports into one FULL export (for ImportTable, or a one-step restore).",
        description = {"Builds each key's final state from the chain (on disk, under --state-dir), then writes it as"
                + " one FULL export in the layout DynamoDB writes, under --to: a folder, or s3://bucket/prefix. Prints"
                + " the aws dynamodb import-table command that loads it into a new table.",
            "Run it again after a crash: the state resumes after the last export fully read, and the export is"
                    + " written again over the same files."})
final class CompactCommand implements Callable<Integer> {
    @ParentCommand
    PitrCli cli;

    @Spec
    CommandSpec spec;

    @Mixin
    ChainOptions chain;

    @Option(names = "--to", required = true, paramLabel = "DIR|s3://bucket/prefix",
            description = "Where the export goes: a folder standing for the bucket root, or an S3 bucket and prefix.")
    String to;

    @Option(names = "--key", required = true, paramLabel = "NAME:TYPE[,NAME:TYPE]",
            description = "The table's key: the partition key, then the sort key if any, each NAME:S, NAME:N or NAME:B"
                    + " (exports do not carry it), e.g. --key customer:S,orderId:N.")
    String key;

    @Option(names = "--format", paramLabel = "DYNAMODB_JSON|ION", defaultValue = "DYNAMODB_JSON",
            description = "The lines' format, as DynamoDB writes it (default: ${DEFAULT-VALUE}); ImportTable reads both.")
    dev.pitr.manifest.OutputFormat format;

    @Option(names = "--compression", paramLabel = "gzip|zstd|none", defaultValue = "gzip",
            description = "How data files are compressed (default: ${DEFAULT-VALUE}); ImportTable reads all three.")
    String compression;

    @Option(names = "--state-dir", paramLabel = "DIR", description = "Where the chain's state is kept while it is built"
            + " (default: <temp folder>/pitr-state/compact-<export id>); kept if the run stops, removed when done.")
    Path stateDir;

    @Option(names = "--max-file-mb", paramLabel = "N", defaultValue = "256",
            description = "Uncompressed megabytes per data file (default: ${DEFAULT-VALUE}).")
    int maxFileMb;

    @Mixin
    AwsOptions aws;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        KeySchema schema = keySchema(key);
        StateExport.Compression kind = compression(compression);
        if (maxFileMb < 1) {
            throw new UsageException("--max-file-mb must be at least 1, got " + maxFileMb);
        }
        S3Uri s3 = to.startsWith("s3://") ? UsageException.check(() -> S3Uri.parse(to)) : null;
        try (AwsClients clients = new AwsClients(aws, chain.workers)) {
            PitrRestorer restorer = chain.restorer(chain.exportUris(), clients, b -> b.dryRun(true));
            RestorePlan plan = restorer.plan();
            ProgressPrinter.printSeams(plan, err);
            Path state = stateDir != null ? stateDir : Path.of(System.getProperty("java.io.tmpdir"), "pitr-state",
                    "compact-" + plan.steps().get(0).export().exportId());
            Path root = s3 == null ? Path.of(to) : Files.createTempDirectory("pitr-compact");
            String prefix = s3 == null ? null : emptyToNull(s3.key().replaceAll("/+$", ""));
            long started = System.nanoTime();
            StateExport.Result result;
            ChainState chainState = ChainState.builder().directory(state).readerThreads(chain.workers)
                    .listener(new ChainState.Listener() {
                        @Override
                        public void exportIngested(dev.pitr.manifest.ExportDescriptor export, int index, int count,
                                                   long records) {
                            err.printf("pitr: export %d/%d %s read into the state (%,d records)%n", index + 1, count,
                                    export.exportId(), records);
                            err.flush();
                        }

                        @Override
                        public void resumed(int exports, int count) {
                            err.printf("pitr: resuming: the state holds %d of the %d exports already%n", exports, count);
                        }
                    }).build();
            boolean written = false;
            try {
                err.printf("pitr: building the final state of %d exports (%,d records) in %s%n", plan.steps().size(),
                        plan.itemCount(), state);
                chainState.ingest(plan, schema);
                result = StateExport.builder().root(root).prefix(prefix).bucket(s3 == null ? null : s3.bucket())
                        .compression(kind).format(format).maxFileBytes(maxFileMb * 1024L * 1024L).build().write(chainState, plan);
                written = true;
            } finally {
                if (written) {
                    chainState.closeAndDelete();
                } else {
                    chainState.close();
                }
            }
            if (s3 != null) {
                upload(clients, root, s3.bucket(), err);
            }
            String where = s3 == null ? result.exportDirectory().toString()
                    : "s3://" + s3.bucket() + "/" + root.relativize(result.exportDirectory()).toString().replace('\\', '/');
            out.printf(Locale.ROOT, "Compacted %d exports (%,d records) into FULL export %s: %,d items in %,d data files,"
                            + " %.1f MB compressed (%.1f MB of items), in %s%n", plan.steps().size(), plan.itemCount(),
                    result.exportId(), result.items(), result.files(), result.compressedBytes() / 1e6,
                    result.uncompressedBytes() / 1e6, HumanDuration.format(java.time.Duration.ofNanos(System.nanoTime()
                            - started)));
            out.printf("  %s%n", where);
            out.println("Load it into a new table with ImportTable (name the table; add indexes and capacity as needed):");
            out.println(importCommand(s3 == null ? "<bucket you upload " + root + " to>" : s3.bucket(),
                    result.keyPrefix(), format, kind, schema));
            out.flush();
            err.printf("pitr: compacted to the state of %s, nothing was written to any table%n", plan.stateTime());
            return ExitCode.OK;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The {@code aws dynamodb import-table} command that loads the export into a new table. */
    static String importCommand(String bucket, String keyPrefix, dev.pitr.manifest.OutputFormat format,
                                StateExport.Compression compression, KeySchema schema) {
        StringBuilder keys = new StringBuilder("KeySchema=[{AttributeName=" + schema.partitionKey().name()
                + ",KeyType=HASH}");
        StringBuilder types = new StringBuilder("AttributeDefinitions=[{AttributeName=" + schema.partitionKey().name()
                + ",AttributeType=" + schema.partitionKey().type() + "}");
        if (schema.sortKey() != null) {
            keys.append(",{AttributeName=").append(schema.sortKey().name()).append(",KeyType=RANGE}");
            types.append(",{AttributeName=").append(schema.sortKey().name()).append(",AttributeType=")
                    .append(schema.sortKey().type()).append('}');
        }
        return "aws dynamodb import-table --s3-bucket-source S3Bucket=" + bucket + ",S3KeyPrefix=" + keyPrefix
                + " --input-format " + format + " --input-compression-type " + compression.importName()
                + " --table-creation-parameters 'TableName=NEW_TABLE," + keys + "]," + types
                + "],BillingMode=PAY_PER_REQUEST'";
    }

    static KeySchema keySchema(String text) {
        try {
            return KeySchema.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--key: " + e.getMessage());
        }
    }

    private static StateExport.Compression compression(String text) {
        try {
            return StateExport.Compression.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--compression must be gzip, zstd or none, got \"" + text + "\"");
        }
    }

    private static void upload(AwsClients clients, Path root, String bucket, PrintWriter err) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile).sorted((a, b) -> Boolean.compare(isManifest(a), isManifest(b)))
                    .toList();
        }
        for (Path file : files) { // data first, manifests last: an export is whole once its manifests are there
            String key = root.relativize(file).toString().replace('\\', '/');
            S3ObjectWriter.write(clients.s3(), new S3Uri(bucket, key), Files.readAllBytes(file), null);
            Files.delete(file);
        }
        try (Stream<Path> dirs = Files.walk(root)) { // the empty folders the files were written in
            for (Path d : (Iterable<Path>) dirs.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(d);
            }
        }
        err.printf("pitr: uploaded %d objects to s3://%s%n", files.size(), bucket);
    }

    private static boolean isManifest(Path file) {
        return file.getFileName().toString().startsWith("manifest-");
    }

    private static String emptyToNull(String s) {
        return s.isEmpty() ? null : s;
    }
}
