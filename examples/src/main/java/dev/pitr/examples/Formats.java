package dev.pitr.examples;

import dev.pitr.internal.HumanDuration;
import dev.pitr.RestoreReport;
import dev.pitr.manifest.ExportType;
import java.io.PrintWriter;
import java.time.Duration;

/** How the commands write types and reports for people (durations: {@link HumanDuration}). */
final class Formats {
    private Formats() {
    }

    /** {@code FULL} or {@code INCREMENTAL}. */
    static String type(ExportType type) {
        return type == ExportType.FULL_EXPORT ? "FULL" : "INCREMENTAL";
    }

    /** The time {@code units} write capacity units take at {@code unitsPerSecond}. */
    static Duration timeAt(long units, double unitsPerSecond) {
        return Duration.ofMillis((long) Math.ceil(units * 1000.0 / unitsPerSecond));
    }

    /** The report's {@linkplain RestoreReport#summary() summary} line, then one line per export of this run. */
    static void report(RestoreReport report, PrintWriter out) {
        out.println(report.summary());
        int n = 0;
        for (RestoreReport.ExportReport e : report.exports()) {
            n++;
            out.printf("  %d. %-11s %s  %,9d puts %,9d deletes %,7d skipped %,5d files verified%s  %s%n", n,
                    type(e.type()), e.exportId(), e.puts(), e.deletes(), e.skipped(), e.checksumsVerified(),
                    e.filesAlreadyDone() > 0 || e.linesResumedPast() > 0
                            ? String.format(" (resumed past %d files, %d lines)", e.filesAlreadyDone(), e.linesResumedPast())
                            : "",
                    HumanDuration.format(e.duration()));
        }
        RestoreReport.Compaction c = report.compaction();
        if (c != null) {
            out.printf("  chain: %,d records; final state: %,d keys (%.1f MB on disk, built in %s)%n", c.chainRecords(),
                    c.keys(), c.stateBytes() / 1e6, HumanDuration.format(c.ingest()));
            out.printf("  written: %,d puts, %,d deletes (%,d deletes not needed) in %s: %.0f%% fewer writes than the"
                    + " chain%n", c.puts(), c.deletes(), c.deletesNotNeeded(), HumanDuration.format(c.write()),
                    100 * c.savedFraction());
        }
    }
}
