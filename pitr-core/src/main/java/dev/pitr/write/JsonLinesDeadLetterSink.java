package dev.pitr.write;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.pitr.PitrException;
import dev.pitr.model.WriteOp;
import dev.pitr.write.internal.DynamoDbJsonWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * A {@link DeadLetterSink} that appends one JSON object per skipped operation to a file (JSON
 * Lines), written through to the file at once. Each line holds the origin, the reason and the
 * operation as a DynamoDB {@code WriteRequest}, ready to fix and replay with
 * {@code aws dynamodb batch-write-item}:
 * <pre>{@code
 * {"file":"data/abc.json.gz","line":12,"reason":"...","writeTimestampMicros":1700000000000000,
 *  "key":{"pk":{"S":"a"}},"request":{"PutRequest":{"Item":{"pk":{"S":"a"},...}}}}
 * }</pre>
 * ({@code writeTimestampMicros} only for operations of incremental exports). The file is the
 * user's own data and holds attribute values; nothing of it is logged.
 */
public final class JsonLinesDeadLetterSink implements DeadLetterSink {
    private static final JsonFactory JSON = new JsonFactory();

    private final Path file;
    private final OutputStream out;
    private final JsonGenerator generator;
    private long lines;
    private boolean closed;

    private JsonLinesDeadLetterSink(Path file, OutputStream out, JsonGenerator generator) {
        this.file = file;
        this.out = out;
        this.generator = generator;
    }

    /**
     * Opens {@code file} for appending, creating it (not its folder) when missing.
     *
     * @throws PitrException naming the file when it cannot be opened
     */
    public static JsonLinesDeadLetterSink open(Path file) {
        Objects.requireNonNull(file, "file");
        OutputStream out = null;
        try {
            out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                    StandardOpenOption.WRITE);
            JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8);
            g.setRootValueSeparator(null);
            return new JsonLinesDeadLetterSink(file, out, g);
        } catch (IOException e) {
            closeQuietly(out, e);
            throw new PitrException("Cannot open dead-letter file " + file + ": " + e.getMessage(), e);
        }
    }

    /** The file written. */
    public Path file() {
        return file;
    }

    /** Lines written since this sink was opened. */
    public synchronized long linesWritten() {
        return lines;
    }

    @Override
    public synchronized void accept(SkippedOperation skipped) {
        Objects.requireNonNull(skipped, "skipped");
        if (closed) {
            throw new IllegalStateException("dead-letter file " + file + " is closed");
        }
        WriteOp op = skipped.operation();
        try {
            JsonGenerator g = generator;
            g.writeStartObject();
            g.writeStringField("file", skipped.origin().file());
            g.writeNumberField("line", skipped.origin().line());
            g.writeStringField("reason", skipped.reason());
            if (op.writeTimestampMicros() != WriteOp.NO_TIMESTAMP) {
                g.writeNumberField("writeTimestampMicros", op.writeTimestampMicros());
            }
            g.writeFieldName("key");
            DynamoDbJsonWriter.writeAttributes(g, skipped.key().attributes());
            g.writeObjectFieldStart("request");
            if (op instanceof WriteOp.Put put) {
                g.writeObjectFieldStart("PutRequest");
                g.writeFieldName("Item");
                DynamoDbJsonWriter.writeAttributes(g, put.item().attributes());
            } else {
                g.writeObjectFieldStart("DeleteRequest");
                g.writeFieldName("Key");
                DynamoDbJsonWriter.writeAttributes(g, ((WriteOp.Delete) op).key().attributes());
            }
            g.writeEndObject();
            g.writeEndObject();
            g.writeEndObject();
            g.writeRaw('\n');
            g.flush();
            lines++;
        } catch (IOException e) {
            throw new PitrException("Cannot write to dead-letter file " + file + " (operation from "
                    + skipped.origin() + "): " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            generator.close();
            out.close();
        } catch (IOException e) {
            throw new PitrException("Cannot close dead-letter file " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "JsonLinesDeadLetterSink[" + file + "]";
    }

    private static void closeQuietly(OutputStream out, IOException failure) {
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                failure.addSuppressed(e);
            }
        }
    }
}
