package dev.pitr;

import dev.pitr.checkpoint.CheckpointCodec;
import dev.pitr.checkpoint.CheckpointPolicy;
import dev.pitr.checkpoint.CheckpointStore;
import dev.pitr.decode.DecodeOptions;
import dev.pitr.internal.Check;
import dev.pitr.internal.CheckpointSession;
import dev.pitr.internal.RestoreRun;
import dev.pitr.plan.RestorePlan;
import dev.pitr.source.ExportSource;
import dev.pitr.write.ItemSink;
import dev.pitr.write.Ticker;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Builds a {@link PitrRestorer} (see {@link PitrRestorer#builder()}); every setter checks its value at once. */
public final class PitrRestorerBuilder {
    private final List<ExportSource> sources = new ArrayList<>();
    private ItemSink sink;
    private CheckpointStore store;
    private String restoreId;
    private int readerThreads = 4;
    private CheckpointPolicy checkpointPolicy = CheckpointPolicy.defaults();
    private Duration leaseTimeout = Duration.ofSeconds(60);
    private boolean takeOver;
    private boolean waitForLease = true;
    private Instant until;
    private boolean allowGaps;
    private boolean allowNonEmptyTarget;
    private boolean dryRun;
    private boolean compact;
    private Path stateDirectory;
    private DecodeOptions decodeOptions = DecodeOptions.defaults();
    private MeterRegistry meterRegistry;
    private RestoreListener listener = RestoreListener.none();
    private Duration progressInterval = Duration.ofSeconds(30);
    private Clock clock = Clock.systemUTC();
    private Ticker ticker = Ticker.system();

    PitrRestorerBuilder() {
    }

    /** Adds an export of the chain. Exports may be added in any order: the chain is ordered by time. */
    public PitrRestorerBuilder export(ExportSource source) {
        sources.add(Objects.requireNonNull(source, "source"));
        return this;
    }

    /** Adds exports of the chain, in any order. */
    public PitrRestorerBuilder exports(List<? extends ExportSource> list) {
        list.forEach(this::export);
        return this;
    }

    /** Where operations go, for example pitr-dynamodb's {@code DynamoDbItemSink}. Never closed by the restorer. */
    public PitrRestorerBuilder sink(ItemSink sink) {
        this.sink = Objects.requireNonNull(sink, "sink");
        return this;
    }

    /**
     * Where checkpoints are kept, so that running the restore again resumes it: required outside a
     * dry run ({@code FileCheckpointStore}, pitr-s3's and pitr-dynamodb's stores, or
     * {@code new InMemoryCheckpointStore()} for a run that need not survive its JVM).
     */
    public PitrRestorerBuilder checkpointStore(CheckpointStore store) {
        this.store = Objects.requireNonNull(store, "checkpointStore");
        return this;
    }

    /** The restore id checkpoints are saved under. Default: {@link PitrRestorer#defaultRestoreId(RestorePlan, String)}. */
    public PitrRestorerBuilder restoreId(String restoreId) {
        this.restoreId = CheckpointCodec.checkRestoreId(restoreId);
        return this;
    }

    /** Data files read in parallel inside one export. Default 4. */
    public PitrRestorerBuilder readerThreads(int n) {
        this.readerThreads = Check.inRange("readerThreads", n, 1, 256);
        return this;
    }

    /**
     * When progress is saved between the saves at each export's end. Default
     * {@link CheckpointPolicy#defaults()}: every 50,000 operations or 10 s. The lease is renewed
     * every third of {@link #leaseTimeout} whatever the policy.
     */
    public PitrRestorerBuilder checkpointPolicy(CheckpointPolicy policy) {
        this.checkpointPolicy = Objects.requireNonNull(policy, "checkpointPolicy");
        return this;
    }

    /**
     * How long a run keeps the restore id after its last save. A run that finds the id held waits
     * this long at most after the holder's last save, and takes over at once when the holder ran
     * on this host and its process is gone. Default 60 s.
     */
    public PitrRestorerBuilder leaseTimeout(Duration d) {
        this.leaseTimeout = Check.positive("leaseTimeout", d);
        return this;
    }

    /** Take the restore id over at once from a run that still holds its lease. Default false. */
    public PitrRestorerBuilder takeOver(boolean takeOver) {
        this.takeOver = takeOver;
        return this;
    }

    /**
     * Whether to wait for a held lease to lapse (true, the default) or fail at once with
     * {@link dev.pitr.checkpoint.CheckpointConflictException}. A holder that saves again while
     * this run waits is alive, and the run fails then.
     */
    public PitrRestorerBuilder waitForLease(boolean wait) {
        this.waitForLease = wait;
        return this;
    }

    /** Apply only the part of the chain that ends at {@code time} (an export boundary). */
    public PitrRestorerBuilder until(Instant time) {
        this.until = Objects.requireNonNull(time, "until");
        return this;
    }

    /** Overlapping windows are always accepted (applying them in order of end time is safe); kept for old callers. */
    @Deprecated
    public PitrRestorerBuilder allowOverlap(boolean allow) {
        return this;
    }

    /**
     * Apply a chain with gaps (writes no export holds) anyway; the plan, the log and the report
     * name each gap. Default false: a gap is refused with its length and the remedies.
     */
    public PitrRestorerBuilder allowGaps(boolean allow) {
        this.allowGaps = allow;
        return this;
    }

    /**
     * Apply a chain that starts with a FULL export to a target that already holds items; items the
     * chain does not hold stay, and the report says so. Default false: such a target is refused
     * before anything is written.
     */
    public PitrRestorerBuilder allowNonEmptyTarget(boolean allow) {
        this.allowNonEmptyTarget = allow;
        return this;
    }

    /**
     * Compact the chain first: build each key's final state out of core (RocksDB, see
     * {@link dev.pitr.state.ChainState}), then write every key once, a put of its last item, and a
     * delete only where the key may exist in the target (none for a chain that starts with a FULL
     * export onto an empty table). A key changed in 30 windows costs one write instead of 31.
     * Resumable like a plain restore; the report's {@code compaction} says what the chain would
     * have cost. Default false.
     */
    public PitrRestorerBuilder compact(boolean compact) {
        this.compact = compact;
        return this;
    }

    /**
     * Where a compacted restore keeps the chain's state (disk near the chain's compressed size).
     * Default: {@code <java.io.tmpdir>/pitr-state/<restore id>}. Kept when a run stops, so the next
     * one resumes; removed once the restore completes.
     */
    public PitrRestorerBuilder stateDirectory(Path directory) {
        this.stateDirectory = Objects.requireNonNull(directory, "stateDirectory");
        return this;
    }

    /** Read and check everything (checksums, counts, decoding, the chain, keys against the sink's table) and write nothing. */
    public PitrRestorerBuilder dryRun(boolean dryRun) {
        this.dryRun = dryRun;
        return this;
    }

    /** How data files are read (line limit, checksum verification). */
    public PitrRestorerBuilder decodeOptions(DecodeOptions options) {
        this.decodeOptions = Objects.requireNonNull(options, "decodeOptions");
        return this;
    }

    /** Where {@code pitr.restore.*} meters go. Default: a registry of its own for each restorer built. */
    public PitrRestorerBuilder meterRegistry(MeterRegistry registry) {
        this.meterRegistry = Objects.requireNonNull(registry, "meterRegistry");
        return this;
    }

    /** Hears exports and files finish, progress, lease waits and checkpoints. */
    public PitrRestorerBuilder listener(RestoreListener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
        return this;
    }

    /** How often progress is logged at INFO and given to the listener. Default 30 s. */
    public PitrRestorerBuilder progressInterval(Duration d) {
        this.progressInterval = Check.positive("progressInterval", d);
        return this;
    }

    /** The clock checkpoint and lease times come from. Default: the system clock in UTC. */
    public PitrRestorerBuilder clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    /** The ticker that paces saves and progress. Default {@link Ticker#system()}. */
    public PitrRestorerBuilder ticker(Ticker ticker) {
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        return this;
    }

    /** @throws IllegalStateException when no export, no sink or no checkpoint store is set outside a dry run */
    public PitrRestorer build() {
        if (sources.isEmpty()) {
            throw new IllegalStateException("no export: add at least one with export(...)");
        }
        if (sink == null && !dryRun) {
            throw new IllegalStateException("no sink: set where operations go with sink(...), or dryRun(true)");
        }
        if (store == null && !dryRun) {
            throw new IllegalStateException("no checkpoint store: set checkpointStore(...) so a rerun resumes"
                    + " (FileCheckpointStore.in(dir), or new InMemoryCheckpointStore() for a run that need not)");
        }
        RestoreSettings settings = new RestoreSettings(sources, sink, store, restoreId, until, allowGaps,
                allowNonEmptyTarget, dryRun, compact, stateDirectory, listener, clock,
                new CheckpointSession.Lease(leaseTimeout, takeOver, waitForLease),
                new RestoreRun.Settings(readerThreads, decodeOptions, checkpointPolicy, leaseTimeout.dividedBy(3),
                        progressInterval, ticker));
        // A registry of its own for each restorer built, never kept on the builder: two restorers
        // built from one builder would otherwise share (and add up) their meters.
        return new PitrRestorer(settings, meterRegistry != null ? meterRegistry : new SimpleMeterRegistry());
    }
}
