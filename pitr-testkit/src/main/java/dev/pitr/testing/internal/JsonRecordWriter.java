package dev.pitr.testing.internal;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import dev.pitr.model.AttributeValue;
import dev.pitr.model.Item;
import dev.pitr.model.Key;
import java.io.IOException;
import java.util.Base64;
import java.util.Map;

/**
 * DynamoDB JSON lines, written with Jackson's streaming generator: every value wrapped in its
 * type ({@code {"S":"..."}}, {@code {"N":"..."}} with the number as a string, Base64 for binary),
 * compact, UTF-8, one record a line. Jackson escapes quotes, backslashes and control
 * characters, so no string can break a line.
 */
public final class JsonRecordWriter implements RecordWriter {
    private static final JsonFactory JSON = new JsonFactoryBuilder()
            .rootValueSeparator((String) null)
            // Characters outside the BMP as 4-byte UTF-8, not as two \\u escapes.
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
            .build();
    private static final Base64.Encoder BASE64 = Base64.getEncoder();

    private final DataFileOutput file;
    private final JsonGenerator gen;

    /** A writer into {@code file}. */
    public JsonRecordWriter(DataFileOutput file) throws IOException {
        this.file = file;
        this.gen = JSON.createGenerator(file.text(), JsonEncoding.UTF8);
        gen.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    }

    @Override
    public void writeItem(Item item) throws IOException {
        gen.writeStartObject();
        gen.writeFieldName("Item");
        writeAttributes(item.attributes());
        gen.writeEndObject();
        endLine();
    }

    @Override
    public void writeChange(long writeTimestampMicros, Key keys, Item oldImage, Item newImage) throws IOException {
        gen.writeStartObject();
        gen.writeFieldName("Metadata");
        gen.writeStartObject();
        gen.writeFieldName("WriteTimestampMicros");
        gen.writeStartObject();
        gen.writeStringField("N", Long.toString(writeTimestampMicros));
        gen.writeEndObject();
        gen.writeEndObject();
        gen.writeFieldName("Keys");
        writeAttributes(keys.attributes());
        if (oldImage != null) {
            gen.writeFieldName("OldImage");
            writeAttributes(oldImage.attributes());
        }
        if (newImage != null) {
            gen.writeFieldName("NewImage");
            writeAttributes(newImage.attributes());
        }
        gen.writeEndObject();
        endLine();
    }

    private void endLine() throws IOException {
        gen.writeRaw('\n');
        file.lineWritten();
    }

    private void writeAttributes(Map<String, AttributeValue> attributes) throws IOException {
        gen.writeStartObject();
        for (Map.Entry<String, AttributeValue> e : attributes.entrySet()) {
            gen.writeFieldName(e.getKey());
            writeValue(e.getValue());
        }
        gen.writeEndObject();
    }

    private void writeValue(AttributeValue v) throws IOException {
        gen.writeStartObject();
        switch (v.type()) {
            case S -> gen.writeStringField("S", ((AttributeValue.S) v).value());
            case N -> gen.writeStringField("N", ((AttributeValue.N) v).text());
            case B -> gen.writeStringField("B", BASE64.encodeToString(((AttributeValue.B) v).unsafeBytes()));
            case BOOL -> gen.writeBooleanField("BOOL", ((AttributeValue.Bool) v).value());
            case NULL -> gen.writeBooleanField("NULL", true);
            case M -> {
                gen.writeFieldName("M");
                writeAttributes(((AttributeValue.M) v).value());
            }
            case L -> {
                gen.writeArrayFieldStart("L");
                for (AttributeValue e : ((AttributeValue.L) v).value()) {
                    writeValue(e);
                }
                gen.writeEndArray();
            }
            case SS -> {
                gen.writeArrayFieldStart("SS");
                for (String s : ((AttributeValue.SS) v).value()) {
                    gen.writeString(s);
                }
                gen.writeEndArray();
            }
            case NS -> {
                gen.writeArrayFieldStart("NS");
                for (String n : ((AttributeValue.NS) v).value()) {
                    gen.writeString(n);
                }
                gen.writeEndArray();
            }
            case BS -> {
                gen.writeArrayFieldStart("BS");
                for (AttributeValue.B b : ((AttributeValue.BS) v).value()) {
                    gen.writeString(BASE64.encodeToString(b.unsafeBytes()));
                }
                gen.writeEndArray();
            }
        }
        gen.writeEndObject();
    }

    @Override
    public void flush() throws IOException {
        gen.flush();
    }
}
