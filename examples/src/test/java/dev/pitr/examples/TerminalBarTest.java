package dev.pitr.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pitr.RestoreProgress;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The bar as drawn on a terminal, with the library's own drawing thread, read back from the bytes. */
class TerminalBarTest {
    private static final String ERASE = "\r\033[K";

    private final ByteArrayOutputStream terminal = new ByteArrayOutputStream();

    @Test
    void bar_showsPercentItemsElapsedEtaAndRate_withinTheWidth() throws Exception {
        StderrWriter err = stderr(StandardCharsets.UTF_8, 100);
        TerminalBar bar = err.openBar(1385);
        bar.export("1/3");
        bar.update(new RestoreProgress(776, 900, 1385, 1, 12, 254, Duration.ofSeconds(3)));

        String last = lastDrawn(await(s -> consistent(s, "776/1385 items", " 56% ", "254 items/s")), "776/1385 items");
        assertThat(last).matches("pitr  56% \\|█+[ ▏▎▍▌▋▊▉]? *\\|  776/1385 items \\(0:00:0\\d / 0:00:03\\)"
                + " 254 items/s, export 1/3");
        assertThat(last.length()).as("the width, less room for an echoed ^C").isEqualTo(97);
        err.closeBar();
    }

    @Test
    void beforeAnyAcknowledgement_theEtaIsAQuestionMark() throws Exception {
        StderrWriter err = stderr(StandardCharsets.UTF_8, 100);
        TerminalBar bar = err.openBar(1385);
        bar.export("1/3");
        bar.update(new RestoreProgress(0, 50, 1385, 0, 12, 0, null));

        String last = lastDrawn(await(s -> s.contains("items/s, export 1/3")), "items/s");
        assertThat(last).containsPattern("    0/1385 items \\(0:00:0\\d / \\?\\) 0 items/s, export 1/3$");
        err.closeBar();
    }

    @Test
    void linesPrintedMeanwhile_stayAboveTheBar_andClosingErasesIt() throws Exception {
        StderrWriter err = stderr(StandardCharsets.UTF_8, 80);
        TerminalBar bar = err.openBar(10);
        bar.export("1/1");
        await(s -> s.contains("0/10 items"));
        err.println("pitr: export 1/1 applied: 10 puts");
        bar.complete();
        err.closeBar();
        err.println("pitr: restore completed");

        String screen = terminal.toString(StandardCharsets.UTF_8);
        assertThat(screen).contains(ERASE + "pitr: export 1/1 applied: 10 puts" + System.lineSeparator());
        String[] drawn = screen.split(Pattern.quote(ERASE));
        assertThat(drawn[drawn.length - 1]).isEqualTo("pitr: restore completed" + System.lineSeparator());
        assertThat(drawn[drawn.length - 2]).matches("pitr 100% \\|█+\\| 10/10 items \\(0:00:0\\d / 0:00:00\\) export 1/1");
    }

    @Test
    void aTerminalWithoutUnicode_getsAnAsciiBar() throws Exception {
        StderrWriter err = stderr(StandardCharsets.US_ASCII, 80);
        TerminalBar bar = err.openBar(100);
        bar.update(new RestoreProgress(50, 50, 100, 1, 2, 10, Duration.ofSeconds(5)));

        String screen = await(s -> consistent(s, "50/100 items", " 50% ", "10 items/s"));
        assertThat(lastDrawn(screen, "50/100 items"))
                .matches("pitr  50% \\[=+>? *\\]  50/100 items \\(0:00:0\\d / 0:00:05\\) 10 items/s");
        err.closeBar();
    }

    @Test
    void noBar_whenProgressGoesAsLines() {
        StatusLine line = new StatusLine(terminal, StandardCharsets.UTF_8);
        StderrWriter err = new StderrWriter(new PrintStream(line, true, StandardCharsets.UTF_8), line,
                OptionalInt::empty);

        assertThat(err.drawsBar()).isFalse();
        assertThat(err.openBar(100)).isNull();
    }

    private StderrWriter stderr(Charset charset, int columns) {
        StatusLine line = new StatusLine(terminal, charset);
        return new StderrWriter(new PrintStream(line, true, charset), line, () -> OptionalInt.of(columns));
    }

    /** The last whole drawing of the bar that contains {@code text}. */
    /**
     * Whether the last frame with {@code text} also shows {@code also}: the library draws on its own
     * thread and may draw one frame with the count moved but not yet the percentage or the rate.
     */
    private static boolean consistent(String screen, String text, String... also) {
        if (!screen.contains(text)) {
            return false;
        }
        String frame = lastDrawn(screen, text);
        return java.util.Arrays.stream(also).allMatch(frame::contains);
    }

    private static String lastDrawn(String screen, String text) {
        String[] drawn = screen.split(Pattern.quote(ERASE));
        for (int i = drawn.length - 1; i >= 0; i--) {
            if (drawn[i].contains(text)) {
                return drawn[i];
            }
        }
        throw new AssertionError("No drawing with " + text + " in:\n" + screen);
    }

    /** What the terminal received, once it satisfies {@code drawn} (the bar is drawn by its own thread). */
    private String await(Predicate<String> drawn) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            String screen;
            synchronized (terminal) {
                screen = terminal.toString(StandardCharsets.UTF_8);
            }
            if (drawn.test(screen)) {
                return screen;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("The bar was not drawn as expected within 10 s; the terminal got:\n" + screen);
            }
            Thread.sleep(20);
        }
    }
}
