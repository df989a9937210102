package dev.pitr.checkpoint;

import org.jspecify.annotations.Nullable;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How far a restore has got: enough to resume it with nothing lost and nothing applied out of
 * order.
 *
 * @param restoreId   the restore this belongs to
 * @param chain       the export ARNs of the plan, in order: a checkpoint of another chain is refused
 * @param target      where the operations go, as the sink names it ({@link dev.pitr.write.ItemSink#target()}):
 *                    a checkpoint of another target is refused; {@code null} when the sink names
 *                    none, or in checkpoints saved before pitr recorded targets
 * @param exportIndex the export in progress (0-based in {@code chain}); every export before it is
 *                    fully applied; {@code chain.size()} when all are
 * @param files       progress of the data files of the export in progress, by data file key; a
 *                    file not listed has not been started
 * @param owner       the run that holds the restore, or {@code null} once it stopped cleanly: a
 *                    run id, and (since pitr records it) the process and host it runs in, so a
 *                    rerun on the same host can tell that the holder is gone
 * @param updatedAt   when the owner saved this
 * @param targetHadItems whether the target already held items when a chain that starts with a
 *                    FULL export began (applied anyway, as allowed): those items were left as they
 *                    were, so the table is not exactly the chain's state
 */
public record Checkpoint(String restoreId, List<String> chain, @Nullable String target, int exportIndex,
                         Map<String, FileProgress> files, @Nullable String owner, Instant updatedAt,
                         boolean targetHadItems) {

    /**
     * Progress of one data file.
     *
     * @param linesDone the leading lines all acknowledged by the table (a watermark); lines after
     *                  it may have been applied too, and are applied again on resume, which is safe
     *                  because inside one export each key appears once
     * @param done      whether the whole file was applied and its checksum verified
     */
    public record FileProgress(long linesDone, boolean done) {
        public FileProgress {
            if (linesDone < 0) {
                throw new IllegalArgumentException("linesDone is negative: " + linesDone);
            }
        }
    }

    public Checkpoint {
        Objects.requireNonNull(restoreId, "restoreId");
        Objects.requireNonNull(updatedAt, "updatedAt");
        chain = List.copyOf(chain);
        if (exportIndex < 0 || exportIndex > chain.size()) {
            throw new IllegalArgumentException("exportIndex " + exportIndex + " is outside the chain of " + chain.size());
        }
        files = Collections.unmodifiableMap(new LinkedHashMap<>(files));
    }

    /** A checkpoint of a target that held no items outside the chain. */
    public Checkpoint(String restoreId, List<String> chain, String target, int exportIndex,
                      Map<String, FileProgress> files, String owner, Instant updatedAt) {
        this(restoreId, chain, target, exportIndex, files, owner, updatedAt, false);
    }

    /** A checkpoint that names no target. */
    public Checkpoint(String restoreId, List<String> chain, int exportIndex, Map<String, FileProgress> files,
                      String owner, Instant updatedAt) {
        this(restoreId, chain, null, exportIndex, files, owner, updatedAt, false);
    }

    /** This checkpoint with the export in progress, its files, the owner and the time replaced. */
    public Checkpoint advance(int exportIndex, Map<String, FileProgress> files, String owner, Instant updatedAt) {
        return new Checkpoint(restoreId, chain, target, exportIndex, files, owner, updatedAt, targetHadItems);
    }

    /** Whether every export of the chain has been applied. */
    public boolean isComplete() {
        return exportIndex == chain.size();
    }

    /** Whether an export has been started: some of its files are in progress or done. */
    public boolean hasFilesInProgress() {
        return !files.isEmpty();
    }

    /** Lines of {@code key} known applied (0 when not started). */
    public long linesDone(String key) {
        FileProgress p = files.get(key);
        return p == null ? 0 : p.linesDone();
    }

    /** Whether data file {@code key} of the export in progress is done. */
    public boolean isDone(String key) {
        FileProgress p = files.get(key);
        return p != null && p.done();
    }

    @Override
    public String toString() {
        return "Checkpoint[" + restoreId + (target == null ? "" : " to " + target) + ", export " + exportIndex + "/" + chain.size() + ", " + files.size()
                + " files in progress, owner " + owner + ", at " + updatedAt + (targetHadItems ? ", target had items" : "")
                + "]";
    }
}
