package dev.pitr.testing;

import dev.pitr.model.Item;
import dev.pitr.model.Key;
import dev.pitr.model.Origin;
import dev.pitr.model.WriteOp;
import java.util.Objects;

/**
 * One data line the generator wrote, for comparing a reader's output with: where it is, which
 * key it is about, and the images it holds.
 *
 * @param dataFileKey          the data file's key from the bucket root
 * @param line                 1-based line number in that file
 * @param key                  the item's key
 * @param oldImage             the item at window start, when the line carries {@code OldImage}; else {@code null}
 * @param newImage             the whole item after the write ({@code Item} of a FULL export,
 *                             {@code NewImage} of an incremental one); {@code null} for a delete
 * @param writeTimestampMicros {@code WriteTimestampMicros}, or {@link WriteOp#NO_TIMESTAMP} in a FULL export
 */
public record GeneratedRecord(String dataFileKey, long line, Key key, Item oldImage, Item newImage,
                              long writeTimestampMicros) {

    /** Checks the required parts. */
    public GeneratedRecord {
        Objects.requireNonNull(dataFileKey, "dataFileKey");
        Objects.requireNonNull(key, "key");
    }

    /** Whether the line deletes its key (it has no {@code NewImage}). */
    public boolean isDelete() {
        return newImage == null;
    }

    /**
     * The operation a correct reader makes of this line: a Put of the new image or a Delete of
     * the key, with an origin naming the file as {@code fileName} (how the reader's source names it).
     */
    public WriteOp toWriteOp(String fileName) {
        Origin origin = new Origin(fileName, line);
        return isDelete() ? new WriteOp.Delete(key, origin, writeTimestampMicros)
                : new WriteOp.Put(newImage, origin, writeTimestampMicros);
    }

    @Override
    public String toString() {
        return (isDelete() ? "Delete " : "Put ") + key + " at " + dataFileKey + " line " + line;
    }
}
