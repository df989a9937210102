package dev.pitr.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HumanDurationTest {
    @ParameterizedTest
    @CsvSource({
        "PT0S, 0 ms",
        "PT0.85S, 850 ms",
        "PT1S, 1.0 s",
        "PT7.15S, 7.2 s",
        "PT59.94S, 59.9 s",
        "PT59.96S, 1 min 00 s",
        "PT3M5S, 3 min 05 s",
        "PT59M59.9S, 59 min 59 s",
        "PT1H2M30S, 1 h 02 min",
        "PT23H59M, 23 h 59 min",
        "PT76H, 3 d 04 h",
        "PT-5S, 0 ms",
    })
    void format_writesAtMostTwoUnitsForPeople(String iso, String expected) {
        assertThat(HumanDuration.format(Duration.parse(iso))).isEqualTo(expected);
    }
}
