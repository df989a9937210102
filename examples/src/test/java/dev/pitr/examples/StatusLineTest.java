package dev.pitr.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StatusLineTest {
    private static final String ERASE = "\r\033[K";

    private final ByteArrayOutputStream terminal = new ByteArrayOutputStream();
    private final StatusLine line = new StatusLine(terminal, StandardCharsets.UTF_8);
    private final PrintStream stderr = new PrintStream(line, true, StandardCharsets.UTF_8);

    @Test
    void linesPrintedWhileAStatusIsShown_goAboveIt_andTheStatusIsDrawnAgainBelow() {
        stderr.println("pitr: export 1/3 starts");
        line.show("[==  ] 50%");
        stderr.println("WARN throttled");
        line.show("[=== ] 75%");
        line.hide();
        stderr.println("pitr: failed: why");

        assertThat(screen()).isEqualTo("pitr: export 1/3 starts\n"
                + "[==  ] 50%" + ERASE + "WARN throttled\n"
                + "[==  ] 50%" + ERASE + "[=== ] 75%" + ERASE
                + "pitr: failed: why\n");
    }

    @Test
    void aStatus_waitsWhileALineIsUnfinished() {
        stderr.print("3. Restoring ...");
        stderr.flush();
        line.show("[=   ] 25%");
        stderr.println(" done");

        assertThat(screen()).isEqualTo("3. Restoring ... done\n[=   ] 25%");
    }

    @Test
    void hide_withNothingShown_writesNothing() {
        stderr.println("one line");
        line.hide();

        assertThat(screen()).isEqualTo("one line\n");
    }

    private String screen() {
        return terminal.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
    }
}
