package dev.pitr.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.TypeConversionException;

class ConvertersTest {
    private final Converters.TimeConverter time = new Converters.TimeConverter();
    private final Converters.DurationConverter duration = new Converters.DurationConverter();

    @Test
    void time_utcAndOffsetForms_areTheSameInstant() {
        assertThat(time.convert("2026-01-14T10:30:00Z")).isEqualTo(Instant.parse("2026-01-14T10:30:00Z"));
        assertThat(time.convert("2026-01-14T11:30:00+01:00")).isEqualTo(Instant.parse("2026-01-14T10:30:00Z"));
        assertThat(time.convert("2026-01-14T10:30:00.250Z")).isEqualTo(Instant.parse("2026-01-14T10:30:00.250Z"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-01-14T10:30:00", "2026-01-14", "yesterday"})
    void time_withoutAZone_isRefusedWithTheExpectedForm(String text) {
        assertThatThrownBy(() -> time.convert(text))
                .isInstanceOf(TypeConversionException.class)
                .hasMessageContaining("2026-01-14T10:30:00Z");
    }

    @ParameterizedTest
    @CsvSource({"500ms, PT0.5S", "10s, PT10S", "2m, PT2M", "1h, PT1H", "PT15S, PT15S", "3S, PT3S"})
    void duration_shortAndIsoForms(String text, String iso) {
        assertThat(duration.convert(text)).isEqualTo(Duration.parse(iso));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0s", "-1s", "ten seconds", "5"})
    void duration_zeroNegativeOrUnitless_isRefused(String text) {
        assertThatThrownBy(() -> duration.convert(text)).isInstanceOf(TypeConversionException.class);
    }
}
