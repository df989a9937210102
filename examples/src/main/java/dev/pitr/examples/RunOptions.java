package dev.pitr.examples;

import dev.pitr.PitrRestorer;
import dev.pitr.PitrRestorerBuilder;
import dev.pitr.RestoreReport;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Option;

/** What restore and validate share about a run: its progress lines, its report and where the report goes. */
final class RunOptions {
    /** How often a progress bar hears from the restorer. */
    private static final Duration BAR_INTERVAL = Duration.ofSeconds(1);

    @Option(names = "--report", paramLabel = "PATH|s3://...",
            description = "Write the report JSON to this file or S3 object.")
    String report;

    @Option(names = "--progress-interval", paramLabel = "DURATION", defaultValue = "10s",
            converter = Converters.DurationConverter.class,
            description = "Print a progress line on stderr this often (default: ${DEFAULT-VALUE}); in a terminal,"
                    + " where progress is a bar, the bar moves at least every second.")
    Duration progressInterval;

    private ReportTarget reportTarget;

    /**
     * Checks {@code --report} before anything runs, so a typo does not surface after hours of writing.
     *
     * @throws UsageException when it names no file or object
     */
    void check() {
        reportTarget = report == null ? null : ReportTarget.parse(report);
    }

    /**
     * Prints progress on {@code err} every {@code --progress-interval}, or every second at most
     * when it is a bar; {@code verb} ends each export's line.
     */
    PitrRestorerBuilder printProgress(PitrRestorerBuilder builder, PrintWriter err, String verb) {
        ProgressPrinter printer = new ProgressPrinter(err, verb);
        Duration interval = printer.drawsBar() && progressInterval.compareTo(BAR_INTERVAL) > 0 ? BAR_INTERVAL
                : progressInterval;
        return builder.listener(printer).progressInterval(interval);
    }

    /**
     * Runs {@code restorer} (Ctrl-C and SIGTERM stop it with a checkpoint saved), prints its report
     * on {@code out} and writes it to {@code --report}.
     *
     * @param commandDone counted down once the command has printed its last line
     */
    RestoreReport run(PitrRestorer restorer, CountDownLatch commandDone, PrintWriter out, PrintWriter err,
                      AwsClients clients) {
        RestoreReport result = StopOnSignal.run(restorer, commandDone, err);
        Formats.report(result, out);
        out.flush();
        if (reportTarget != null) {
            reportTarget.write(result.toJson().getBytes(StandardCharsets.UTF_8), clients);
        }
        return result;
    }
}
