package dev.pitr;

import dev.pitr.internal.HumanDuration;
import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.pitr.manifest.ExportType;
import dev.pitr.plan.RestorePlan;
import dev.pitr.write.SinkStats;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToLongFunction;

/**
 * What a restore did: per export and in total, operations by type, bytes, checksums verified,
 * durations, and the sink's retries, throttles and skipped operations. {@link #toJson()} gives
 * it as JSON for files and dashboards.
 *
 * @param restoreId  the restore id (checkpoints are saved under it)
 * @param status     how the run ended
 * @param tableArn   the table the exports are of
 * @param stateTime  the time the table reflects once the chain is applied
 * @param startedAt  when this run started
 * @param duration   how long this run took
 * @param exports    one report per export of the chain, in order (this run's work only)
 * @param sink       the sink's counters for this run
 * @param gaps       the chain's gaps, applied as allowed: writes in them may be missing
 * @param targetHadItems whether the target held items when a chain that starts with a FULL export
 *                   began (applied as allowed): those the chain does not hold were left as they were
 */
public record RestoreReport(String restoreId, Status status, String tableArn, Instant stateTime, Instant startedAt,
                            Duration duration, List<ExportReport> exports, SinkStats sink,
                            List<RestorePlan.Seam> gaps, boolean targetHadItems) {

    /** How a run ended. */
    public enum Status {
        /** Every export was applied. */
        COMPLETED,
        /** The checkpoint said the chain was applied already; nothing was done. */
        ALREADY_COMPLETE,
        /** Everything was read and checked; nothing was written. */
        DRY_RUN
    }

    /**
     * One export's share of the run.
     *
     * @param filesAlreadyDone   files a checkpoint said were applied, not read again
     * @param linesResumedPast   lines a checkpoint said were applied, read for the checksum only
     * @param puts               puts applied (in a dry run: that would be applied)
     * @param deletes            deletes applied (in a dry run: that would be applied)
     * @param skipped            operations the sink's failure policy set aside
     * @param checksumsVerified  data files whose MD5 matched the manifest
     * @param writeCapacityUnits in a dry run, the write capacity the operations would consume;
     *                           otherwise 0 (see {@link SinkStats#consumedWriteCapacityUnits()})
     */
    public record ExportReport(String exportArn, String exportId, ExportType type, String location, int files,
                               int filesAlreadyDone, long linesResumedPast, long puts, long deletes, long skipped,
                               long compressedBytes, long uncompressedBytes, int checksumsVerified,
                               long writeCapacityUnits, Duration duration) {
    }

    public RestoreReport {
        exports = List.copyOf(exports);
        gaps = List.copyOf(gaps);
    }

    /** A report of a gapless chain onto a target that held nothing outside it. */
    public RestoreReport(String restoreId, Status status, String tableArn, Instant stateTime, Instant startedAt,
                         Duration duration, List<ExportReport> exports, SinkStats sink) {
        this(restoreId, status, tableArn, stateTime, startedAt, duration, exports, sink, List.of(), false);
    }

    /**
     * Whether the target holds exactly the chain's state at {@link #stateTime()} (as far as the
     * chain can say): no gap was applied over and no item outside the chain was kept.
     */
    public boolean isExactState() {
        return gaps.isEmpty() && !targetHadItems;
    }

    /** Why the target may not hold exactly the chain's state, one sentence each; empty when it does. */
    public List<String> caveats() {
        List<String> caveats = new ArrayList<>();
        for (RestorePlan.Seam g : gaps) {
            caveats.add("writes between " + g.reached() + " and " + g.from() + " (" + HumanDuration.format(g.length())
                    + ") are in no export of the chain and may be missing");
        }
        if (targetHadItems) {
            caveats.add("the table held items before the restore; those the chain does not hold were left as they were");
        }
        return caveats;
    }

    /** Puts over all exports. */
    public long puts() {
        return sum(ExportReport::puts);
    }

    /** Deletes over all exports. */
    public long deletes() {
        return sum(ExportReport::deletes);
    }

    /** Operations set aside by the failure policy over all exports. */
    public long skipped() {
        return sum(ExportReport::skipped);
    }

    /** Compressed bytes read over all exports. */
    public long compressedBytes() {
        return sum(ExportReport::compressedBytes);
    }

    /** Uncompressed bytes read over all exports. */
    public long uncompressedBytes() {
        return sum(ExportReport::uncompressedBytes);
    }

    /** Data files whose checksum was verified over all exports. */
    public long checksumsVerified() {
        return sum(ExportReport::checksumsVerified);
    }

    /** In a dry run, the write capacity units the chain would consume. */
    public long writeCapacityUnits() {
        return sum(ExportReport::writeCapacityUnits);
    }

    private long sum(ToLongFunction<ExportReport> f) {
        return exports.stream().mapToLong(f).sum();
    }

    /**
     * A one-line summary for people: status, restore id, operations, files verified, megabytes
     * read, the sink's retries and throttles, and the duration as {@link HumanDuration} writes it,
     * for example {@code COMPLETED restore-x: 1,200 puts, 30 deletes, 0 skipped, 16 files verified,
     * 1.3 MB read, 2 retries, 0 throttles in 7.2 s}.
     */
    public String summary() {
        return String.format(Locale.ROOT, "%s %s: %,d puts, %,d deletes, %,d skipped, %,d files verified, %.1f MB read,"
                        + " %,d retries, %,d throttles in %s", status, restoreId, puts(), deletes(), skipped(),
                checksumsVerified(), compressedBytes() / 1e6, sink.retries(), sink.throttles(),
                HumanDuration.format(duration)) + (isExactState() ? "" : "; not exactly the state of " + stateTime
                + ": " + String.join("; ", caveats()));
    }

    /** The report as pretty-printed JSON. */
    public String toJson() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = new JsonFactory().createGenerator(out, JsonEncoding.UTF8)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeStringField("restoreId", restoreId);
            g.writeStringField("status", status.name());
            g.writeStringField("tableArn", tableArn);
            g.writeStringField("stateTime", String.valueOf(stateTime));
            g.writeStringField("startedAt", String.valueOf(startedAt));
            g.writeNumberField("durationMillis", duration.toMillis());
            g.writeBooleanField("exactState", isExactState());
            g.writeBooleanField("targetHadItems", targetHadItems);
            g.writeArrayFieldStart("gaps");
            for (RestorePlan.Seam gap : gaps) {
                g.writeStartObject();
                g.writeStringField("from", gap.reached().toString());
                g.writeStringField("to", gap.from().toString());
                g.writeNumberField("millis", gap.length().toMillis());
                g.writeStringField("beforeExport", gap.next().exportId());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeObjectFieldStart("totals");
            g.writeNumberField("puts", puts());
            g.writeNumberField("deletes", deletes());
            g.writeNumberField("skipped", skipped());
            g.writeNumberField("compressedBytes", compressedBytes());
            g.writeNumberField("uncompressedBytes", uncompressedBytes());
            g.writeNumberField("checksumsVerified", checksumsVerified());
            g.writeNumberField("writeCapacityUnits", writeCapacityUnits());
            g.writeEndObject();
            g.writeObjectFieldStart("sink");
            g.writeNumberField("puts", sink.puts());
            g.writeNumberField("deletes", sink.deletes());
            g.writeNumberField("batches", sink.batches());
            g.writeNumberField("retries", sink.retries());
            g.writeNumberField("throttles", sink.throttles());
            g.writeNumberField("serverErrors", sink.serverErrors());
            g.writeNumberField("unprocessedResends", sink.unprocessedResends());
            g.writeNumberField("skipped", sink.skipped());
            g.writeNumberField("failed", sink.failed());
            g.writeNumberField("consumedWriteCapacityUnits", sink.consumedWriteCapacityUnits());
            g.writeEndObject();
            g.writeArrayFieldStart("exports");
            for (ExportReport e : exports) {
                g.writeStartObject();
                g.writeStringField("exportArn", e.exportArn());
                g.writeStringField("exportId", e.exportId());
                g.writeStringField("type", e.type().name());
                g.writeStringField("location", e.location());
                g.writeNumberField("files", e.files());
                g.writeNumberField("filesAlreadyDone", e.filesAlreadyDone());
                g.writeNumberField("linesResumedPast", e.linesResumedPast());
                g.writeNumberField("puts", e.puts());
                g.writeNumberField("deletes", e.deletes());
                g.writeNumberField("skipped", e.skipped());
                g.writeNumberField("compressedBytes", e.compressedBytes());
                g.writeNumberField("uncompressedBytes", e.uncompressedBytes());
                g.writeNumberField("checksumsVerified", e.checksumsVerified());
                g.writeNumberField("writeCapacityUnits", e.writeCapacityUnits());
                g.writeNumberField("durationMillis", e.duration().toMillis());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
