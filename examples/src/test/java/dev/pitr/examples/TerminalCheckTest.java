package dev.pitr.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class TerminalCheckTest {
    private static final Supplier<OptionalInt> TERMINAL_120 = () -> OptionalInt.of(120);
    private static final Supplier<OptionalInt> NOT_A_TERMINAL = OptionalInt::empty;

    @Test
    void auto_isABarOfTheTerminalsWidth_whenStderrIsATerminal() {
        assertThat(TerminalCheck.barColumns(Map.of(), TERMINAL_120)).hasValue(120);
        assertThat(TerminalCheck.barColumns(Map.of("PITR_PROGRESS", "auto"), TERMINAL_120)).hasValue(120);
    }

    @Test
    void auto_isLines_whenStderrIsNotATerminal() {
        assertThat(TerminalCheck.barColumns(Map.of(), NOT_A_TERMINAL)).isEmpty();
    }

    @Test
    void auto_isLines_onADumbTerminal_withoutAskingIt() {
        AtomicInteger asked = new AtomicInteger();
        Supplier<OptionalInt> terminal = () -> {
            asked.incrementAndGet();
            return OptionalInt.of(120);
        };

        assertThat(TerminalCheck.barColumns(Map.of("TERM", "dumb"), terminal)).isEmpty();
        assertThat(asked).hasValue(0);
    }

    @Test
    void auto_onATerminalThatCannotSayItsWidth_usesColumnsOr80() {
        Supplier<OptionalInt> noSize = () -> OptionalInt.of(0);

        assertThat(TerminalCheck.barColumns(Map.of(), noSize)).hasValue(80);
        assertThat(TerminalCheck.barColumns(Map.of("COLUMNS", "132"), noSize)).hasValue(132);
    }

    @Test
    void settings_forceLinesOrBar_whateverStderrIs() {
        assertThat(TerminalCheck.barColumns(Map.of("PITR_PROGRESS", "lines"), TERMINAL_120)).isEmpty();
        assertThat(TerminalCheck.barColumns(Map.of("PITR_PROGRESS", "BAR"), NOT_A_TERMINAL)).hasValue(80);
        assertThat(TerminalCheck.barColumns(Map.of("PITR_PROGRESS", "bar", "COLUMNS", "100"), NOT_A_TERMINAL))
                .hasValue(100);
        assertThat(TerminalCheck.barColumns(Map.of("PITR_PROGRESS", "bar", "TERM", "dumb"), TERMINAL_120))
                .hasValue(120);
    }

    @Test
    void anotherSetting_isABadArgument_namingIt() {
        assertThatThrownBy(() -> TerminalCheck.barColumns(Map.of("PITR_PROGRESS", "fancy"), TERMINAL_120))
                .isInstanceOf(UsageException.class)
                .hasMessage("PITR_PROGRESS must be auto, bar or lines, got 'fancy'");
    }

    @Test
    void stderrColumns_underTheBuild_isEmpty_becauseStderrIsAPipeOrAFile() {
        // surefire gives the test JVM pipes: the probe must say "not a terminal", not guess
        assertThat(TerminalCheck.stderrColumns()).isEmpty();
    }
}
