package dev.pitr.examples;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.OptionalInt;
import java.util.function.Supplier;

/**
 * The pitr process's stderr: lines of text and, when {@link TerminalCheck} says so, a progress bar
 * kept below them on a {@link StatusLine}. Commands print to it as to any {@link PrintWriter};
 * {@link ProgressPrinter} asks it for a bar. Anything else is progress as lines, as before.
 */
final class StderrWriter extends PrintWriter {
    private static StderrWriter system;

    private final StatusLine line;
    private final Supplier<OptionalInt> barColumns;
    private OptionalInt columns;
    private TerminalBar bar;

    /**
     * @param stream     a stream over {@code line}, which this writer prints to
     * @param barColumns the width of the bar, or empty for lines; asked once, when a bar is first wanted
     */
    StderrWriter(PrintStream stream, StatusLine line, Supplier<OptionalInt> barColumns) {
        super(stream, true);
        this.line = line;
        this.barColumns = barColumns;
    }

    /**
     * The process's stderr with a status line under it: {@link System#err} is replaced by a stream
     * over the status line too, so logback's lines scroll above the bar like the commands' own.
     * The bar's width comes from {@link TerminalCheck} over the environment, once.
     */
    static synchronized StderrWriter system() {
        if (system == null) {
            String encoding = System.getProperty("sun.stderr.encoding");
            Charset charset = encoding != null ? Charset.forName(encoding) : Charset.defaultCharset();
            StatusLine line = new StatusLine(System.err, charset);
            PrintStream stream = new PrintStream(line, true, charset);
            System.setErr(stream);
            system = new StderrWriter(stream, line,
                    () -> TerminalCheck.barColumns(System.getenv(), TerminalCheck::stderrColumns));
        }
        return system;
    }

    /**
     * Whether progress is drawn as a bar here.
     *
     * @throws UsageException when {@code PITR_PROGRESS} holds none of its values
     */
    synchronized boolean drawsBar() {
        if (columns == null) {
            columns = barColumns.get();
        }
        return columns.isPresent();
    }

    /**
     * Starts a bar of {@code total} items below the text, closing the one shown, or returns
     * {@code null} when progress goes as lines.
     */
    synchronized TerminalBar openBar(long total) {
        if (!drawsBar()) {
            return null;
        }
        closeBar();
        bar = TerminalBar.open(line, columns.getAsInt(), total);
        return bar;
    }

    /** Erases the bar, if one is shown, so the last line printed is the last line on screen. */
    synchronized void closeBar() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
