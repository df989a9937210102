package dev.pitr.verify;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.pitr.plan.RestorePlan;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * What a verify found: the chain's state against the table, key by key. {@link #toJson()} gives
 * it as JSON for files and dashboards; {@link #summary()} is the one line the command prints.
 *
 * @param table          the table read (its target name: ARN, with the endpoint when overridden)
 * @param tableName      the table's name, for the summary line
 * @param stateTime      the time the chain's state is of
 * @param exports        exports in the chain
 * @param chainRecords   records of the chain's exports
 * @param gaps           the chain's gaps (applied as allowed): the state may lack writes made in them
 * @param sample         the fraction of keys checked (1 for all); a sample reads the chain's sampled keys
 *                       from the table by key, so an extra item is found only under a key the chain
 *                       holds or deleted
 * @param startedAt      when the verify started
 * @param duration       how long it took
 * @param counts         what the verify found
 * @param read           what reading the table read and cost (every pass)
 * @param stateFingerprint an order-independent 128-bit digest of the chain's state (every live key
 *                       and item, values as DynamoDB compares them), or {@code null} for a sample
 * @param tableFingerprint the same digest of the table: equal to {@code stateFingerprint} exactly when
 *                       the two hold the same items (but with a chance of 2<sup>-128</sup>)
 * @param repair         what a repair wrote and what the check after it found, or {@code null}
 */
public record VerifyReport(String table, String tableName, Instant stateTime, int exports, long chainRecords,
                           List<RestorePlan.Seam> gaps, double sample, Instant startedAt, Duration duration,
                           Counts counts, TableReader.ReadStats read, @Nullable String stateFingerprint,
                           @Nullable String tableFingerprint, @Nullable Repair repair) {

    public VerifyReport {
        gaps = List.copyOf(gaps);
    }

    /**
     * What one comparison found.
     *
     * @param checked   keys compared: those the chain's state or the table holds an item under
     * @param missing   keys with an item in the chain's state and none in the table
     * @param extra     keys with an item in the table and none in the chain's state
     * @param different keys whose items are not the same value
     */
    public record Counts(long checked, long missing, long extra, long different) {
        /** Whether the two sides hold the same items. */
        public boolean equal() {
            return missing == 0 && extra == 0 && different == 0;
        }

        /** Keys that differ. */
        public long differences() {
            return missing + extra + different;
        }
    }

    /**
     * What a repair did.
     *
     * @param puts    items put back (for missing and different keys)
     * @param deletes items deleted (extra keys)
     * @param skipped operations the sink's failure policy set aside
     * @param after   what the check after the repair found
     */
    public record Repair(long puts, long deletes, long skipped, Counts after) {
    }

    /** Whether the table holds the chain's state (after the repair, when there was one). */
    public boolean equal() {
        return repair != null ? repair.after().equal() : counts.equal();
    }

    /** The one line a command prints: {@code verify <table>: N items checked, missing N, extra N, different N}. */
    public String summary() {
        return line(counts, "");
    }

    /** The line for the check after a repair, or {@code null} without one. */
    public @Nullable String repairSummary() {
        return repair == null ? null : line(repair.after(), " after repair");
    }

    private String line(Counts c, String when) {
        return String.format(Locale.ROOT, "verify %s%s: %d items checked, missing %d, extra %d, different %d%s",
                tableName, when, c.checked(), c.missing(), c.extra(), c.different(),
                sample < 1 ? String.format(Locale.ROOT, " (a %s sample of the keys)", percent(sample)) : "");
    }

    private static String percent(double fraction) {
        return new java.math.BigDecimal(fraction * 100).round(new java.math.MathContext(3)).stripTrailingZeros()
                .toPlainString() + " %";
    }

    /** The report as JSON (UTF-8 text). */
    public String toJson() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = new JsonFactory().createGenerator(out, JsonEncoding.UTF8)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeStringField("table", table);
            g.writeStringField("stateTime", stateTime.toString());
            g.writeBooleanField("equal", equal());
            counts(g, "counts", counts);
            g.writeNumberField("sample", sample);
            g.writeNumberField("exports", exports);
            g.writeNumberField("chainRecords", chainRecords);
            dev.pitr.internal.ReportJson.gaps(g, gaps);
            if (stateFingerprint != null) {
                g.writeStringField("stateFingerprint", stateFingerprint);
            }
            if (tableFingerprint != null) {
                g.writeStringField("tableFingerprint", tableFingerprint);
            }
            g.writeObjectFieldStart("read");
            g.writeNumberField("items", read.items());
            g.writeNumberField("requests", read.requests());
            g.writeNumberField("capacityUnits", read.capacityUnits());
            g.writeNumberField("throttled", read.throttled());
            g.writeEndObject();
            if (repair != null) {
                g.writeObjectFieldStart("repair");
                g.writeNumberField("puts", repair.puts());
                g.writeNumberField("deletes", repair.deletes());
                g.writeNumberField("skipped", repair.skipped());
                counts(g, "after", repair.after());
                g.writeEndObject();
            }
            g.writeStringField("startedAt", startedAt.toString());
            g.writeNumberField("durationMillis", duration.toMillis());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static void counts(JsonGenerator g, String name, Counts c) throws IOException {
        g.writeObjectFieldStart(name);
        g.writeNumberField("checked", c.checked());
        g.writeNumberField("missing", c.missing());
        g.writeNumberField("extra", c.extra());
        g.writeNumberField("different", c.different());
        g.writeEndObject();
    }
}
