package dev.pitr.spark.internal;

import dev.pitr.decode.internal.JsonRecordDecoder;
import dev.pitr.model.Item;
import dev.pitr.model.Origin;
import dev.pitr.model.WriteOp;
import java.io.Externalizable;
import java.io.IOException;
import java.io.ObjectInput;
import java.io.ObjectOutput;
import java.util.List;

/**
 * One export's record of a key, as it crosses the shuffle: which export of the chain it is from,
 * whether it puts or deletes, the item (or, for a delete, the key) as {@code {"Item":{...}}} in
 * DynamoDB JSON, and where it was read, for messages. It writes itself, field by field, rather
 * than through Java serialization's reflection: the job shuffles one per record.
 */
public final class KeyRecord implements Externalizable {
    private static final long serialVersionUID = 1L;
    private int step;
    private boolean put;
    private byte[] json;
    private int file;
    private long line;

    /** For deserialization. */
    public KeyRecord() {
        this.json = new byte[0];
    }

    /**
     * @param step the export's place in the chain (0 is applied first)
     * @param put  a put of {@code json}'s item; else a delete of its key
     * @param json {@code {"Item":{...}}}
     * @param file the data file's index in the job's list of files
     * @param line the line in that file
     */
    public KeyRecord(int step, boolean put, byte[] json, int file, long line) {
        this.step = step;
        this.put = put;
        this.json = json;
        this.file = file;
        this.line = line;
    }

    public int step() {
        return step;
    }

    public boolean put() {
        return put;
    }

    public byte[] json() {
        return json;
    }

    public int file() {
        return file;
    }

    public long line() {
        return line;
    }

    /**
     * The item (for a delete, its key's attributes) as an {@link Item}, naming where it was read
     * ({@code files}: the job's data files by index) should it not decode.
     */
    public Item item(JsonRecordDecoder decoder, List<String> files) {
        return ((WriteOp.Put) decoder.decode(json, 0, json.length, origin(files))).item();
    }

    /** Where it was read: its data file and line. */
    public Origin origin(List<String> files) {
        return new Origin(files.get(file), line);
    }

    /**
     * The record the chain ends with: the one from the later export. One export holds a key once,
     * so two records of a key never share a step; the choice does not depend on the order Spark
     * combines them in.
     */
    public static KeyRecord latest(KeyRecord a, KeyRecord b) {
        return a.step >= b.step ? a : b;
    }

    @Override
    public void writeExternal(ObjectOutput out) throws IOException {
        out.writeInt(step);
        out.writeBoolean(put);
        out.writeInt(file);
        out.writeLong(line);
        out.writeInt(json.length);
        out.write(json);
    }

    @Override
    public void readExternal(ObjectInput in) throws IOException {
        step = in.readInt();
        put = in.readBoolean();
        file = in.readInt();
        line = in.readLong();
        json = new byte[in.readInt()];
        in.readFully(json);
    }
}
