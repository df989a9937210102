package dev.pitr.spark.internal;

import java.io.Serializable;

/**
 * One task of the read stage: one data file, as the manifest of one export of the chain lists it.
 * A plain class, not a record: Kryo (which many clusters set as Spark's serializer) cannot set a
 * record's fields.
 */
public final class FileTask implements Serializable {
    private static final long serialVersionUID = 1L;
    private final int step;
    private final int file;
    private final String exportUri;
    private final String exportArn;
    private final String key;
    private final long items;

    /**
     * @param step      the export's place in the chain
     * @param file      the file's index in the job's list of files
     * @param exportUri where the export is, as the user gave it
     * @param exportArn the export the driver planned, checked again where the file is read
     * @param key       the data file's key
     * @param items     the manifest's count of its lines
     */
    public FileTask(int step, int file, String exportUri, String exportArn, String key, long items) {
        this.step = step;
        this.file = file;
        this.exportUri = exportUri;
        this.exportArn = exportArn;
        this.key = key;
        this.items = items;
    }

    public int step() {
        return step;
    }

    public int file() {
        return file;
    }

    public String exportUri() {
        return exportUri;
    }

    public String exportArn() {
        return exportArn;
    }

    public String key() {
        return key;
    }

    public long items() {
        return items;
    }
}
