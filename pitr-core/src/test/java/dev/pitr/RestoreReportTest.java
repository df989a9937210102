package dev.pitr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pitr.manifest.ExportType;
import dev.pitr.write.SinkStats;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RestoreReportTest {
    private static RestoreReport report(Duration took) {
        RestoreReport.ExportReport export = new RestoreReport.ExportReport("arn:e1", "01-a", ExportType.FULL_EXPORT,
                "exports/01-a", 4, 0, 0, 1_200, 30, 0, 1_300_000, 5_000_000, 4, 0, took);
        return new RestoreReport("restore-01-a", RestoreReport.Status.COMPLETED, "arn:t", Instant.EPOCH, Instant.EPOCH,
                took, List.of(export), new SinkStats(1_200, 30, 50, 2, 0, 0, 0, 0, 0, 1_230));
    }

    @Test
    void summary_writesTheDurationForPeople() {
        assertThat(report(Duration.ofMillis(7_150)).summary()).isEqualTo("COMPLETED restore-01-a: 1,200 puts, 30 deletes,"
                + " 0 skipped, 4 files verified, 1.3 MB read, 2 retries, 0 throttles in 7.2 s");
        assertThat(report(Duration.ofSeconds(185)).summary()).endsWith(" in 3 min 05 s").doesNotContain("PT");
        assertThat(report(Duration.ofMinutes(62)).summary()).endsWith(" in 1 h 02 min");
    }
}
