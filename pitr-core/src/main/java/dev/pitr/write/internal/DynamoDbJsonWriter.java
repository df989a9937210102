package dev.pitr.write.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.pitr.model.AttributeValue;
import java.io.IOException;
import java.util.Map;

/**
 * Writes attribute values in DynamoDB JSON, the shape the DynamoDB API and the AWS CLI take:
 * {@code {"S":"a"}}, {@code {"N":"1.5"}}, {@code {"B":"<base64>"}}, {@code {"M":{...}}} and so on.
 */
public final class DynamoDbJsonWriter {
    private DynamoDbJsonWriter() {
    }

    /** Writes {@code attributes} as one JSON object of name to typed value. */
    public static void writeAttributes(JsonGenerator g, Map<String, AttributeValue> attributes) throws IOException {
        g.writeStartObject();
        for (Map.Entry<String, AttributeValue> e : attributes.entrySet()) {
            g.writeFieldName(e.getKey());
            writeValue(g, e.getValue());
        }
        g.writeEndObject();
    }

    /** Writes one typed value, {@code {"<type>": <value>}}. */
    public static void writeValue(JsonGenerator g, AttributeValue value) throws IOException {
        g.writeStartObject();
        if (value instanceof AttributeValue.S s) {
            g.writeStringField("S", s.value());
        } else if (value instanceof AttributeValue.N n) {
            g.writeStringField("N", n.text());
        } else if (value instanceof AttributeValue.B b) {
            g.writeFieldName("B");
            g.writeBinary(b.unsafeBytes());
        } else if (value instanceof AttributeValue.Bool bool) {
            g.writeBooleanField("BOOL", bool.value());
        } else if (value instanceof AttributeValue.Null) {
            g.writeBooleanField("NULL", true);
        } else if (value instanceof AttributeValue.M m) {
            g.writeFieldName("M");
            writeAttributes(g, m.value());
        } else if (value instanceof AttributeValue.L l) {
            g.writeArrayFieldStart("L");
            for (AttributeValue element : l.value()) {
                writeValue(g, element);
            }
            g.writeEndArray();
        } else if (value instanceof AttributeValue.SS ss) {
            g.writeArrayFieldStart("SS");
            for (String element : ss.value()) {
                g.writeString(element);
            }
            g.writeEndArray();
        } else if (value instanceof AttributeValue.NS ns) {
            g.writeArrayFieldStart("NS");
            for (String element : ns.value()) {
                g.writeString(element);
            }
            g.writeEndArray();
        } else {
            g.writeArrayFieldStart("BS");
            for (AttributeValue.B element : ((AttributeValue.BS) value).value()) {
                g.writeBinary(element.unsafeBytes());
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }
}
