package dev.pitr.dynamodb.internal;

import dev.pitr.PitrException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * How one checkpoint is laid out as DynamoDB items, all keyed by the string attribute
 * {@code restoreId}.
 *
 * <p>The <b>head</b> item has the restore id as its key and holds {@code version} (a number, the
 * compare-and-set counter), {@code saveId} (random, names the save that wrote it) and the
 * checkpoint's JSON gzipped: in its binary attribute {@code body} when the gzipped JSON fits in
 * {@link #MAX_PART_BYTES}, else split into {@code chunks} parts kept in <b>chunk</b> items keyed
 * {@code restoreId#version#saveId#n} (a {@code #} never occurs in a restore id), each with its part in
 * {@code body}. Chunk keys name the save, so two savers racing for one version never write the
 * same chunk item; only the winner's head names its chunks.
 *
 * <p>Heads written before pitr split checkpoints hold the plain JSON in the string attribute
 * {@code checkpoint}; they are still read.
 */
public final class CheckpointRecord {
    /** The partition key attribute (a string). */
    public static final String RESTORE_ID = "restoreId";
    /** The compare-and-set counter of a head. */
    public static final String VERSION = "version";
    /** Bytes of gzipped JSON an item holds at most: well under DynamoDB's 400 KB item limit. */
    public static final int MAX_PART_BYTES = 350 * 1024;

    private static final String SAVE_ID = "saveId";
    private static final String BODY = "body";
    private static final String CHUNKS = "chunks";
    private static final String LEGACY_JSON = "checkpoint";

    private final String restoreId;
    private final long version;
    private final String saveId;
    private final SdkBytes body;
    private final int chunks;
    private final String legacyJson;

    private CheckpointRecord(String restoreId, long version, String saveId, SdkBytes body, int chunks,
                             String legacyJson) {
        this.restoreId = restoreId;
        this.version = version;
        this.saveId = saveId;
        this.body = body;
        this.chunks = chunks;
        this.legacyJson = legacyJson;
    }

    /**
     * The gzipped {@code json} cut into parts of at most {@link #MAX_PART_BYTES}: one part when it
     * fits in a head, else the chunks' parts in order.
     */
    public static List<byte[]> parts(byte[] json) {
        byte[] gzipped = gzip(json);
        List<byte[]> parts = new ArrayList<>(gzipped.length / MAX_PART_BYTES + 1);
        for (int from = 0; from < gzipped.length || parts.isEmpty(); from += MAX_PART_BYTES) {
            parts.add(Arrays.copyOfRange(gzipped, from, Math.min(gzipped.length, from + MAX_PART_BYTES)));
        }
        return parts;
    }

    /**
     * The head of a save whose gzipped JSON is {@code parts}: the body itself when it is one part,
     * else the number of chunk items that hold it.
     */
    public static Map<String, AttributeValue> head(String restoreId, long version, String saveId, List<byte[]> parts) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(RESTORE_ID, AttributeValue.fromS(restoreId));
        item.put(VERSION, AttributeValue.fromN(Long.toString(version)));
        item.put(SAVE_ID, AttributeValue.fromS(saveId));
        if (parts.size() == 1) {
            item.put(BODY, AttributeValue.fromB(SdkBytes.fromByteArrayUnsafe(parts.get(0))));
        } else {
            item.put(CHUNKS, AttributeValue.fromN(Integer.toString(parts.size())));
        }
        return item;
    }

    /** Chunk item {@code n} (0-based) of a save. */
    public static Map<String, AttributeValue> chunk(String restoreId, long version, String saveId, int n, byte[] part) {
        return Map.of(RESTORE_ID, AttributeValue.fromS(chunkKey(restoreId, version, saveId, n)),
                BODY, AttributeValue.fromB(SdkBytes.fromByteArrayUnsafe(part)));
    }

    /** The keys of the chunk items of a save of {@code count} chunks. */
    public static List<Map<String, AttributeValue>> chunkKeys(String restoreId, long version, String saveId, int count) {
        List<Map<String, AttributeValue>> keys = new ArrayList<>(count);
        for (int n = 0; n < count; n++) {
            keys.add(key(chunkKey(restoreId, version, saveId, n)));
        }
        return keys;
    }

    /** The key of item {@code id} (a restore id, or a chunk's). */
    public static Map<String, AttributeValue> key(String id) {
        return Map.of(RESTORE_ID, AttributeValue.fromS(id));
    }

    /**
     * Reads a head item.
     *
     * @param where how messages name the checkpoint
     * @throws PitrException when the item is not a head pitr wrote
     */
    public static CheckpointRecord of(Map<String, AttributeValue> item, String where) {
        AttributeValue id = item.get(RESTORE_ID);
        AttributeValue version = item.get(VERSION);
        if (id == null || id.s() == null || version == null || version.n() == null) {
            throw unreadable(where, "its item has no restoreId or version");
        }
        AttributeValue saveId = item.get(SAVE_ID);
        AttributeValue body = item.get(BODY);
        AttributeValue chunks = item.get(CHUNKS);
        AttributeValue legacy = item.get(LEGACY_JSON);
        try {
            CheckpointRecord r = new CheckpointRecord(id.s(), Long.parseLong(version.n()),
                    saveId == null ? null : saveId.s(), body == null ? null : body.b(),
                    chunks == null || chunks.n() == null ? 0 : Integer.parseInt(chunks.n()),
                    legacy == null ? null : legacy.s());
            if (r.body == null && r.legacyJson == null && (r.chunks < 2 || r.saveId == null)) {
                throw unreadable(where, "its item holds no checkpoint");
            }
            return r;
        } catch (NumberFormatException e) {
            throw unreadable(where, "its version or chunk count is not a number");
        }
    }

    public long version() {
        return version;
    }

    /** The save that wrote this head, or {@code null} for a head written before saves had ids. */
    public String saveId() {
        return saveId;
    }

    /** Whether the JSON is in chunk items rather than in this head. */
    public boolean chunked() {
        return body == null && legacyJson == null;
    }

    /** The keys of the chunk items this head names (none when it holds the JSON itself). */
    public List<Map<String, AttributeValue>> chunkKeys() {
        return chunked() ? chunkKeys(restoreId, version, saveId, chunks) : List.of();
    }

    /**
     * The checkpoint's JSON.
     *
     * @param chunkItems the items of {@link #chunkKeys()}, in order (none for a head that holds it)
     * @param where      how messages name the checkpoint
     */
    public byte[] json(List<Map<String, AttributeValue>> chunkItems, String where) {
        if (legacyJson != null) {
            return legacyJson.getBytes(StandardCharsets.UTF_8);
        }
        if (body != null) {
            return gunzip(body.asInputStream(), where);
        }
        ByteArrayOutputStream gzipped = new ByteArrayOutputStream(chunks * MAX_PART_BYTES);
        for (Map<String, AttributeValue> c : chunkItems) {
            AttributeValue part = c.get(BODY);
            if (part == null || part.b() == null) {
                throw unreadable(where, "one of its chunk items holds no body");
            }
            gzipped.writeBytes(part.b().asByteArrayUnsafe());
        }
        return gunzip(new ByteArrayInputStream(gzipped.toByteArray()), where);
    }

    private static byte[] gzip(byte[] json) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(json.length / 4 + 64);
        try (GZIPOutputStream gz = new GZIPOutputStream(out, 64 * 1024)) {
            gz.write(json);
        } catch (IOException e) {
            throw new IllegalStateException("gzip to memory failed", e); // a ByteArrayOutputStream does not fail
        }
        return out.toByteArray();
    }

    private static byte[] gunzip(InputStream gzipped, String where) {
        try (InputStream in = new GZIPInputStream(gzipped, 64 * 1024)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new PitrException("Checkpoint in " + where + " is unreadable: its body is not valid gzip ("
                    + e.getMessage() + ")", e);
        }
    }

    private static PitrException unreadable(String where, String why) {
        return new PitrException("Checkpoint in " + where + " is unreadable: " + why);
    }

    private static String chunkKey(String restoreId, long version, String saveId, int n) {
        return restoreId + "#" + version + "#" + saveId + "#" + n;
    }

    @Override
    public String toString() {
        return "CheckpointRecord[" + restoreId + ", version " + version + (chunked() ? ", " + chunks + " chunks" : "")
                + "]";
    }
}
