package dev.pitr.examples;

import dev.pitr.internal.HumanDuration;
import dev.pitr.PitrRestorer;
import dev.pitr.RestoreReport;
import dev.pitr.manifest.ExportDescriptor;
import dev.pitr.manifest.ExportSummary;
import dev.pitr.plan.RestorePlan;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import dev.pitr.model.Item;
import dev.pitr.model.KeySchema;
import dev.pitr.state.ChainState;
import dev.pitr.write.WriteCapacity;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code pitr plan}: the ordered chain, its size, its write capacity and how long it takes. */
@Command(name = "plan", sortOptions = false,
        mixinStandardHelpOptions = true, version = PitrCli.VERSION,
        header = "Show the chain in order, its items, write capacity and time.",
        description = {"Shows the chain in the order it will be applied: each export's type, time window, items and"
                + " data files, and the write capacity units (WCU) the restore consumes with the time that takes at"
                + " --max-wcu. Reads only the manifests, where the WCU is a lower bound (1 per item);"
                + " --exact reads the data as validate does for the exact figure."})
final class PlanCommand implements Callable<Integer> {
    @ParentCommand
    PitrCli cli;

    @Spec
    CommandSpec spec;

    @Mixin
    ChainOptions chain;

    @Option(names = "--max-wcu", paramLabel = "N",
            description = "Show how long the restore takes when it writes at N write capacity units per second.")
    Double maxWcu;

    @Option(names = "--exact", description = "Read every data file (as validate does) for the exact WCU.")
    boolean exact;

    @Option(names = "--key", paramLabel = "NAME:TYPE[,NAME:TYPE]", description = "With --exact: the table's key"
            + " (e.g. customer:S,orderId:N), to also show what restore --compact writes: the chain's final state, each"
            + " key once.")
    String key;

    @Mixin
    AwsOptions aws;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (maxWcu != null && !(maxWcu > 0 && Double.isFinite(maxWcu))) {
            throw new UsageException("--max-wcu must be a positive number, got " + maxWcu);
        }
        List<ExportUri> exports = chain.exportUris();
        try (AwsClients clients = new AwsClients(aws, chain.workers)) {
            PitrRestorer restorer = chain.restorer(exports, clients, builder -> {
                builder.dryRun(true);
                if (exact) {
                    builder.listener(new ProgressPrinter(err, "read"));
                }
            });
            RestorePlan plan = restorer.plan();
            Map<String, Long> exactUnits = null;
            if (exact) {
                RestoreReport report = StopOnSignal.run(restorer, cli.done, err);
                exactUnits = new HashMap<>();
                for (RestoreReport.ExportReport e : report.exports()) {
                    exactUnits.put(e.exportArn(), e.writeCapacityUnits());
                }
            }
            print(plan, exactUnits, out);
            if (exact && key != null) {
                printCompacted(plan, CompactCommand.keySchema(key), out);
            } else if (exact) {
                out.println("Add --key NAME:TYPE[,NAME:TYPE] to see what restore --compact writes.");
            }
            out.flush();
            err.printf("pitr: plan: %d exports form a chain to the state of %s, nothing was written%n",
                    plan.steps().size(), plan.stateTime());
            return ExitCode.OK;
        }
    }

    /** Prints the plan table, the totals and the time at --max-wcu. */
    private void print(RestorePlan plan, Map<String, Long> exactUnits, PrintWriter out) {
        out.printf("Chain of %d export%s of %s, to the state of %s:%n", plan.steps().size(),
                plan.steps().size() == 1 ? "" : "s", plan.tableArn(), plan.stateTime());
        out.printf("  %-2s  %-11s  %-23s  %-47s  %10s  %6s  %12s%n", "#", "TYPE", "EXPORT ID", "WINDOW", "ITEMS",
                "FILES", exactUnits == null ? "WCU (min)" : "WCU");
        long totalUnits = 0;
        int n = 0;
        for (RestorePlan.Step step : plan.steps()) {
            ExportDescriptor e = step.export();
            long units = exactUnits == null ? e.itemCount() : exactUnits.getOrDefault(e.exportArn(), 0L);
            totalUnits += units;
            out.printf("  %-2d  %-11s  %-23s  %-47s  %,10d  %,6d  %,12d%n", ++n, Formats.type(e.type()), e.exportId(),
                    window(e.summary()), e.itemCount(), e.dataFiles().size(), units);
            out.printf("      %s%n", e.location());
        }
        for (RestorePlan.Seam seam : plan.seams()) {
            out.printf(seam.isGap() ? "Gap (allowed; writes there may be missing): %s%n"
                    : "Overlap (applied again, safe): %s%n", seam);
        }
        out.printf("Total: %,d items in %,d data files; %s %,d write capacity units%s.%n", plan.itemCount(),
                plan.fileCount(), exactUnits == null ? "at least" : "exactly", totalUnits,
                exactUnits == null ? " (1 per item; --exact reads the data for the exact figure)"
                        : " (puts by item size, deletes at 1)");
        if (maxWcu != null) {
            Duration time = Formats.timeAt(totalUnits, maxWcu);
            out.printf("At --max-wcu %s: %s %s of writing.%n", number(maxWcu), exactUnits == null ? "at least" : "about",
                    HumanDuration.format(time));
        } else {
            out.println("Add --max-wcu N to see how long the writing takes at N units per second.");
        }
    }

    /** What a compacted restore writes: each key of the final state once, read out of a state built for it. */
    private void printCompacted(RestorePlan plan, KeySchema schema, PrintWriter out) {
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), "pitr-state",
                "plan-" + plan.steps().get(0).export().exportId() + "-" + ProcessHandle.current().pid());
        long puts = 0;
        long deletes = 0;
        long units = 0;
        ChainState state = ChainState.builder().directory(dir).readerThreads(chain.workers).build();
        try {
            state.ingest(plan, schema);
            try (ChainState.StateCursor c = state.cursor()) {
                while (c.next()) {
                    Item item = c.item();
                    if (item != null) {
                        puts++;
                        units += WriteCapacity.unitsForItemBytes(item.sizeInBytes());
                    } else if (!plan.startsWithFull()) {
                        deletes++;
                        units++;
                    }
                }
            }
        } finally {
            state.closeAndDelete();
        }
        out.printf("Compacted (restore --compact): %,d puts, %,d deletes, exactly %,d write capacity units%s.%n", puts,
                deletes, units, plan.startsWithFull() ? " (onto an empty table: no delete is needed)" : "");
        if (maxWcu != null) {
            out.printf("At --max-wcu %s: about %s of writing.%n", number(maxWcu),
                    HumanDuration.format(Formats.timeAt(units, maxWcu)));
        }
    }

    private static String window(ExportSummary s) {
        return s.isFull() ? "as of " + s.exportTime() : s.exportFromTime() + " .. " + s.exportToTime();
    }

    private static String number(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
