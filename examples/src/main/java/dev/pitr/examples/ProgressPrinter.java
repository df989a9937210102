package dev.pitr.examples;

import dev.pitr.internal.HumanDuration;
import dev.pitr.RestoreListener;
import dev.pitr.RestoreProgress;
import dev.pitr.RestoreReport;
import dev.pitr.manifest.ExportDescriptor;
import dev.pitr.plan.RestorePlan;
import java.time.Instant;
import java.io.PrintWriter;

/**
 * Prints a restore's progress on stderr, one line per event: the plan, each export's start and
 * end, and a periodic line with items applied and read, rate and time left. When stderr is a
 * terminal ({@link StderrWriter#drawsBar()}) the periodic lines give way to one bar below the
 * others, with the same figures, erased once the chain is applied.
 */
final class ProgressPrinter implements RestoreListener {
    private final PrintWriter err;
    private final String verb;
    private final StderrWriter console;
    private volatile int index;
    private volatile int count;
    private volatile long chainItems;
    private volatile TerminalBar bar;

    /**
     * @param err  where lines go
     * @param verb what is done to an export, for the end-of-export line ("applied", "checked")
     * @throws UsageException when {@code PITR_PROGRESS} holds none of its values
     */
    ProgressPrinter(PrintWriter err, String verb) {
        this.err = err;
        this.verb = verb;
        this.console = err instanceof StderrWriter stderr && stderr.drawsBar() ? stderr : null;
    }

    /** Whether progress is a bar, refreshed every {@link TerminalBar#REFRESH}, rather than lines. */
    boolean drawsBar() {
        return console != null;
    }

    @Override
    public void planned(RestorePlan plan) {
        chainItems = plan.itemCount();
        err.printf("pitr: chain of %d export%s of %s: %,d items in %,d files, to the state of %s%n",
                plan.steps().size(), plan.steps().size() == 1 ? "" : "s", plan.tableArn(), plan.itemCount(),
                plan.fileCount(), plan.stateTime());
        printSeams(plan, err);
    }

    /** One line for each overlap and gap of the chain, a gap as a warning. */
    static void printSeams(RestorePlan plan, PrintWriter err) {
        for (RestorePlan.Seam seam : plan.seams()) {
            err.printf(seam.isGap() ? "pitr: WARNING: the chain has a %s: writes there may be missing%n"
                    : "pitr: the chain has an %s, applied again (safe)%n", seam);
        }
    }

    @Override
    public void waitingForLease(String holder, Instant since, Instant until) {
        err.printf("pitr: the restore is held by %s, which last saved at %s; waiting until %s for its lease to lapse"
                + " (Ctrl-C aborts; --no-wait fails at once)%n", holder, since, until);
        err.flush();
    }

    @Override
    public void exportStarted(ExportDescriptor export, int index, int count) {
        this.index = index + 1;
        this.count = count;
        err.printf("pitr: export %d/%d starts: %s %s, %,d items in %,d files%n", index + 1, count,
                Formats.type(export.type()), export.exportId(), export.itemCount(), export.dataFiles().size());
        if (console != null) {
            if (bar == null) {
                bar = console.openBar(chainItems);
            }
            bar.export(this.index + "/" + count);
        }
    }

    @Override
    public void progress(RestoreProgress progress) {
        TerminalBar shown = bar;
        if (shown != null) {
            shown.update(progress);
        } else {
            err.printf("pitr: export %d/%d: %s%n", index, count, progress);
        }
    }

    @Override
    public void exportFinished(RestoreReport.ExportReport report) {
        err.printf("pitr: export %d/%d %s: %,d puts, %,d deletes, %,d skipped, %d files verified in %s%n", index,
                count, verb, report.puts(), report.deletes(), report.skipped(), report.checksumsVerified(),
                HumanDuration.format(report.duration()));
        TerminalBar shown = bar;
        if (shown != null && index == count) {
            shown.complete();
            console.closeBar();
            bar = null;
        }
    }
}
