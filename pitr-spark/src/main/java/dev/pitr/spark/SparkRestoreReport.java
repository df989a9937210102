package dev.pitr.spark;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * What a Spark restore did.
 *
 * @param status          how it ended
 * @param restoreId       the id its record is saved under
 * @param table           the target table
 * @param stateTime       the time the table's state is now as of
 * @param exports         exports in the chain
 * @param files           data files read (each once per successful task)
 * @param records         records in the chain, as the manifests count them (checked as read)
 * @param puts            keys written with their final item
 * @param deletes         keys deleted
 * @param deletesLeftOut  deletes left out: the chain starts with a FULL export applied to an empty
 *                        table, so a key it deletes was never written
 * @param throttles       writes DynamoDB throttled (and pitr sent again)
 * @param consumedWcu     write capacity units DynamoDB reported consumed
 * @param writePartitions partitions of the write stage
 * @param wcuPerTask      each write task's share of the ceiling, or 0 for none
 * @param duration        how long the job took
 */
public record SparkRestoreReport(Status status, String restoreId, String table, Instant stateTime, int exports,
                                 int files, long records, long puts, long deletes, long deletesLeftOut, long throttles,
                                 double consumedWcu, int writePartitions, double wcuPerTask, Duration duration) {

    /** How the job ended. */
    public enum Status {
        /** The chain is applied. */
        COMPLETED,
        /** The checkpoint store says this restore finished before: nothing was done. */
        ALREADY_COMPLETE
    }

    /** Keys the chain's final state holds or deletes: each written (or left out) once. */
    public long keys() {
        return puts + deletes + deletesLeftOut;
    }

    /** One line for a log or a terminal. */
    public String summary() {
        if (status == Status.ALREADY_COMPLETE) {
            return String.format(Locale.ROOT, "spark restore %s: complete already (restore %s), nothing written", table,
                    restoreId);
        }
        double seconds = Math.max(duration.toMillis(), 1) / 1000.0;
        return String.format(Locale.ROOT, "spark restore %s: %,d keys written (%,d puts, %,d deletes%s) from %,d records"
                        + " of %d exports in %.1f s (%,.0f keys/s), state as of %s", table, puts + deletes, puts,
                deletes, deletesLeftOut > 0 ? String.format(Locale.ROOT, ", %,d deletes left out", deletesLeftOut) : "",
                records, exports, seconds, (puts + deletes) / seconds, stateTime);
    }
}
