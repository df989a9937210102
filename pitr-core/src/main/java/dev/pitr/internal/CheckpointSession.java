package dev.pitr.internal;

import dev.pitr.RestoreListener;
import dev.pitr.RestoreStoppedException;
import dev.pitr.checkpoint.Checkpoint;
import dev.pitr.checkpoint.CheckpointConflictException;
import dev.pitr.checkpoint.CheckpointStore;
import dev.pitr.plan.RestorePlan;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run's hold on a restore id: it claims the checkpoint (waiting for the lease of a run that
 * stopped saving to lapse, or taking it over at once when that run's process is gone from this
 * host), saves progress conditionally on the version it last saved, and releases the lease when
 * the run ends.
 */
public final class CheckpointSession {
    private static final Logger LOG = LoggerFactory.getLogger(CheckpointSession.class);

    /** How a run claims a restore id that another run holds. */
    public record Lease(Duration timeout, boolean takeOver, boolean waitForLapse) {
    }

    /** What {@link #claim} found. */
    public enum Start {
        /** No checkpoint existed: the run starts from the beginning of the chain. */
        FRESH,
        /** A checkpoint existed and the run goes on from it. */
        RESUMED,
        /** The checkpoint says this chain is applied already. */
        COMPLETE
    }

    private final CheckpointStore store;
    private final String id;
    private final LeaseOwner self;
    private final Lease lease;
    private final Clock clock;
    private final RestoreMetrics metrics;
    private final RestoreListener listener;
    private final Object wakeUp = new Object();
    private String version;
    private Checkpoint checkpoint;

    public CheckpointSession(CheckpointStore store, String id, LeaseOwner self, Lease lease, Clock clock,
                             RestoreMetrics metrics, RestoreListener listener) {
        this.store = store;
        this.id = id;
        this.self = self;
        this.lease = lease;
        this.clock = clock;
        this.metrics = metrics;
        this.listener = listener;
    }

    /**
     * Claims the restore id for {@code plan} into {@code target}.
     *
     * @param chain          what the checkpoint is tied to: the plan's export ARNs, and a marker for a
     *                       compacted restore, whose progress is of another kind
     * @param targetHasItems asked only when no checkpoint exists yet, before the first one is saved:
     *                       whether the target holds items the chain does not account for
     *                       (it throws to refuse the target)
     * @param stop           whether the run was asked to stop (while waiting for a lease)
     * @throws CheckpointConflictException when the checkpoint is another chain's or target's, is
     *                                     past this plan, or is held by a live run
     */
    public Start claim(RestorePlan plan, List<String> chain, @Nullable String target, BooleanSupplier targetHasItems,
                       BooleanSupplier stop) {
        String seenVersion = null;
        while (true) {
            Optional<CheckpointStore.Versioned> loaded = store.load(id);
            if (loaded.isEmpty()) {
                boolean hadItems = targetHasItems.getAsBoolean();
                Checkpoint fresh = new Checkpoint(id, chain, target, 0, Map.of(), self.encode(), clock.instant(), hadItems);
                version = store.save(fresh, null);
                checkpoint = fresh;
                return Start.FRESH;
            }
            Checkpoint c = loaded.get().checkpoint();
            check(c, chain, target, plan);
            Instant now = clock.instant();
            Instant lapses = c.updatedAt().plus(lease.timeout());
            if (c.owner() != null && !lease.takeOver() && lapses.isAfter(now)) {
                LeaseOwner holder = LeaseOwner.parse(c.owner());
                if (holder.isGoneFromThisHost()) {
                    LOG.info("pitr restore {}: {} holds the lease but its process is gone; taking over", id,
                            holder.describe());
                } else if (!lease.waitForLapse() || (seenVersion != null && !seenVersion.equals(loaded.get().version()))) {
                    throw held(c, holder, lapses, seenVersion != null);
                } else {
                    if (seenVersion == null) {
                        LOG.info("pitr restore {}: held by {}, which last saved at {}; waiting until {} for its lease"
                                + " to lapse", id, holder.describe(), c.updatedAt(), lapses);
                        listener.waitingForLease(holder.describe(), c.updatedAt(), lapses);
                        seenVersion = loaded.get().version();
                    }
                    waitUntil(lapses, stop);
                    continue;
                }
            }
            if (c.target() != null && target != null && !c.target().equals(target)) {
                LOG.info("pitr restore {}: the checkpoint names the target as \"{}\" (saved by an earlier pitr); it is"
                        + " now recorded as \"{}\"", id, c.target(), target);
            }
            Checkpoint claimed = new Checkpoint(id, chain, target, c.exportIndex(), c.files(), self.encode(), now,
                    c.targetHadItems());
            version = store.save(claimed, loaded.get().version());
            checkpoint = claimed;
            if (claimed.exportIndex() >= chain.size()) {
                return Start.COMPLETE;
            }
            if (c.exportIndex() > 0 || c.hasFilesInProgress()) {
                LOG.info("pitr restore {}: resuming at export {}/{} with {} files in progress", id,
                        c.exportIndex() + 1, chain.size(), c.files().size());
            }
            return Start.RESUMED;
        }
    }

    /** Refuses a checkpoint that this plan and target cannot go on from. */
    private void check(Checkpoint c, List<String> chain, String target, RestorePlan plan) {
        if (!isPrefix(c.chain(), chain) && !isPrefix(chain, c.chain())) {
            throw new CheckpointConflictException("The checkpoint of restore \"" + id + "\" in " + store
                    + " belongs to another chain " + c.chain() + ", not " + chain + "; use another restore id for this"
                    + " chain");
        }
        if (c.target() != null && !sameTarget(c.target(), target)) {
            throw new CheckpointConflictException("The checkpoint of restore \"" + id + "\" in " + store
                    + " was saved for target \"" + c.target() + "\", not " + (target == null
                    ? "this sink, which names no target" : "\"" + target + "\"")
                    + ": resuming it would skip what it says is applied. Name the target as before, or use another"
                    + " restore id for this target");
        }
        if (c.exportIndex() > chain.size() || c.exportIndex() == chain.size() && c.hasFilesInProgress()) {
            throw new CheckpointConflictException("The checkpoint of restore \"" + id + "\" has applied "
                    + (c.exportIndex() > chain.size() ? c.exportIndex() + " exports" : "part of export "
                    + (c.exportIndex() + 1) + " (" + c.chain().get(c.exportIndex()) + ")") + ", past the "
                    + chain.size() + " of this chain (to " + plan.stateTime() + "): the table no longer holds the"
                    + " state of " + plan.stateTime() + ". Restore that time into an empty table with another restore"
                    + " id, or go on to the end of the chain without the until time");
        }
    }

    /**
     * Whether a recorded target names {@code target}: equal, or (checkpoints of earlier versions
     * recorded the table as the user gave it) the table name or ARN inside it.
     */
    static boolean sameTarget(String recorded, String target) {
        if (recorded.equals(target)) {
            return true;
        }
        if (target == null || recorded.contains("#")) {
            return false;
        }
        String arn = target.substring(target.indexOf('#') + 1);
        boolean same = recorded.equals(arn) || recorded.equals(arn.substring(arn.lastIndexOf('/') + 1));
        if (same) {
            LOG.warn("The checkpoint names its table only as \"{}\" (saved by an earlier pitr), which cannot tell"
                    + " tables of one name in other accounts, regions or endpoints apart: taken as {}", recorded, target);
        }
        return same;
    }

    private CheckpointConflictException held(Checkpoint c, LeaseOwner holder, Instant lapses, boolean savedAgain) {
        return new CheckpointConflictException("Restore \"" + id + "\" is held by another restorer (" + holder.describe()
                + ", which saved a checkpoint at " + c.updatedAt() + ")" + (savedAgain
                ? " that is still running: it saved again while this run waited"
                : ". If it is no longer running, wait until " + lapses + " or take over (takeOver(true), --take-over"
                + " on the command line)"));
    }

    private void waitUntil(Instant lapses, BooleanSupplier stop) {
        // Wake up often enough to see a release, a stop request or the holder saving again.
        long pollMillis = Math.max(50, Math.min(2_000, lease.timeout().toMillis() / 8));
        synchronized (wakeUp) {
            long left = Duration.between(clock.instant(), lapses).toMillis();
            try {
                if (left > 0 && !stop.getAsBoolean()) {
                    wakeUp.wait(Math.min(left + 1, pollMillis));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (stop.getAsBoolean() || Thread.currentThread().isInterrupted()) {
            throw new RestoreStoppedException("Restore " + id + " stopped while waiting for another run's lease;"
                    + " nothing was written");
        }
    }

    /** Wakes a run waiting for a lease, to see a stop request at once. */
    public void wakeUp() {
        synchronized (wakeUp) {
            wakeUp.notifyAll();
        }
    }

    /** The checkpoint as last claimed or saved. */
    public Checkpoint checkpoint() {
        return checkpoint;
    }

    public String id() {
        return id;
    }

    /** Saves progress, keeping the lease. */
    public void save(int exportIndex, Map<String, Checkpoint.FileProgress> files) {
        write(exportIndex, files, self.encode());
    }

    /** Saves progress and gives the lease up, so the next run need not wait for it. */
    public void release(int exportIndex, Map<String, Checkpoint.FileProgress> files) {
        write(exportIndex, files, null);
    }

    /**
     * Gives the lease up after a failure, keeping the last saved progress; a failure to do so is
     * added to {@code failure}. Call only once nothing feeds the sink any more.
     */
    public void releaseAfterFailure(RuntimeException failure) {
        if (checkpoint == null || checkpoint.owner() == null || failure instanceof CheckpointConflictException) {
            return; // never claimed, released already, or the lease is someone else's now
        }
        try {
            release(checkpoint.exportIndex(), checkpoint.files());
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    private void write(int exportIndex, Map<String, Checkpoint.FileProgress> files, String owner) {
        Checkpoint next = checkpoint.advance(exportIndex, files, owner, clock.instant());
        version = store.save(next, version);
        checkpoint = next;
        metrics.checkpoints.increment();
        listener.checkpointSaved(next);
    }

    private static boolean isPrefix(List<String> prefix, List<String> of) {
        return prefix.size() <= of.size() && of.subList(0, prefix.size()).equals(prefix);
    }
}
