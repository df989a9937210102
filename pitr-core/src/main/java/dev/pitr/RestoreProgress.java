package dev.pitr;

import java.time.Duration;

/**
 * Where a restore stands.
 *
 * @param itemsDone       records applied (or found applied by a checkpoint), over the whole chain
 * @param itemsTotal      records the manifests count over the whole chain
 * @param filesDone       data files done
 * @param filesTotal      data files over the whole chain
 * @param itemsPerSecond  the rate since the run started
 * @param eta             the time left at that rate, or {@code null} before there is a rate
 */
public record RestoreProgress(long itemsDone, long itemsTotal, int filesDone, int filesTotal,
                              double itemsPerSecond, Duration eta) {

    /** Done as a fraction from 0 to 1. */
    public double fraction() {
        return itemsTotal == 0 ? 1.0 : Math.min(1.0, (double) itemsDone / itemsTotal);
    }

    @Override
    public String toString() {
        return String.format("%d/%d items (%.1f%%), %d/%d files, %.0f items/s, ETA %s", itemsDone, itemsTotal,
                100 * fraction(), filesDone, filesTotal, itemsPerSecond, eta == null ? "unknown" : HumanDuration.format(eta));
    }
}
