package dev.pitr.checkpoint;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.pitr.PitrException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The JSON form of a {@link Checkpoint}, for stores that keep bytes: human-readable, so an
 * operator can see where a restore stands. Fields this version does not know are skipped, and a
 * checkpoint without {@code target} (saved before pitr recorded targets) reads with a
 * {@code null} target.
 */
public final class CheckpointCodec {
    private static final JsonFactory JSON = new JsonFactory();
    private static final int FORMAT = 1;
    private static final Pattern RESTORE_ID = Pattern.compile("[A-Za-z0-9._-]{1,128}");

    private CheckpointCodec() {
    }

    /**
     * Checks a restore id: 1 to 128 letters, digits, dots, dashes or underscores, so every store
     * can use it in a file name, an object key or an item key.
     */
    public static String checkRestoreId(String restoreId) {
        if (restoreId == null || !RESTORE_ID.matcher(restoreId).matches()) {
            throw new IllegalArgumentException("restore id must be 1 to 128 of [A-Za-z0-9._-], got \"" + restoreId + "\"");
        }
        return restoreId;
    }

    /** The checkpoint as UTF-8 JSON. */
    public static byte[] toJson(Checkpoint c) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + 96 * c.files().size());
        try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeNumberField("format", FORMAT);
            g.writeStringField("restoreId", c.restoreId());
            g.writeArrayFieldStart("chain");
            for (String arn : c.chain()) {
                g.writeString(arn);
            }
            g.writeEndArray();
            if (c.target() != null) {
                g.writeStringField("target", c.target());
            }
            g.writeNumberField("exportIndex", c.exportIndex());
            g.writeObjectFieldStart("files");
            for (Map.Entry<String, Checkpoint.FileProgress> e : c.files().entrySet()) {
                g.writeObjectFieldStart(e.getKey());
                g.writeNumberField("linesDone", e.getValue().linesDone());
                g.writeBooleanField("done", e.getValue().done());
                g.writeEndObject();
            }
            g.writeEndObject();
            if (c.owner() != null) {
                g.writeStringField("owner", c.owner());
            }
            g.writeStringField("updatedAt", c.updatedAt().toString());
            if (c.targetHadItems()) {
                g.writeBooleanField("targetHadItems", true);
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new PitrException("Cannot encode checkpoint of " + c.restoreId(), e);
        }
        return out.toByteArray();
    }

    /**
     * Reads a checkpoint.
     *
     * @param name how messages name where the bytes came from
     * @throws PitrException when the bytes are not a checkpoint
     */
    public static Checkpoint fromJson(byte[] json, String name) {
        String restoreId = null;
        List<String> chain = new ArrayList<>();
        String target = null;
        int exportIndex = -1;
        Map<String, Checkpoint.FileProgress> files = new LinkedHashMap<>();
        String owner = null;
        Instant updatedAt = null;
        boolean targetHadItems = false;
        try (JsonParser p = JSON.createParser(json)) {
            expect(p.nextToken(), JsonToken.START_OBJECT, name);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken t = p.nextToken();
                switch (field) {
                    case "format" -> {
                        if (p.getIntValue() != FORMAT) {
                            throw unreadable(name, "its format " + p.getText() + " is not one this version of pitr reads");
                        }
                    }
                    case "restoreId" -> restoreId = p.getText();
                    case "chain" -> {
                        expect(t, JsonToken.START_ARRAY, name);
                        while (p.nextToken() == JsonToken.VALUE_STRING) {
                            chain.add(p.getText());
                        }
                    }
                    case "target" -> target = t == JsonToken.VALUE_NULL ? null : p.getText();
                    case "exportIndex" -> exportIndex = p.getIntValue();
                    case "files" -> {
                        expect(t, JsonToken.START_OBJECT, name);
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            String key = p.currentName();
                            expect(p.nextToken(), JsonToken.START_OBJECT, name);
                            long lines = -1;
                            boolean done = false;
                            while (p.nextToken() == JsonToken.FIELD_NAME) {
                                String f = p.currentName();
                                p.nextToken();
                                if (f.equals("linesDone")) {
                                    lines = p.getLongValue();
                                } else if (f.equals("done")) {
                                    done = p.getBooleanValue();
                                } else {
                                    p.skipChildren();
                                }
                            }
                            files.put(key, new Checkpoint.FileProgress(lines, done));
                        }
                    }
                    case "owner" -> owner = t == JsonToken.VALUE_NULL ? null : p.getText();
                    case "updatedAt" -> updatedAt = Instant.parse(p.getText());
                    case "targetHadItems" -> targetHadItems = p.getBooleanValue();
                    default -> p.skipChildren();
                }
            }
            return new Checkpoint(restoreId, chain, target, exportIndex, files, owner, updatedAt, targetHadItems);
        } catch (PitrException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            PitrException p = unreadable(name, "not a pitr checkpoint (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage().split("\n")[0]) + ")");
            p.initCause(e);
            throw p;
        }
    }

    private static void expect(JsonToken actual, JsonToken expected, String name) {
        if (actual != expected) {
            throw unreadable(name, "not a pitr checkpoint: expected " + expected + ", found " + actual);
        }
    }

    private static PitrException unreadable(String name, String why) {
        return new PitrException("Checkpoint " + name + " is unreadable: " + why);
    }
}
