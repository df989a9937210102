package dev.pitr.spark;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * What {@link PitrSpark#compact} wrote.
 *
 * @param exportId        the new FULL export's id
 * @param exportPath      its folder, {@code <to>/[prefix/]AWSDynamoDB/<exportId>}
 * @param dataKeyPrefix   the key prefix of its data files, for ImportTable
 * @param stateTime       the time its items are as of
 * @param exports         exports compacted
 * @param records         their records
 * @param items           items written (deleted keys are not in a FULL export)
 * @param files           data files written
 * @param compressedBytes bytes of the data files
 * @param duration        how long the job took
 */
public record SparkCompactReport(String exportId, String exportPath, String dataKeyPrefix, Instant stateTime,
                                 int exports, long records, long items, int files, long compressedBytes,
                                 Duration duration) {

    /** One line for a log or a terminal. */
    public String summary() {
        return String.format(Locale.ROOT, "spark compact: %d exports (%,d records) into FULL export %s: %,d items in %,d"
                        + " data files, %.1f MB, in %.1f s, at %s", exports, records, exportId, items, files,
                compressedBytes / 1e6, duration.toMillis() / 1000.0, exportPath);
    }
}
