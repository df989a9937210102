package dev.pitr.testing.internal;

import dev.pitr.model.Item;
import dev.pitr.model.Key;
import java.io.IOException;

/**
 * Writes data lines of one format into one data file, each ending in {@code \n}.
 */
public interface RecordWriter {

    /** A FULL export line: {@code Item} with the whole item. */
    void writeItem(Item item) throws IOException;

    /**
     * An INCREMENTAL export line: {@code Metadata.WriteTimestampMicros}, {@code Keys}, and the
     * images given (either may be {@code null}: no {@code OldImage} for an insert or in a
     * {@code NEW_IMAGE} view, no {@code NewImage} for a delete).
     */
    void writeChange(long writeTimestampMicros, Key keys, Item oldImage, Item newImage) throws IOException;

    /** Flushes what is buffered into the data file; does not close it. */
    void flush() throws IOException;
}
