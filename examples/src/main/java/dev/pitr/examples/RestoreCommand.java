package dev.pitr.examples;

import dev.pitr.PitrRestorer;
import dev.pitr.RestoreReport;
import dev.pitr.checkpoint.CheckpointPolicy;
import dev.pitr.checkpoint.CheckpointStore;
import dev.pitr.dynamodb.DynamoDbItemSink;
import dev.pitr.write.DeadLetterSink;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code pitr restore}: applies a chain of exports to a table, resumably. */
@Command(name = "restore", sortOptions = false,
        mixinStandardHelpOptions = true, version = PitrCli.VERSION,
        header = "Apply a chain of exports to a DynamoDB table, resumably.",
        description = {"Applies a chain of exports (one FULL export, then INCREMENTAL exports; or incrementals alone"
                + " onto a table that holds the earlier state) to an existing DynamoDB table.",
            "Checkpoints are saved as it goes: running the same command again resumes where it stopped."})
final class RestoreCommand implements Callable<Integer> {
    /** A lease lasts this many checkpoint intervals, and at least 60 s. */
    private static final int LEASE_INTERVALS = 6;

    @ParentCommand
    PitrCli cli;

    @Spec
    CommandSpec spec;

    @Option(names = "--table", required = true, paramLabel = "TABLE",
            description = "The target table (name or ARN). It must exist, with the key of the exported table.")
    String table;

    @Mixin
    ChainOptions chain;

    @Mixin
    AwsOptions aws;

    @Option(names = "--checkpoint", paramLabel = "URI", defaultValue = CheckpointUri.DEFAULT,
            description = "Where checkpoints are kept: a folder (or file://...), s3://bucket/prefix/, or dynamodb://table"
                    + " (created if missing). Default: ${DEFAULT-VALUE}.")
    String checkpoint;

    @Option(names = "--restore-id", paramLabel = "ID",
            description = "The id checkpoints are saved under. Default: restore-<id of the chain's first export>-to-<table>"
                    + " (the library's default), so the same command resumes and another table starts afresh.")
    String restoreId;

    @Mixin
    WriteOptions write;

    @Option(names = "--dry-run", description = "Read and check everything (checksums, counts, records, keys against"
            + " the table) and write nothing.")
    boolean dryRun;

    @Option(names = "--take-over", description = "Take the restore id over at once from a run that still holds its"
            + " lease (killed on another machine), instead of waiting for the lease to lapse.")
    boolean takeOver;

    @Option(names = "--no-wait", description = "When another run holds the restore id, fail at once (exit 1) instead"
            + " of waiting for its lease to lapse. A run that holds it and has died on this machine is taken over at"
            + " once either way.")
    boolean noWait;

    @Option(names = "--allow-nonempty", description = "Apply a chain that starts with a FULL export to a table that"
            + " already holds items (refused by default, exit 2, nothing written): items the chain does not hold stay"
            + " as they are, and the summary says so.")
    boolean allowNonEmpty;

    @Option(names = "--compact", description = "Build each key's final state first (on disk, under --state-dir), then"
            + " write every key once: a key changed in 30 windows costs one write instead of 31, and a FULL chain onto"
            + " an empty table needs no delete. The summary shows the chain's records beside the writes.")
    boolean compact;

    @Option(names = "--state-dir", paramLabel = "DIR", description = "With --compact: where the chain's state is kept"
            + " (disk near the chain's compressed size; kept if the run stops, removed when it completes). Default:"
            + " <temp folder>/pitr-state/<restore id>.")
    Path stateDir;

    @Option(names = "--checkpoint-interval", paramLabel = "DURATION", defaultValue = "10s",
            converter = Converters.DurationConverter.class,
            description = "Save a checkpoint at least this often (default: ${DEFAULT-VALUE}).")
    Duration checkpointInterval;

    @Mixin
    RunOptions run;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<ExportUri> exports = chain.exportUris();
        CheckpointUri checkpoints = CheckpointUri.parse(checkpoint);
        run.check();
        write.check();
        try (AwsClients clients = new AwsClients(aws, chain.workers);
             DeadLetterSink dead = write.deadLetters();
             DynamoDbItemSink sink = write.sink(clients, table, dead)) {
            CheckpointStore store = dryRun ? null : checkpoints.open(clients);
            PitrRestorer restorer = chain.restorer(exports, clients, builder -> {
                run.printProgress(builder, err, dryRun ? "checked" : "applied").sink(sink).dryRun(dryRun)
                        .takeOver(takeOver).waitForLease(!noWait).allowNonEmptyTarget(allowNonEmpty).compact(compact)
                        .checkpointPolicy(CheckpointPolicy.everyOperations(50_000)
                                .or(CheckpointPolicy.periodic(checkpointInterval)))
                        .leaseTimeout(max(Duration.ofSeconds(60), checkpointInterval.multipliedBy(LEASE_INTERVALS)));
                if (restoreId != null) {
                    builder.restoreId(restoreId);
                }
                if (stateDir != null) {
                    builder.stateDirectory(stateDir);
                }
                if (store != null) {
                    builder.checkpointStore(store);
                }
            });
            return finish(run.run(restorer, cli.done, out, err, clients), checkpoints, err);
        }
    }

    private int finish(RestoreReport result, CheckpointUri checkpoints, PrintWriter err) {
        if (result.status() == RestoreReport.Status.DRY_RUN) {
            err.printf("pitr: dry run passed: %d exports read and checked against table %s, nothing was written%n",
                    result.exports().size(), table);
            return ExitCode.OK;
        }
        if (result.status() == RestoreReport.Status.ALREADY_COMPLETE) {
            err.printf("pitr: nothing to do: checkpoint %s says restore %s is complete already%n", checkpoints,
                    result.restoreId());
            return ExitCode.OK;
        }
        if (result.skipped() > 0) {
            err.printf("pitr: restore finished, but %d operations were skipped by --on-error skip (%s)%n",
                    result.skipped(), write.deadLetter == null ? "add --dead-letter FILE to keep them"
                            : "they are in " + write.deadLetter);
            return ExitCode.SKIPPED;
        }
        if (!result.isExactState()) {
            err.printf("pitr: restore completed: the chain to %s is applied to table %s, but the table may not hold"
                    + " exactly that state: %s%n", result.stateTime(), table, String.join("; ", result.caveats()));
            return ExitCode.OK;
        }
        err.printf("pitr: restore completed: table %s holds the state of %s%n", table, result.stateTime());
        return ExitCode.OK;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
