package dev.pitr;

import dev.pitr.internal.HumanDuration;
import org.jspecify.annotations.Nullable;
import java.time.Duration;
import java.util.Locale;

/**
 * Where a restore stands. Records are read, handed to the sink, then acknowledged by it: read runs
 * ahead of done by what the sink holds (queued, batched, in flight), so before the first
 * acknowledgements {@code itemsRead} already shows the restore moving.
 *
 * @param itemsDone       records applied, acknowledged by the sink (or found applied by a checkpoint),
 *                        over the whole chain
 * @param itemsRead       records decoded and handed to the sink (or found applied by a checkpoint),
 *                        over the whole chain; at least {@code itemsDone}
 * @param itemsTotal      records the manifests count over the whole chain
 * @param filesDone       data files done
 * @param filesTotal      data files over the whole chain
 * @param itemsPerSecond  the rate of records applied since the run started
 * @param eta             the time left at that rate, or {@code null} before any record of this run
 *                        is acknowledged
 */
public record RestoreProgress(long itemsDone, long itemsRead, long itemsTotal, int filesDone, int filesTotal,
                              double itemsPerSecond, @Nullable Duration eta) {

    /** Done as a fraction from 0 to 1. */
    public double fraction() {
        return itemsTotal == 0 ? 1.0 : Math.min(1.0, (double) itemsDone / itemsTotal);
    }

    /**
     * For logs and progress lines, for example
     * {@code 776/1385 items applied (56.0%), 900 read, 1/12 files, 254 items/s, ETA 3.0 s}; before
     * the first acknowledgement the ETA reads {@code ETA unknown until writes are acknowledged}.
     */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%d/%d items applied (%.1f%%), %d read, %d/%d files, %.0f items/s, ETA %s",
                itemsDone, itemsTotal, 100 * fraction(), itemsRead, filesDone, filesTotal, itemsPerSecond,
                eta == null ? "unknown until writes are acknowledged" : HumanDuration.format(eta));
    }
}
