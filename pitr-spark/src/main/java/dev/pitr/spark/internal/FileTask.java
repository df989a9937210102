package dev.pitr.spark.internal;

import java.io.Serializable;

/**
 * One task of the read stage: one data file, as the manifest of one export of the chain lists it.
 *
 * @param step      the export's place in the chain
 * @param file      the file's index in the job's list of files
 * @param exportUri where the export is, as the user gave it
 * @param exportArn the export the driver planned, checked again where the file is read
 * @param key       the data file's key
 * @param items     the manifest's count of its lines
 */
public record FileTask(int step, int file, String exportUri, String exportArn, String key, long items)
        implements Serializable {
    private static final long serialVersionUID = 1L;
}
