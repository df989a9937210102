package dev.pitr.internal;

import java.time.Duration;
import java.util.Locale;

/**
 * Durations written for people, as reports, progress lines and logs show them: {@code 850 ms},
 * {@code 7.2 s}, {@code 3 min 05 s}, {@code 1 h 02 min}, {@code 3 d 04 h}. Two units at the most,
 * the smaller one cut (not rounded); the same in every locale.
 */
public final class HumanDuration {
    private HumanDuration() {
    }

    /**
     * {@code d} for people; a negative duration is written as zero.
     *
     * @throws NullPointerException when {@code d} is null
     */
    public static String format(Duration d) {
        long millis = d.isNegative() ? 0 : d.toMillis();
        if (millis < 1000) {
            return millis + " ms";
        }
        long tenths = (millis + 50) / 100;
        if (tenths < 600) {
            return String.format(Locale.ROOT, "%d.%d s", tenths / 10, tenths % 10);
        }
        long s = Math.max(60, millis / 1000); // 59.96 s is 60.0 s rounded: one minute
        if (s < 3600) {
            return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
        }
        if (s < 86_400) {
            return String.format(Locale.ROOT, "%d h %02d min", s / 3600, (s % 3600) / 60);
        }
        return String.format(Locale.ROOT, "%d d %02d h", s / 86_400, (s % 86_400) / 3600);
    }
}
