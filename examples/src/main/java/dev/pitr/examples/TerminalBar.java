package dev.pitr.examples;

import dev.pitr.RestoreProgress;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * The restore's progress as a bar on a {@link StatusLine}, drawn by {@code me.tongfei:progressbar}:
 * <pre>
 * pitr  56% |████████████▎         |  776/1385 items (0:00:03 / 0:00:03) 254 items/s, export 1/3
 * </pre>
 * percent, items applied of the chain's total, time elapsed / time left (the restorer's ETA,
 * {@code ?} until writes are acknowledged), the applied rate and the export being applied. A
 * terminal whose character set lacks the block characters gets {@code [=====>    ]}.
 *
 * <p>The library only renders: it is given its own output (never its default, which builds a
 * JLine system terminal and, with JLine's default native signals, takes SIGINT from the JVM so
 * Ctrl-C would skip the shutdown hook that saves the checkpoint).
 */
final class TerminalBar implements AutoCloseable {
    /** How often the bar is drawn again (the elapsed time ticks even between progress reports). */
    static final Duration REFRESH = Duration.ofMillis(500);

    private final ProgressBar bar;
    private volatile Duration eta;
    private volatile String rate = "";
    private volatile String export = "";
    private volatile boolean closed;

    private TerminalBar(StatusLine line, int columns, long total) {
        boolean unicode = line.charset().newEncoder().canEncode("█▏▎▍▌▋▊▉");
        this.bar = new ProgressBarBuilder()
                .setTaskName("pitr")
                .setInitialMax(total)
                .setUnit(" items", 1)
                .setStyle(unicode ? ProgressBarStyle.UNICODE_BLOCK : ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis((int) REFRESH.toMillis())
                .continuousUpdate()
                .setEtaFunction(state -> Optional.ofNullable(eta))
                .clearDisplayOnFinish()
                .setConsumer(new OnStatusLine(line, columns))
                .build();
    }

    /**
     * Starts drawing a bar of {@code total} items on {@code line}.
     *
     * @param columns the terminal's width
     */
    static TerminalBar open(StatusLine line, int columns, long total) {
        return new TerminalBar(line, columns, total);
    }

    /** Says which export is applied, as {@code 1/3}. */
    void export(String which) {
        export = "export " + which;
        bar.setExtraMessage(message());
    }

    /** Moves the bar to {@code progress}. */
    void update(RestoreProgress progress) {
        // the figures first, so no drawing shows the new count with the old rate
        eta = progress.eta();
        rate = String.format(Locale.ROOT, "%.0f items/s", progress.itemsPerSecond());
        bar.setExtraMessage(message());
        bar.maxHint(progress.itemsTotal());
        bar.stepTo(progress.itemsDone());
    }

    /** Fills the bar: the chain is applied. */
    void complete() {
        eta = Duration.ZERO;
        bar.stepTo(bar.getMax());
    }

    private String message() {
        return rate.isEmpty() || export.isEmpty() ? rate + export : rate + ", " + export;
    }

    /** Draws the bar a last time and erases it; the lines printed meanwhile stay. Idempotent. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            bar.close();
        }
    }

    /** Where the library sends what it renders. */
    private static final class OnStatusLine implements ProgressBarConsumer {
        private static final int SPARE_COLUMNS = 3;

        private final StatusLine line;
        private final int columns;

        OnStatusLine(StatusLine line, int columns) {
            this.line = line;
            this.columns = columns;
        }

        @Override
        public int getMaxRenderedLength() {
            // Room for the "^C" the terminal echoes after the bar on Ctrl-C, and one column more
            // (writing the last column makes some terminals wrap): the bar stays on one line,
            // which the signal hook's line then replaces.
            return columns - SPARE_COLUMNS;
        }

        @Override
        public void accept(String rendered) {
            line.show(rendered);
        }

        @Override
        public void clear() {
            line.hide();
        }

        @Override
        public void close() {
            line.hide();
        }
    }
}
