package dev.pitr.write.internal;

import com.amazon.ion.IonType;
import com.amazon.ion.IonWriter;
import com.amazon.ion.system.IonTextWriterBuilder;
import com.amazon.ion.system.IonWriterBuilder;
import dev.pitr.model.AttributeValue;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Amazon Ion text lines as DynamoDB writes ION exports: one top-level struct a line, the first
 * line of a file starting with the version marker {@code $ion_1_0 }. N becomes an Ion decimal
 * without trailing zeros ({@code 103.}, {@code 6d2}, never a float), B a blob, sets lists
 * annotated {@code $dynamodb_SS::}, {@code $dynamodb_NS::} or {@code $dynamodb_BS::}. The Ion
 * writer escapes newlines in strings, so no value can break a line. Not thread-safe.
 *
 * <p>Write a record's fields through {@link #writer()}, {@link #attributes} and {@link #value},
 * then {@link #endLine} copies it to the file as one line.
 */
public final class IonLines {
    private static final IonTextWriterBuilder TEXT = IonTextWriterBuilder.standard()
            .withCharset(IonTextWriterBuilder.UTF8)
            .withInitialIvmHandling(IonWriterBuilder.InitialIvmHandling.SUPPRESS)
            .withWriteTopLevelValuesOnNewLines(false)
            .withLongStringThreshold(0)
            .immutable();
    private static final byte[] VERSION_MARKER = "$ion_1_0 ".getBytes(StandardCharsets.US_ASCII);

    private final LineBuffer line = new LineBuffer();
    private final IonWriter ion = TEXT.build(line);

    /** The writer the current record goes to. */
    public IonWriter writer() {
        return ion;
    }

    /** Writes {@code attributes} as a struct of DynamoDB values. */
    public void attributes(Map<String, AttributeValue> attributes) throws IOException {
        ion.stepIn(IonType.STRUCT);
        for (Map.Entry<String, AttributeValue> e : attributes.entrySet()) {
            ion.setFieldName(e.getKey());
            value(e.getValue());
        }
        ion.stepOut();
    }

    /** Writes one DynamoDB value. */
    public void value(AttributeValue v) throws IOException {
        switch (v.type()) {
            case S -> ion.writeString(((AttributeValue.S) v).value());
            case N -> ion.writeDecimal(decimal(((AttributeValue.N) v).text()));
            case B -> ion.writeBlob(((AttributeValue.B) v).unsafeBytes());
            case BOOL -> ion.writeBool(((AttributeValue.Bool) v).value());
            case NULL -> ion.writeNull();
            case M -> attributes(((AttributeValue.M) v).value());
            case L -> {
                ion.stepIn(IonType.LIST);
                for (AttributeValue e : ((AttributeValue.L) v).value()) {
                    value(e);
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

    /**
     * Ends the record: writes it to {@code out} as one line, after the version marker when it is
     * the file's first.
     */
    public void endLine(OutputStream out, boolean firstOfFile) throws IOException {
        ion.flush();
        if (firstOfFile) {
            out.write(VERSION_MARKER);
        }
        line.writeTrimmedTo(out);
        out.write('\n');
        line.reset();
    }

    private static BigDecimal decimal(String text) {
        BigDecimal d = new BigDecimal(text);
        return d.signum() == 0 ? BigDecimal.ZERO : d.stripTrailingZeros();
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
