package dev.pitr;

import org.jspecify.annotations.Nullable;
import dev.pitr.checkpoint.CheckpointCodec;
import dev.pitr.checkpoint.CheckpointConflictException;
import dev.pitr.internal.CheckpointSession;
import dev.pitr.internal.CheckpointSession.Start;
import dev.pitr.internal.CompactRun;
import dev.pitr.internal.DryRunSink;
import dev.pitr.internal.LeaseOwner;
import dev.pitr.internal.RestoreMetrics;
import dev.pitr.internal.RestoreRun;
import dev.pitr.manifest.ManifestReader;
import dev.pitr.model.KeySchema;
import dev.pitr.plan.ChainPlanner;
import dev.pitr.plan.RestorePlan;
import dev.pitr.plan.RestorePlan.Step;
import dev.pitr.write.ItemSink;
import dev.pitr.write.SinkStats;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a chain of DynamoDB exports to a table: one FULL export then INCREMENTAL exports, or
 * incrementals alone onto a table that already holds the earlier state.
 *
 * <pre>{@code
 * RestoreReport report = PitrRestorer.builder()
 *         .export(LocalExportSource.of(Path.of("exports/AWSDynamoDB/01715685260608-c488b4e1")))
 *         .export(S3ExportSource.builder().client(s3).exportUri("s3://b/AWSDynamoDB/01715689000000-1f2e3d4c/").build())
 *         .sink(DynamoDbItemSink.builder().client(dynamo).tableName("orders").build())
 *         .checkpointStore(FileCheckpointStore.in(Path.of("checkpoints")))
 *         .build()
 *         .run();
 * }</pre>
 *
 * <p>How a run goes: {@link #plan()} reads every manifest and orders the chain ({@link ChainPlanner});
 * the sink is opened and names its {@linkplain ItemSink#target() target}; a {@link CheckpointSession}
 * claims the restore id; a {@link RestoreRun} applies the exports in order, each through an
 * {@code ExportApplier} that reads its files in parallel and hands each operation to the sink;
 * the session saves progress as the {@link dev.pitr.checkpoint.CheckpointPolicy CheckpointPolicy} says and releases the lease at the end.
 * Running the same restore again resumes where the last run stopped, after a crash too.
 */
public final class PitrRestorer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PitrRestorer.class);
    /** The longest restore id every checkpoint store takes (see {@link CheckpointCodec#checkRestoreId}). */
    private static final int MAX_RESTORE_ID = 128;

    private final RestoreSettings settings;
    private final MeterRegistry meterRegistry;
    private final RestoreMetrics metrics;
    private final AtomicBoolean ran = new AtomicBoolean();
    private volatile boolean closeRequested;
    private volatile CheckpointSession session;

    PitrRestorer(RestoreSettings settings, MeterRegistry meterRegistry) {
        this.settings = settings;
        this.meterRegistry = meterRegistry;
        this.metrics = new RestoreMetrics(meterRegistry);
    }

    /** A builder; {@link PitrRestorerBuilder#sink}, {@link PitrRestorerBuilder#checkpointStore} and one export are required. */
    public static PitrRestorerBuilder builder() {
        return new PitrRestorerBuilder();
    }

    /** The registry this restorer's meters are in: the builder's, or one of its own. */
    MeterRegistry meterRegistry() {
        return meterRegistry;
    }

    /**
     * Reads every export's manifests and validates the chain, writing nothing.
     *
     * @throws dev.pitr.plan.ChainException when the exports do not form a chain
     */
    public RestorePlan plan() {
        List<Step> steps = settings.sources().stream().map(s -> new Step(s, ManifestReader.read(s))).toList();
        return new ChainPlanner().allowGaps(settings.allowGaps()).until(settings.until()).plan(steps);
    }

    /**
     * The restore id used when none is set, the same in the library and the command line:
     * {@code restore-<id of the chain's first export>-to-<target name>-<hash of the target>}, or
     * {@code restore-<id of the chain's first export>} when the sink names no target.
     *
     * <p>The target name is the part of the target after its last {@code /} or {@code :} (a table
     * ARN gives the table name), with every character other than {@code A-Z a-z 0-9 . _ -}
     * replaced by {@code _}; the hash (8 hex digits of a CRC-32 of the whole target) tells apart
     * tables of one name in other accounts, regions or endpoints. When the id would pass 128
     * characters, the name is cut. The result is a valid restore id for every store.
     *
     * @param target the sink's {@link ItemSink#target()}, or {@code null}
     */
    public static String defaultRestoreId(RestorePlan plan, @Nullable String target) {
        String base = "restore-" + plan.steps().get(0).export().exportId();
        if (target == null || target.isBlank()) {
            return base;
        }
        String name = target.substring(Math.max(target.lastIndexOf('/'), target.lastIndexOf(':')) + 1);
        String safe = (name.isEmpty() ? "target" : name).replaceAll("[^A-Za-z0-9._-]", "_");
        CRC32 crc = new CRC32();
        crc.update(target.getBytes(StandardCharsets.UTF_8));
        String tag = String.format("-%08x", crc.getValue());
        String prefix = base + "-to-";
        int room = MAX_RESTORE_ID - prefix.length() - tag.length();
        return CheckpointCodec.checkRestoreId(prefix + safe.substring(0, Math.min(safe.length(), room)) + tag);
    }

    /**
     * Applies the chain (or, in a dry run, reads and checks it) and returns what was done.
     * Blocks until done; {@link #close()} from another thread or an interrupt stops it with a
     * checkpoint saved, and it throws {@link RestoreStoppedException}.
     *
     * @throws dev.pitr.plan.ChainException when the exports do not form a chain (nothing written)
     * @throws TargetNotEmptyException      when a chain that starts with a FULL export meets a
     *                                      target that holds items, unless allowed (nothing written)
     * @throws CheckpointConflictException  when the checkpoint is another chain's or target's, or
     *                                      another live restorer holds the restore id
     * @throws PitrException                for bad input, a failed write, and other failures;
     *                                      the checkpoint saved lets a later run resume
     */
    public RestoreReport run() {
        if (ran.getAndSet(true)) {
            throw new IllegalStateException("run() may be called once; build another PitrRestorer to run again");
        }
        Instant started = settings.clock().instant();
        RestorePlan plan = plan();
        settings.listener().planned(plan);
        metrics.itemsTotal.set(plan.itemCount());
        metrics.filesTotal.set(plan.fileCount());
        plan.gaps().forEach(g -> LOG.warn("pitr restore: the chain has a {}: writes there may be missing", g));
        if (settings.dryRun()) {
            DryRunSink check = new DryRunSink(settings.sink());
            check.open();
            String id = settings.restoreId() != null ? settings.restoreId() : defaultRestoreId(plan, null);
            List<RestoreReport.ExportReport> reports = newRun(id, plan, null, check).applyAll();
            return report(id, RestoreReport.Status.DRY_RUN, plan, started, reports, SinkStats.EMPTY, false);
        }
        ItemSink sink = settings.sink();
        KeySchema schema = sink.open();
        String target = sink.target();
        String id = settings.restoreId() != null ? settings.restoreId() : settings.compact()
                ? "compact-" + defaultRestoreId(plan, target).substring("restore-".length())
                : defaultRestoreId(plan, target);
        LOG.info("pitr restore {}: {} exports of {} ({} files, {} items) into {}, to the state of {}", id,
                plan.steps().size(), plan.tableArn(), plan.fileCount(), plan.itemCount(), target, plan.stateTime());
        CheckpointSession s = new CheckpointSession(settings.store(), id, LeaseOwner.thisProcess(), settings.lease(),
                settings.clock(), metrics, settings.listener());
        session = s;
        List<String> chain = settings.compact() ? CompactRun.chain(plan) : plan.fingerprint();
        Start start = s.claim(plan, chain, target, () -> targetHasItems(plan, sink), () -> closeRequested);
        if (start == Start.COMPLETE) {
            s.release(chain.size(), Map.of());
            return report(id, RestoreReport.Status.ALREADY_COMPLETE, plan, started, List.of(), SinkStats.EMPTY,
                    s.checkpoint().targetHadItems());
        }
        SinkStats before = sink.stats();
        List<RestoreReport.ExportReport> reports = List.of();
        RestoreReport.Compaction compaction = null;
        try {
            if (settings.compact()) {
                compaction = new CompactRun(id, plan, s, sink, schema, stateDirectory(id), settings.run(), metrics,
                        settings.listener(), () -> closeRequested).run();
            } else {
                reports = newRun(id, plan, s, sink).applyAll();
            }
            s.release(chain.size(), Map.of());
        } catch (RuntimeException e) {
            s.releaseAfterFailure(e);
            throw e;
        }
        RestoreReport report = new RestoreReport(id, RestoreReport.Status.COMPLETED, plan.tableArn(), plan.stateTime(),
                started, Duration.between(started, settings.clock().instant()), reports, sink.stats().minus(before),
                plan.gaps(), s.checkpoint().targetHadItems(), compaction);
        LOG.info("pitr restore {}: {}", id, report.summary());
        return report;
    }

    /** Where a compacted restore keeps its chain state: as set, or under the system temp folder, by restore id. */
    private Path stateDirectory(String id) {
        return settings.stateDirectory() != null ? settings.stateDirectory()
                : Path.of(System.getProperty("java.io.tmpdir"), "pitr-state", id);
    }

    private RestoreRun newRun(String id, RestorePlan plan, CheckpointSession s, ItemSink sink) {
        return new RestoreRun(id, plan, s, sink, s == null, settings.run(), metrics, settings.listener(),
                () -> closeRequested);
    }

    /** For a fresh restore of a chain that starts with a FULL export: whether the target holds items. */
    private boolean targetHasItems(RestorePlan plan, ItemSink sink) {
        if (!plan.startsWithFull()) {
            return false; // incrementals go onto a table that holds the earlier state
        }
        String name = sink.target() == null ? "the target" : "target " + sink.target();
        Boolean holds = sink.holdsItems().orElse(null);
        if (holds == null) {
            LOG.warn("pitr restore: the sink cannot tell whether {} holds items; if it does, those the FULL export"
                    + " lacks stay", name);
            return false;
        }
        if (holds && !settings.allowNonEmptyTarget()) {
            throw TargetNotEmptyException.ofFullExport(Character.toUpperCase(name.charAt(0)) + name.substring(1),
                    plan.steps().get(0).export().exportId(), plan.stateTime(),
                    "--allow-nonempty, or allowNonEmptyTarget(true)", "");
        }
        if (holds) {
            LOG.warn("pitr restore: {} already holds items; those the chain does not hold stay as they are", name);
        }
        return holds;
    }

    private RestoreReport report(String id, RestoreReport.Status status, RestorePlan plan, Instant started,
                                 List<RestoreReport.ExportReport> reports, SinkStats sink, boolean targetHadItems) {
        return new RestoreReport(id, status, plan.tableArn(), plan.stateTime(), started,
                Duration.between(started, settings.clock().instant()), reports, sink, plan.gaps(), targetHadItems, null);
    }

    /**
     * Stops a running {@link #run()} cleanly: readers stop, the acknowledged progress is saved,
     * and {@code run()} throws {@link RestoreStoppedException}. A run waiting for another run's
     * lease stops waiting. Does not close the sink or the sources, which belong to the caller.
     */
    @Override
    public void close() {
        closeRequested = true;
        CheckpointSession s = session;
        if (s != null) {
            s.wakeUp();
        }
    }
}
