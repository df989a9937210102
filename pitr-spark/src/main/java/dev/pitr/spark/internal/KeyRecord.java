package dev.pitr.spark.internal;

import java.io.Serializable;

/**
 * One export's record of a key, as it crosses the shuffle: which export of the chain it is from,
 * whether it puts or deletes, the item (or, for a delete, the key) in DynamoDB JSON, and where it
 * was read, for messages.
 *
 * @param step the export's place in the chain (0 is applied first)
 * @param put  a put of {@code json}'s item; else a delete of its key
 * @param json {@code {"Item":{...}}}
 * @param file the data file's index in the job's list of files
 * @param line the line in that file
 */
public record KeyRecord(int step, boolean put, byte[] json, int file, long line) implements Serializable {
    private static final long serialVersionUID = 1L;

    /**
     * The record the chain ends with: the one from the later export. One export holds a key once,
     * so two records of a key never share a step; the choice does not depend on the order Spark
     * combines them in.
     */
    public static KeyRecord latest(KeyRecord a, KeyRecord b) {
        return a.step >= b.step ? a : b;
    }
}
