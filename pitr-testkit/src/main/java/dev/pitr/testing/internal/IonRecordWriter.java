package dev.pitr.testing.internal;

import com.amazon.ion.IonType;
import com.amazon.ion.IonWriter;
import com.amazon.ion.system.IonTextWriterBuilder;
import com.amazon.ion.system.IonWriterBuilder;
import dev.pitr.model.AttributeValue;
import dev.pitr.model.Item;
import dev.pitr.model.Key;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Amazon Ion text lines, written with ion-java's text writer, one top-level struct a line, the
 * first line of a file starting with the version marker {@code $ion_1_0 }, as DynamoDB writes
 * ION exports. N becomes an Ion decimal without trailing zeros ({@code 103.}, {@code 6d2},
 * never a float), B a blob, sets lists annotated {@code $dynamodb_SS::}, {@code $dynamodb_NS::}
 * or {@code $dynamodb_BS::}. {@code WriteTimestampMicros} is written as a decimal too, as
 * every N is. The Ion writer escapes newlines in strings, so no value can break a line.
 */
public final class IonRecordWriter implements RecordWriter {
    private static final IonTextWriterBuilder TEXT = IonTextWriterBuilder.standard()
            .withCharset(IonTextWriterBuilder.UTF8)
            .withInitialIvmHandling(IonWriterBuilder.InitialIvmHandling.SUPPRESS)
            .withWriteTopLevelValuesOnNewLines(false)
            .withLongStringThreshold(0)
            .immutable();
    private static final byte[] VERSION_MARKER = "$ion_1_0 ".getBytes(StandardCharsets.US_ASCII);

    private final DataFileOutput file;
    private final LineBuffer line = new LineBuffer();
    private final IonWriter ion;

    /** A writer into {@code file}. */
    public IonRecordWriter(DataFileOutput file) {
        this.file = file;
        this.ion = TEXT.build(line);
    }

    @Override
    public void writeItem(Item item) throws IOException {
        ion.stepIn(IonType.STRUCT);
        ion.setFieldName("Item");
        writeAttributes(item.attributes());
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
        writeAttributes(keys.attributes());
        if (oldImage != null) {
            ion.setFieldName("OldImage");
            writeAttributes(oldImage.attributes());
        }
        if (newImage != null) {
            ion.setFieldName("NewImage");
            writeAttributes(newImage.attributes());
        }
        ion.stepOut();
        endLine();
    }

    private void endLine() throws IOException {
        ion.flush();
        OutputStream out = file.text();
        if (file.lines() == 0) {
            out.write(VERSION_MARKER);
        }
        line.writeTrimmedTo(out);
        out.write('\n');
        line.reset();
        file.lineWritten();
    }

    private void writeAttributes(Map<String, AttributeValue> attributes) throws IOException {
        ion.stepIn(IonType.STRUCT);
        for (Map.Entry<String, AttributeValue> e : attributes.entrySet()) {
            ion.setFieldName(e.getKey());
            writeValue(e.getValue());
        }
        ion.stepOut();
    }

    private void writeValue(AttributeValue v) throws IOException {
        switch (v.type()) {
            case S -> ion.writeString(((AttributeValue.S) v).value());
            case N -> ion.writeDecimal(decimal(((AttributeValue.N) v).text()));
            case B -> ion.writeBlob(((AttributeValue.B) v).unsafeBytes());
            case BOOL -> ion.writeBool(((AttributeValue.Bool) v).value());
            case NULL -> ion.writeNull();
            case M -> writeAttributes(((AttributeValue.M) v).value());
            case L -> {
                ion.stepIn(IonType.LIST);
                for (AttributeValue e : ((AttributeValue.L) v).value()) {
                    writeValue(e);
                }
                ion.stepOut();
            }
            case SS -> {
                ion.setTypeAnnotations("$dynamodb_SS");
                ion.stepIn(IonType.LIST);
                for (String s : ((AttributeValue.SS) v).value()) {
                    ion.writeString(s);
                }
                ion.stepOut();
            }
            case NS -> {
                ion.setTypeAnnotations("$dynamodb_NS");
                ion.stepIn(IonType.LIST);
                for (String n : ((AttributeValue.NS) v).value()) {
                    ion.writeDecimal(decimal(n));
                }
                ion.stepOut();
            }
            case BS -> {
                ion.setTypeAnnotations("$dynamodb_BS");
                ion.stepIn(IonType.LIST);
                for (AttributeValue.B b : ((AttributeValue.BS) v).value()) {
                    ion.writeBlob(b.unsafeBytes());
                }
                ion.stepOut();
            }
        }
    }

    private static BigDecimal decimal(String text) {
        BigDecimal d = new BigDecimal(text);
        return d.signum() == 0 ? BigDecimal.ZERO : d.stripTrailingZeros();
    }

    @Override
    public void flush() throws IOException {
        ion.flush();
        file.text().flush();
    }

    /** The text of one value; the writer puts a separator before every value but the first. */
    private static final class LineBuffer extends ByteArrayOutputStream {
        LineBuffer() {
            super(1024);
        }

        void writeTrimmedTo(OutputStream out) throws IOException {
            int from = 0;
            while (from < count && (buf[from] == ' ' || buf[from] == '\n' || buf[from] == '\r')) {
                from++;
            }
            out.write(buf, from, count - from);
        }
    }
}
