package dev.pitr.revert;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * What a revert did. Its counts cover every run of the revert (a resumed run adds to what the
 * runs before it saved). {@link #summary()} is the one line the command prints; {@link #toJson()}
 * is for files and dashboards.
 *
 * @param revertId      the id its checkpoints are saved under ({@code null} in a dry run)
 * @param status        how the run ended
 * @param table         the table (its target name)
 * @param tableName     the table's name, for the summary line
 * @param windowStart   the start of the window reverted (the first export's {@code exportFromTime})
 * @param windowEnd     its end (the last export's {@code exportToTime})
 * @param exports       exports of the window
 * @param records       records of the window's exports
 * @param keys          keys the window changed
 * @param counts        what was done to them
 * @param forced        whether targets were written without a condition ({@code --force})
 * @param readCapacity  read capacity units used reading current items (this run)
 * @param writeCapacity write capacity units used, conditions that failed included (this run)
 * @param startedAt     when this run started
 * @param duration      how long this run took
 */
public record RevertReport(@Nullable String revertId, Status status, String table, String tableName, Instant windowStart,
                           Instant windowEnd, int exports, long records, long keys, Counts counts, boolean forced,
                           double readCapacity, double writeCapacity, Instant startedAt, Duration duration) {

    /** How a revert run ended. */
    public enum Status {
        /** Every key of the window is decided. */
        COMPLETED,
        /** The checkpoint said so already; nothing was done. */
        ALREADY_COMPLETE,
        /** Read and decided, nothing written: the counts say what a revert would do. */
        DRY_RUN
    }

    /**
     * What was done to the window's keys (in a dry run: what would be).
     *
     * @param restored  items put back to their state at the window's start
     * @param deleted   items deleted: the window created them
     * @param unchanged keys left as they are: the window left them as it found them, or they hold
     *                  their state at the window's start already (a rerun, or a revert by hand)
     * @param conflicts keys left alone: their item changed since the window
     * @param notSelected keys the window changed that the key list did not name
     */
    public record Counts(long restored, long deleted, long unchanged, long conflicts, long notSelected) {
        /** No counts. */
        public static final Counts ZERO = new Counts(0, 0, 0, 0, 0);

        /** These counts plus {@code o}. */
        public Counts plus(Counts o) {
            return new Counts(restored + o.restored, deleted + o.deleted, unchanged + o.unchanged,
                    conflicts + o.conflicts, notSelected + o.notSelected);
        }
    }

    /** The one line a command prints: {@code revert <table>: N restored, N deleted, N unchanged, conflicts N}. */
    public String summary() {
        String what = String.format(Locale.ROOT, "%d restored, %d deleted, %d unchanged, conflicts %d",
                counts.restored(), counts.deleted(), counts.unchanged(), counts.conflicts());
        return "revert " + tableName + (status == Status.DRY_RUN ? " (dry run, nothing written)" : "") + ": " + what
                + (counts.notSelected() > 0 ? ", not in the key list " + counts.notSelected() : "");
    }

    /** The report as JSON (UTF-8 text). */
    public String toJson() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = new JsonFactory().createGenerator(out, JsonEncoding.UTF8)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeStringField("revertId", revertId);
            g.writeStringField("status", status.name());
            g.writeStringField("table", table);
            g.writeStringField("windowStart", windowStart.toString());
            g.writeStringField("windowEnd", windowEnd.toString());
            g.writeNumberField("exports", exports);
            g.writeNumberField("records", records);
            g.writeNumberField("keys", keys);
            g.writeNumberField("restored", counts.restored());
            g.writeNumberField("deleted", counts.deleted());
            g.writeNumberField("unchanged", counts.unchanged());
            g.writeNumberField("conflicts", counts.conflicts());
            g.writeNumberField("notSelected", counts.notSelected());
            g.writeBooleanField("forced", forced);
            g.writeNumberField("readCapacityUnits", readCapacity);
            g.writeNumberField("writeCapacityUnits", writeCapacity);
            g.writeStringField("startedAt", startedAt.toString());
            g.writeNumberField("durationMillis", duration.toMillis());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
