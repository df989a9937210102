package dev.pitr.decode;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.pitr.MalformedExportException;
import dev.pitr.PitrException;
import dev.pitr.decode.internal.JsonRecordDecoder;
import dev.pitr.model.Key;
import dev.pitr.model.KeySchema;
import dev.pitr.model.Origin;
import dev.pitr.model.WriteOp;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a file of keys, one JSON line each, in DynamoDB JSON: a bare key
 * {@code {"pk":{"S":"a"},"sk":{"N":"1"}}}, or a line with a {@code "key"} field as
 * {@code pitr verify --diff} and {@code pitr revert --conflicts} write them. Blank lines are
 * skipped. Errors name the file and line, never a value.
 */
public final class KeyLines {
    private static final JsonFactory JSON = new JsonFactory();

    private KeyLines() {
    }

    /**
     * The keys of {@code file}, each checked against {@code schema}.
     *
     * @throws MalformedExportException naming the file and line of a line that is not a key of the schema
     * @throws PitrException            when the file cannot be read
     */
    public static List<Key> read(Path file, KeySchema schema) {
        List<Key> keys = new ArrayList<>();
        JsonRecordDecoder decoder = new JsonRecordDecoder(false, DecodeOptions.DEFAULT_MAX_LINE_BYTES);
        String name = file.toString();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            long line = 0;
            for (String text = in.readLine(); text != null; text = in.readLine()) {
                line++;
                if (text.isBlank()) {
                    continue;
                }
                String keyText = keyObject(text, name, line);
                byte[] item = ("{\"Item\":" + keyText + "}").getBytes(StandardCharsets.UTF_8);
                WriteOp op = decoder.decode(item, 0, item.length, new Origin(name, line));
                Key key = new Key(((WriteOp.Put) op).item().attributes());
                String mismatch = schema.mismatch(key);
                if (mismatch != null) {
                    throw new MalformedExportException(name, line, "not a key of the table: " + mismatch);
                }
                keys.add(key);
            }
        } catch (IOException e) {
            throw new PitrException("Cannot read the key file " + file + ": " + e.getMessage(), e);
        }
        return keys;
    }

    /** The line's key object as text: its {@code "key"} field's value, or the whole line. */
    private static String keyObject(String text, String name, long line) throws IOException {
        try (JsonParser p = JSON.createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new MalformedExportException(name, line, "expected a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (field.equals("key")) {
                    if (value != JsonToken.START_OBJECT) {
                        throw new MalformedExportException(name, line, "expected \"key\" to be an object");
                    }
                    int from = (int) p.currentTokenLocation().getCharOffset();
                    p.skipChildren();
                    int to = (int) p.currentLocation().getCharOffset();
                    return text.substring(from, to);
                }
                p.skipChildren();
            }
            return text;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new MalformedExportException(name, line, "not a JSON object");
        }
    }
}
