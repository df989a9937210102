package dev.pitr.examples;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Converters for command-line values picocli does not read the way people write them. */
final class Converters {
    private Converters() {
    }

    /**
     * A time with its zone: {@code 2026-01-14T10:30:00Z} or {@code 2026-01-14T11:30:00+01:00}.
     * A time without a zone is refused rather than guessed.
     */
    static final class TimeConverter implements ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            String v = value.trim();
            try {
                return Instant.parse(v);
            } catch (DateTimeParseException e) {
                try {
                    return OffsetDateTime.parse(v).toInstant();
                } catch (DateTimeParseException e2) {
                    throw new TypeConversionException("'" + value + "' is not a time with a zone; write it as"
                            + " 2026-01-14T10:30:00Z (UTC) or 2026-01-14T11:30:00+01:00");
                }
            }
        }
    }

    /** A duration: {@code 500ms}, {@code 10s}, {@code 2m}, {@code 1h}, or ISO-8601 {@code PT10S}. */
    static final class DurationConverter implements ITypeConverter<Duration> {
        private static final Pattern SIMPLE = Pattern.compile("(\\d{1,9})(ms|s|m|h)");

        @Override
        public Duration convert(String value) {
            String v = value.trim().toLowerCase(Locale.ROOT);
            Matcher m = SIMPLE.matcher(v);
            Duration d;
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                d = switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    default -> Duration.ofHours(n);
                };
            } else {
                try {
                    d = Duration.parse(value.trim());
                } catch (DateTimeParseException e) {
                    throw new TypeConversionException("'" + value + "' is not a duration; write 500ms, 10s, 2m or 1h");
                }
            }
            if (d.isNegative() || d.isZero()) {
                throw new TypeConversionException("'" + value + "' is not a positive duration");
            }
            return d;
        }
    }
}
