package dev.pitr.examples;

import dev.pitr.RestoreReport;
import dev.pitr.manifest.ExportType;
import java.io.PrintWriter;
import java.time.Duration;

/** How the commands write types, durations and reports for people. */
final class Formats {
    private Formats() {
    }

    /** {@code FULL} or {@code INCREMENTAL}. */
    static String type(ExportType type) {
        return type == ExportType.FULL_EXPORT ? "FULL" : "INCREMENTAL";
    }

    /** {@code 850ms}, {@code 12.3s}, {@code 4m05s}, {@code 2h07m}, {@code 3d04h}. */
    static String duration(Duration d) {
        long millis = d.toMillis();
        if (millis < 1000) {
            return millis + "ms";
        }
        long s = d.toSeconds();
        if (s < 60) {
            return String.format("%.1fs", millis / 1000.0);
        }
        if (s < 3600) {
            return String.format("%dm%02ds", s / 60, s % 60);
        }
        if (s < 86_400) {
            return String.format("%dh%02dm", s / 3600, (s % 3600) / 60);
        }
        return String.format("%dd%02dh", s / 86_400, (s % 86_400) / 3600);
    }

    /**
     * One line: status, restore id, operations, files verified, bytes read, the sink's retries and
     * throttles, and the duration.
     */
    static String summary(RestoreReport r) {
        return String.format("%s %s: %,d puts, %,d deletes, %,d skipped, %,d files verified, %.1f MB read, %,d retries,"
                        + " %,d throttles in %s", r.status(), r.restoreId(), r.puts(), r.deletes(), r.skipped(),
                r.checksumsVerified(), r.compressedBytes() / 1e6, r.sink().retries(), r.sink().throttles(),
                duration(r.duration()));
    }

    /** The time {@code units} write capacity units take at {@code unitsPerSecond}. */
    static Duration timeAt(long units, double unitsPerSecond) {
        return Duration.ofMillis((long) Math.ceil(units * 1000.0 / unitsPerSecond));
    }

    /** The report's summary line, then one line per export of this run. */
    static void report(RestoreReport report, PrintWriter out) {
        out.println(summary(report));
        int n = 0;
        for (RestoreReport.ExportReport e : report.exports()) {
            n++;
            out.printf("  %d. %-11s %s  %,9d puts %,9d deletes %,7d skipped %,5d files verified%s  %s%n", n,
                    type(e.type()), e.exportId(), e.puts(), e.deletes(), e.skipped(), e.checksumsVerified(),
                    e.filesAlreadyDone() > 0 || e.linesResumedPast() > 0
                            ? String.format(" (resumed past %d files, %d lines)", e.filesAlreadyDone(), e.linesResumedPast())
                            : "",
                    duration(e.duration()));
        }
    }
}
