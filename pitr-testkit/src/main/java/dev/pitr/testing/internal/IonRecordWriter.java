package dev.pitr.testing.internal;

import com.amazon.ion.IonType;
import com.amazon.ion.IonWriter;
import dev.pitr.model.Item;
import dev.pitr.model.Key;
import dev.pitr.write.internal.IonLines;
import java.io.IOException;
import java.math.BigDecimal;

/**
 * Amazon Ion text lines as DynamoDB writes ION exports, through pitr-core's {@link IonLines}:
 * one top-level struct a line, the first line of a file starting with {@code $ion_1_0 }.
 * {@code WriteTimestampMicros} is written as a decimal, as every N is.
 */
public final class IonRecordWriter implements RecordWriter {
    private final DataFileOutput file;
    private final IonLines lines = new IonLines();
    private final IonWriter ion = lines.writer();

    /** A writer into {@code file}. */
    public IonRecordWriter(DataFileOutput file) {
        this.file = file;
    }

    @Override
    public void writeItem(Item item) throws IOException {
        ion.stepIn(IonType.STRUCT);
        ion.setFieldName("Item");
        lines.attributes(item.attributes());
        ion.stepOut();
        endLine();
    }

    @Override
    public void writeChange(long writeTimestampMicros, Key keys, Item oldImage, Item newImage) throws IOException {
        ion.stepIn(IonType.STRUCT);
        ion.setFieldName("Metadata");
        ion.stepIn(IonType.STRUCT);
        ion.setFieldName("WriteTimestampMicros");
        ion.writeDecimal(BigDecimal.valueOf(writeTimestampMicros));
        ion.stepOut();
        ion.setFieldName("Keys");
        lines.attributes(keys.attributes());
        if (oldImage != null) {
            ion.setFieldName("OldImage");
            lines.attributes(oldImage.attributes());
        }
        if (newImage != null) {
            ion.setFieldName("NewImage");
            lines.attributes(newImage.attributes());
        }
        ion.stepOut();
        endLine();
    }

    private void endLine() throws IOException {
        lines.endLine(file.text(), file.lines() == 0);
        file.lineWritten();
    }

    @Override
    public void flush() throws IOException {
        ion.flush();
        file.text().flush();
    }
}
