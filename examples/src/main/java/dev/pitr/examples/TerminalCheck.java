package dev.pitr.examples;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Whether progress is drawn as a bar, and how wide: when stderr is a terminal, a bar redrawn in
 * place; otherwise (pipes, CI, log files) one line per progress interval, as before.
 *
 * <p>{@code PITR_PROGRESS=bar} or {@code lines} forces one; unset or {@code auto}, the bar is drawn
 * when stderr is a terminal and {@code TERM} is not {@code dumb}. Stderr itself is checked, not
 * {@link System#console()} (which on Java 17 says whether stdin and stdout are terminals), so
 * {@code pitr restore ... 2>restore.log} logs lines and {@code pitr restore ... >report.txt} still
 * shows the bar.
 */
final class TerminalCheck {
    /** The environment variable that chooses: {@code auto} (the default), {@code bar} or {@code lines}. */
    static final String PROGRESS_ENV = "PITR_PROGRESS";
    /** The width assumed when the terminal does not say (or a forced bar has no terminal). */
    static final int DEFAULT_COLUMNS = 80;
    /** Narrower than this, the terminal's answer is not believed (a pseudo-terminal may say 0). */
    private static final int MIN_COLUMNS = 20;

    private TerminalCheck() {
    }

    /**
     * The width of the bar to draw, or empty to print progress lines.
     *
     * @param env           the environment ({@code PITR_PROGRESS}, {@code TERM}, {@code COLUMNS})
     * @param stderrColumns the width of the terminal stderr goes to, empty when it is not a terminal
     * @throws UsageException when {@code PITR_PROGRESS} is none of auto, bar, lines
     */
    static OptionalInt barColumns(Map<String, String> env, Supplier<OptionalInt> stderrColumns) {
        String setting = env.getOrDefault(PROGRESS_ENV, "").strip().toLowerCase(Locale.ROOT);
        switch (setting) {
            case "lines":
                return OptionalInt.empty();
            case "bar":
                return OptionalInt.of(believable(stderrColumns.get()).orElse(columnsFrom(env)));
            case "":
            case "auto":
                if ("dumb".equals(env.get("TERM"))) {
                    return OptionalInt.empty();
                }
                OptionalInt columns = stderrColumns.get();
                return columns.isPresent() ? OptionalInt.of(believable(columns).orElse(columnsFrom(env))) : columns;
            default:
                throw new UsageException(PROGRESS_ENV + " must be auto, bar or lines, got '" + env.get(PROGRESS_ENV) + "'");
        }
    }

    /**
     * The width of the terminal stderr goes to, or empty when stderr is not a terminal. Asks
     * {@code sh -c '[ -t 2 ] && stty size <&2'}, the POSIX test of that very descriptor, in a child
     * process that shares this one's stderr; where there is no {@code sh} (Windows) it is empty:
     * {@code PITR_PROGRESS=bar} turns the bar on there.
     */
    static OptionalInt stderrColumns() {
        try {
            Process sh = new ProcessBuilder("sh", "-c", "[ -t 2 ] && stty size <&2")
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            sh.getOutputStream().close();
            String answer;
            try (InputStream in = sh.getInputStream()) {
                answer = new String(in.readNBytes(64), StandardCharsets.US_ASCII).strip();
            }
            if (!sh.waitFor(5, TimeUnit.SECONDS)) {
                sh.destroyForcibly();
                return OptionalInt.empty();
            }
            if (sh.exitValue() != 0) {
                return OptionalInt.empty();
            }
            // "rows columns"; a terminal that cannot say its size is still a terminal
            String[] rowsColumns = answer.split("\\s+");
            return OptionalInt.of(rowsColumns.length == 2 ? parse(rowsColumns[1]) : 0);
        } catch (IOException e) {
            return OptionalInt.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalInt.empty();
        }
    }

    private static OptionalInt believable(OptionalInt columns) {
        return columns.isPresent() && columns.getAsInt() >= MIN_COLUMNS ? columns : OptionalInt.empty();
    }

    private static int columnsFrom(Map<String, String> env) {
        int columns = parse(env.getOrDefault("COLUMNS", ""));
        return columns >= MIN_COLUMNS ? columns : DEFAULT_COLUMNS;
    }

    private static int parse(String number) {
        try {
            return Integer.parseInt(number.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
