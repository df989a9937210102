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
import org.jspecify.annotations.Nullable;

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
 * @param compaction for a compacted restore, what the chain's state was and what was written;
 *                   {@code null} for a plain one (then {@code exports} says what was applied)
 */
public record RestoreReport(String restoreId, Status status, String tableArn, Instant stateTime, Instant startedAt,
                            Duration duration, List<ExportReport> exports, SinkStats sink,
                            List<RestorePlan.Seam> gaps, boolean targetHadItems, @Nullable Compaction compaction) {

    /**
     * What a compacted restore did: the chain's final state written once per key.
     *
     * @param chainRecords     records of the chain's exports, what a plain restore would write
     * @param keys             keys in the chain's final state (items and deletes)
     * @param puts             puts written (one per live key)
     * @param deletes          deletes written (keys the chain deleted that may exist in the target)
     * @param deletesNotNeeded deleted keys not written: a chain that starts with a FULL export onto an
     *                         empty table never had them
     * @param skipped          operations the sink's failure policy set aside
     * @param stateBytes       the state's size on disk once built
     * @param ingest           the time it took to build the state (this run)
     * @param write            the time it took to write it
     */
    public record Compaction(long chainRecords, long keys, long puts, long deletes, long deletesNotNeeded,
                             long skipped, long stateBytes, Duration ingest, Duration write) {
        /** Writes saved against a plain restore, as a fraction of the chain's records. */
        public double savedFraction() {
            return chainRecords == 0 ? 0 : 1.0 - (double) (puts + deletes) / chainRecords;
        }
    }

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
        this(restoreId, status, tableArn, stateTime, startedAt, duration, exports, sink, List.of(), false, null);
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

    /** Puts written: over all exports, or of the compacted state. */
    public long puts() {
        return compaction != null ? compaction.puts() : sum(ExportReport::puts);
    }

    /** Deletes written: over all exports, or of the compacted state. */
    public long deletes() {
        return compaction != null ? compaction.deletes() : sum(ExportReport::deletes);
    }

    /** Operations set aside by the failure policy. */
    public long skipped() {
        return compaction != null ? compaction.skipped() : sum(ExportReport::skipped);
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
                HumanDuration.format(duration)) + (compaction == null ? "" : String.format(Locale.ROOT,
                "; compacted: the chain's %,d records written as %,d writes (%.0f%% fewer)", compaction.chainRecords(),
                compaction.puts() + compaction.deletes(), 100 * compaction.savedFraction()))
                + (isExactState() ? "" : "; not exactly the state of " + stateTime + ": " + String.join("; ", caveats()));
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
            dev.pitr.internal.ReportJson.gaps(g, gaps);
            if (compaction != null) {
                g.writeObjectFieldStart("compaction");
                g.writeNumberField("chainRecords", compaction.chainRecords());
                g.writeNumberField("keys", compaction.keys());
                g.writeNumberField("puts", compaction.puts());
                g.writeNumberField("deletes", compaction.deletes());
                g.writeNumberField("deletesNotNeeded", compaction.deletesNotNeeded());
                g.writeNumberField("skipped", compaction.skipped());
                g.writeNumberField("stateBytes", compaction.stateBytes());
                g.writeNumberField("ingestMillis", compaction.ingest().toMillis());
                g.writeNumberField("writeMillis", compaction.write().toMillis());
                g.writeEndObject();
            }
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
