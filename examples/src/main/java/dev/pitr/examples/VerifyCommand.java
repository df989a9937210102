package dev.pitr.examples;

import dev.pitr.dynamodb.DynamoDbItemSink;
import dev.pitr.dynamodb.DynamoDbTableReader;
import dev.pitr.internal.HumanDuration;
import dev.pitr.plan.RestorePlan;
import dev.pitr.source.ExportSource;
import dev.pitr.verify.PitrVerifier;
import dev.pitr.verify.VerifyListener;
import dev.pitr.verify.VerifyReport;
import dev.pitr.write.DeadLetterSink;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code pitr verify}: proves a table holds a chain's state, lists what differs, and repairs it. */
@Command(name = "verify", sortOptions = false,
        mixinStandardHelpOptions = true, version = PitrCli.VERSION,
        header = "Prove that a table holds a chain's state; list the keys that differ, and --repair them.",
        description = {"Builds the chain's final state (on disk, under --state-dir), reads the whole table with a"
                + " parallel Scan under --max-rcu, and compares them key by key, values as DynamoDB compares them"
                + " (1.5 and 1.50 are one number, sets in any order). Prints one line:",
            "  verify TABLE: N items checked, missing N, extra N, different N",
            "missing: in the chain's state, not in the table; extra: in the table only; different: other values.",
            "Exit 0 when they are equal, 4 when they differ (0 after a --repair that leaves them equal)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the table holds the chain's state (after --repair, if given)",
            "1:failure (a read, a write; a rerun resumes building the state)",
            "2:bad arguments, or exports that do not form a chain (nothing read from the table)",
            "3:--repair finished, but --on-error skip set some writes aside",
            "4:the table differs from the chain's state"})
final class VerifyCommand implements Callable<Integer> {
    @ParentCommand
    PitrCli cli;

    @Spec
    CommandSpec spec;

    @Option(names = "--table", required = true, paramLabel = "TABLE", description = "The table to verify (name or ARN).")
    String table;

    @Mixin
    ChainOptions chain;

    @Mixin
    AwsOptions aws;

    @Option(names = "--max-rcu", paramLabel = "N", description = "The most read capacity units per second to use"
            + " (default: no ceiling; the rate backs off when DynamoDB throttles).")
    Double maxRcu;

    @Option(names = "--segments", paramLabel = "N", defaultValue = "4",
            description = "Parallel Scan segments read at once (default: ${DEFAULT-VALUE}).")
    int segments;

    @Option(names = "--consistent-read", description = "Read with strongly consistent reads (twice the read capacity):"
            + " see every write acknowledged before the verify started.")
    boolean consistentRead;

    @Option(names = "--sample", paramLabel = "FRACTION", description = "Check only this fraction of the keys, chosen"
            + " by key hash (the same keys every run), read by key instead of scanning: --sample 0.01 costs about 1 %"
            + " of a scan's reads. Finds extra items only under keys the chain holds or deleted.")
    Double sample;

    @Option(names = "--diff", paramLabel = "FILE", description = "Write the keys that differ (keys only, never values)"
            + " to this file, one JSON line each: {\"kind\":\"missing|extra|different\",\"key\":{...}}.")
    Path diff;

    @Option(names = "--repair", description = "Write what differs (puts of the chain's items for missing and different"
            + " keys, deletes for extra ones) through the restore's writer, then verify again.")
    boolean repair;

    @Mixin
    WriteOptions write;

    @Option(names = "--state-dir", paramLabel = "DIR", description = "Where the chain's state is built (kept if the"
            + " verify stops, so a rerun resumes; removed when it completes). Default:"
            + " <temp folder>/pitr-state/verify-<first export id>.")
    Path stateDir;

    @Option(names = "--report", paramLabel = "PATH|s3://...", description = "Write the report JSON to this file or"
            + " S3 object.")
    String report;

    @Option(names = "--progress-interval", paramLabel = "DURATION", defaultValue = "10s",
            converter = Converters.DurationConverter.class,
            description = "Print a progress line on stderr this often (default: ${DEFAULT-VALUE}).")
    Duration progressInterval;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        checkArguments();
        ReportTarget reportTarget = report == null ? null : ReportTarget.parse(report);
        try (AwsClients clients = new AwsClients(aws, chain.workers);
             KeyFile diffFile = diff == null ? null : KeyFile.create("--diff", diff);
             DeadLetterSink dead = write.deadLetters();
             DynamoDbItemSink sink = repair ? write.sink(clients, table, dead) : null) {
            PitrVerifier.Builder builder = UsageException.check(() -> {
                PitrVerifier.Builder b = PitrVerifier.builder().table(reader(clients)).readerThreads(chain.workers)
                        .allowGaps(chain.allowGap).progressInterval(progressInterval)
                        .listener(new Printer(err, diffFile));
                for (ExportUri uri : chain.exportUris()) {
                    ExportSource source = uri.open(clients);
                    b.export(source);
                }
                if (chain.until != null) {
                    b.until(chain.until);
                }
                if (sample != null) {
                    b.sample(sample);
                }
                if (stateDir != null) {
                    b.stateDirectory(stateDir);
                }
                if (sink != null) {
                    b.repair(sink);
                }
                return b;
            });
            PitrVerifier verifier = builder.build();
            VerifyReport result = StopOnSignal.run(verifier::run, verifier, "stopping; the state built so far is kept",
                    cli.done, err);
            out.println(result.summary());
            if (result.repairSummary() != null) {
                out.println(result.repairSummary());
            }
            out.flush();
            if (reportTarget != null) {
                reportTarget.write(result.toJson().getBytes(StandardCharsets.UTF_8), clients);
            }
            return finish(result, err);
        }
    }

    private void checkArguments() {
        if (segments < 1 || segments > 1_000_000) {
            throw new UsageException("--segments must be between 1 and 1000000, got " + segments);
        }
        if (maxRcu != null && !(maxRcu > 0)) {
            throw new UsageException("--max-rcu must be above 0, got " + maxRcu);
        }
        if (sample != null && !(sample > 0 && sample <= 1)) {
            throw new UsageException("--sample must be a fraction in (0, 1], for example 0.01 for 1 %, got " + sample);
        }
        if (!repair && write.given()) {
            throw new UsageException("--max-wcu, --on-error and --dead-letter go with --repair");
        }
        write.check();
    }

    private DynamoDbTableReader reader(AwsClients clients) {
        DynamoDbTableReader.Builder b = DynamoDbTableReader.builder().client(clients.dynamoDb()).tableName(table)
                .segments(segments).consistentRead(consistentRead);
        if (maxRcu != null) {
            b.maxReadCapacityUnitsPerSecond(maxRcu);
        }
        return b.build();
    }

    private int finish(VerifyReport result, PrintWriter err) {
        VerifyReport.Repair r = result.repair();
        if (r != null && r.puts() + r.deletes() + r.skipped() > 0) {
            err.printf("pitr: repaired %d keys (%d puts, %d deletes)%s%n", r.puts() + r.deletes(), r.puts(),
                    r.deletes(), r.skipped() > 0 ? ", " + r.skipped() + " writes set aside by --on-error skip" : "");
        }
        if (!result.gaps().isEmpty()) {
            err.printf("pitr: note: the chain has %d gap(s); writes made in them are in neither side's account%n",
                    result.gaps().size());
        }
        if (r != null && r.skipped() > 0) {
            return ExitCode.SKIPPED;
        }
        if (result.equal()) {
            err.printf("pitr: table %s holds the state of %s%s%n", table, result.stateTime(),
                    result.sample() < 1 ? " (in the sampled keys)" : "");
            return ExitCode.OK;
        }
        err.printf("pitr: table %s differs from the state of %s%s%n", table, result.stateTime(),
                diff == null ? " (add --diff FILE for the keys)" : ": the keys are in " + diff);
        return ExitCode.DIFFERENT;
    }

    /** Progress lines on stderr, and each difference into the diff file. */
    private static final class Printer implements VerifyListener {
        private final PrintWriter err;
        private final KeyFile diff;

        Printer(PrintWriter err, KeyFile diff) {
            this.err = err;
            this.diff = diff;
        }

        @Override
        public void planned(RestorePlan plan) {
            ProgressPrinter.printSeams(plan, err);
            err.printf("pitr: building the state of %s from %d exports (%,d records)%n", plan.stateTime(),
                    plan.steps().size(), plan.itemCount());
            err.flush();
        }

        @Override
        public void stateResumed(int exports, int count) {
            err.printf("pitr: resuming: the state holds %d of the %d exports already%n", exports, count);
        }

        @Override
        public void stateExportIngested(dev.pitr.manifest.ExportDescriptor export, int index, int count, long records) {
            err.printf("pitr: export %d/%d %s read into the state (%,d records)%n", index + 1, count, export.exportId(),
                    records);
            err.flush();
        }

        @Override
        public void progress(Progress p) {
            String what = switch (p.phase()) {
                case BUILDING_STATE -> "building the state";
                case READING_TABLE -> String.format(Locale.ROOT, "reading the table: %,d items, %,.0f RCU",
                        p.tableItems(), p.capacityUnits());
                case COMPARING -> String.format(Locale.ROOT, "comparing: %,d keys checked, %,d differ",
                        p.keysChecked(), p.differences());
                case CHECKING_REPAIR -> String.format(Locale.ROOT, "checking the repair: %,d items read",
                        p.tableItems());
            };
            err.printf("pitr: %s (%s)%n", what, HumanDuration.format(p.elapsed()));
            err.flush();
        }

        @Override
        public void difference(Difference d) {
            if (diff != null) {
                diff.write(d);
            }
        }
    }
}
