package dev.pitr.examples;

import dev.pitr.decode.KeyLines;
import dev.pitr.dynamodb.DynamoDbConditionalSink;
import dev.pitr.dynamodb.DynamoDbTableReader;
import dev.pitr.internal.HumanDuration;
import dev.pitr.model.Key;
import dev.pitr.model.KeySchema;
import dev.pitr.plan.RestorePlan;
import dev.pitr.revert.PitrReverter;
import dev.pitr.revert.RevertListener;
import dev.pitr.revert.RevertReport;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code pitr revert}: undoes a bad window in place, leaving alone every item changed since. */
@Command(name = "revert", sortOptions = false,
        mixinStandardHelpOptions = true, version = PitrCli.VERSION,
        header = "Undo a bad window in place, without clobbering writes made after it.",
        description = {"Puts every key the window's INCREMENTAL exports (NEW_AND_OLD_IMAGES) changed back to its state"
                + " at the window's start, where the item still holds its state at the window's end: the table decides"
                + " that atomically (a conditional write), so an item changed since the window is left alone and"
                + " counted as a conflict. Prints one line:",
            "  revert TABLE: N restored, N deleted, N unchanged, conflicts N",
            "Checkpoints are saved as it goes: running the same command again resumes where it stopped."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every key of the window reverted (or already as it was)",
            "1:failure (a read, a write, a checkpoint; a rerun resumes)",
            "2:bad arguments, or exports that cannot be reverted (nothing written)",
            "3:finished, but conflicts were left alone (see --conflicts)"})
final class RevertCommand implements Callable<Integer> {
    @ParentCommand
    PitrCli cli;

    @Spec
    CommandSpec spec;

    @Option(names = "--table", required = true, paramLabel = "TABLE", description = "The table to revert (name or ARN).")
    String table;

    @Option(names = "--export", required = true, paramLabel = "URI",
            description = "An INCREMENTAL export (NEW_AND_OLD_IMAGES) of the bad window, repeated for each, in any"
                    + " order; together they must cover the window without a gap.")
    List<String> exports = new ArrayList<>();

    @Option(names = "--keys", paramLabel = "FILE", description = "Revert only these keys: JSON Lines of keys in DynamoDB"
            + " JSON ({\"pk\":{\"S\":\"a\"}}), or lines with a \"key\" field as --conflicts and verify --diff write them.")
    Path keys;

    @Option(names = "--conflicts", paramLabel = "FILE", description = "Write the keys left alone (changed since the"
            + " window) to this file, one JSON line each, keys only. A resumed revert keeps the lines its checkpoint"
            + " counts and goes on after them.")
    Path conflicts;

    @Option(names = "--force", description = "Write every key's state at the window's start unconditionally, reading"
            + " nothing: writes made after the window to those keys are lost.")
    boolean force;

    @Option(names = "--dry-run", description = "Read the current items and report what would be restored, deleted and"
            + " left alone; write nothing.")
    boolean dryRun;

    @Option(names = "--max-wcu", paramLabel = "N", description = "The most write capacity units per second to use,"
            + " conditional writes that fail included (default: no ceiling; backs off when throttled).")
    Double maxWcu;

    @Option(names = "--max-rcu", paramLabel = "N", description = "The most read capacity units per second to use"
            + " reading current items (default: no ceiling).")
    Double maxRcu;

    @Option(names = "--checkpoint", paramLabel = "URI", defaultValue = CheckpointUri.DEFAULT,
            description = "Where checkpoints are kept: a folder, s3://bucket/prefix/ or dynamodb://table. Default:"
                    + " ${DEFAULT-VALUE}.")
    String checkpoint;

    @Option(names = "--revert-id", paramLabel = "ID", description = "The id checkpoints are saved under. Default:"
            + " revert-<first export id>-to-<table>-<hash>, so the same command resumes.")
    String revertId;

    @Option(names = "--state-dir", paramLabel = "DIR", description = "Where the state of a window of several exports"
            + " is built (removed when the revert completes; one export streams and needs none). Default: <temp"
            + " folder>/pitr-state/<revert id>.")
    Path stateDir;

    @Option(names = "--report", paramLabel = "PATH|s3://...", description = "Write the report JSON to this file or S3"
            + " object.")
    String report;

    @Option(names = "--workers", paramLabel = "N", defaultValue = "4",
            description = "Data files read in parallel inside one export (default: ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--progress-interval", paramLabel = "DURATION", defaultValue = "10s",
            converter = Converters.DurationConverter.class,
            description = "Print a progress line on stderr this often (default: ${DEFAULT-VALUE}).")
    Duration progressInterval;

    @Mixin
    AwsOptions aws;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (force && dryRun) {
            throw new UsageException("--force writes without reading and --dry-run writes nothing: choose one");
        }
        if (keys != null && !Files.isRegularFile(keys)) {
            throw new UsageException("--keys " + keys + ": no such file");
        }
        List<ExportUri> uris = new ArrayList<>();
        for (String e : exports) {
            uris.add(ExportUri.parse(e));
        }
        ReportTarget reportTarget = report == null ? null : ReportTarget.parse(report);
        CheckpointUri checkpoints = CheckpointUri.parse(checkpoint);
        try (AwsClients clients = new AwsClients(aws, workers);
             KeyFile conflictFile = conflicts == null ? null : KeyFile.resumable("--conflicts", conflicts);
             DynamoDbConditionalSink sink = dryRun ? null : UsageException.check(() -> sink(clients))) {
            DynamoDbTableReader reader = UsageException.check(() -> {
                DynamoDbTableReader.Builder b = DynamoDbTableReader.builder().client(clients.dynamoDb()).tableName(table)
                        .consistentRead(true);
                if (maxRcu != null) {
                    b.maxReadCapacityUnitsPerSecond(maxRcu);
                }
                return b.build();
            });
            PitrReverter reverter = UsageException.check(() -> {
                PitrReverter.Builder b = PitrReverter.builder().table(reader).dryRun(dryRun).force(force)
                        .readerThreads(workers).progressInterval(progressInterval)
                        .listener(new Printer(err, conflictFile));
                for (ExportUri uri : uris) {
                    b.export(uri.open(clients));
                }
                if (sink != null) {
                    b.sink(sink).checkpointStore(checkpoints.open(clients));
                }
                if (keys != null) {
                    KeySchema schema = reader.open();
                    List<Key> selected = KeyLines.read(keys, schema);
                    err.printf("pitr: reverting only the %d keys of %s%n", selected.size(), keys);
                    b.keys(selected);
                }
                if (revertId != null) {
                    b.revertId(revertId);
                }
                if (stateDir != null) {
                    b.stateDirectory(stateDir);
                }
                return b.build();
            });
            RevertReport result = StopOnSignal.run(reverter::run, reverter, "stopping and saving a checkpoint",
                    cli.done, err);
            out.println(result.summary());
            out.flush();
            if (reportTarget != null) {
                reportTarget.write(result.toJson().getBytes(StandardCharsets.UTF_8), clients);
            }
            return finish(result, err);
        }
    }

    private DynamoDbConditionalSink sink(AwsClients clients) {
        DynamoDbConditionalSink.Builder b = DynamoDbConditionalSink.builder().client(clients.dynamoDb()).tableName(table);
        if (maxWcu != null) {
            b.maxWriteCapacityUnitsPerSecond(maxWcu);
        }
        return b.build();
    }

    private int finish(RevertReport result, PrintWriter err) {
        if (result.status() == RevertReport.Status.ALREADY_COMPLETE) {
            err.printf("pitr: nothing to do: the checkpoint says revert %s is complete already%n", result.revertId());
            return ExitCode.OK;
        }
        String window = result.windowStart() + " to " + result.windowEnd();
        if (result.counts().conflicts() > 0) {
            err.printf("pitr: %s %d keys changed since the window %s were left alone%s%n",
                    result.status() == RevertReport.Status.DRY_RUN ? "dry run:" : "revert finished;",
                    result.counts().conflicts(), window, conflicts == null ? " (add --conflicts FILE for their keys)"
                            : ": their keys are in " + conflicts);
            return ExitCode.SKIPPED;
        }
        err.printf("pitr: %s: every key the window %s changed %s%n",
                result.status() == RevertReport.Status.DRY_RUN ? "dry run passed, nothing was written" : "revert completed",
                window, result.status() == RevertReport.Status.DRY_RUN ? "can be reverted" : "holds its state at the"
                        + " window's start");
        return ExitCode.OK;
    }

    /** Progress lines on stderr, and each conflict into the conflicts file. */
    private static final class Printer implements RevertListener {
        private final PrintWriter err;
        private final KeyFile conflicts;

        Printer(PrintWriter err, KeyFile conflicts) {
            this.err = err;
            this.conflicts = conflicts;
        }

        @Override
        public void started(long keysDone, RevertReport.Counts counts) {
            if (keysDone > 0) {
                err.printf(Locale.ROOT, "pitr: resuming after %,d keys decided: %d restored, %d deleted, %d unchanged,"
                        + " conflicts %d%n", keysDone, counts.restored(), counts.deleted(), counts.unchanged(),
                        counts.conflicts());
            }
            if (conflicts != null) {
                // The file's first lines are the conflicts the checkpoint counts; lines after them
                // come from keys a stopped run decided after its last checkpoint, decided again now.
                long kept = conflicts.keep(counts.conflicts());
                if (kept < counts.conflicts()) {
                    err.printf("pitr: warning: %s lists %d of the %d conflicts found before this run resumed; the"
                            + " others are not listed again (the file was replaced or written by another run)%n",
                            conflicts.path(), kept, counts.conflicts());
                }
            }
            err.flush();
        }

        @Override
        public void planned(RestorePlan plan) {
            ProgressPrinter.printSeams(plan, err);
            err.printf("pitr: reading the window %s to %s: %d exports, %,d records%n",
                    plan.steps().get(0).export().summary().exportFromTime(), plan.stateTime(), plan.steps().size(),
                    plan.itemCount());
            err.flush();
        }

        @Override
        public void exportRead(int index, int count) {
            err.printf("pitr: export %d/%d read%n", index + 1, count);
            err.flush();
        }

        @Override
        public void progress(Progress p) {
            RevertReport.Counts c = p.counts();
            err.printf(Locale.ROOT, "pitr: %,d/%,d keys decided: %d restored, %d deleted, %d unchanged, conflicts %d (%s)%n",
                    p.keysDone(), p.keysTotal(), c.restored(), c.deleted(), c.unchanged(), c.conflicts(),
                    HumanDuration.format(p.elapsed()));
            err.flush();
        }

        @Override
        public void conflict(Key key) {
            if (conflicts != null) {
                conflicts.write("conflict", key, false);
            }
        }
    }
}
