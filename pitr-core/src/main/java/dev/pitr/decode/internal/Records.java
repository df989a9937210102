package dev.pitr.decode.internal;

import dev.pitr.MalformedExportException;
import dev.pitr.model.AttributeValue;
import dev.pitr.model.Change;
import dev.pitr.model.Item;
import dev.pitr.model.Key;
import dev.pitr.model.Origin;
import dev.pitr.model.WriteOp;
import java.util.Map;

/**
 * The one rule that turns a decoded record into an operation, whatever its format:
 * FULL {@code Item} -> Put; INCREMENTAL with {@code NewImage} -> Put of the whole image;
 * INCREMENTAL without it -> Delete by {@code Keys}.
 */
final class Records {
    private Records() {
    }

    /**
     * @param item     the record's {@code Item}, or null
     * @param keys     its {@code Keys}, or null
     * @param newImage its {@code NewImage}, or null
     */
    static WriteOp toOperation(boolean incremental, Map<String, AttributeValue> item, Map<String, AttributeValue> keys,
                               Map<String, AttributeValue> newImage, long timestamp, Origin origin) {
        if (!incremental) {
            if (item == null) {
                throw bad(origin, "expected \"Item\" (a FULL export line)");
            }
            return new WriteOp.Put(item(item, origin, "Item"), origin, WriteOp.NO_TIMESTAMP);
        }
        if (keys == null) {
            throw bad(origin, item != null
                    ? "found \"Item\" in an INCREMENTAL export; expected \"Keys\""
                    : "expected \"Keys\" (an INCREMENTAL export line)");
        }
        Key key;
        try {
            key = new Key(keys);
        } catch (IllegalArgumentException e) {
            throw bad(origin, "\"Keys\" is not a key: " + e.getMessage());
        }
        if (newImage != null) {
            return new WriteOp.Put(item(newImage, origin, "NewImage"), origin, timestamp);
        }
        return new WriteOp.Delete(key, origin, timestamp);
    }

    /**
     * An INCREMENTAL record with both images.
     *
     * @param keys     its {@code Keys}, or null
     * @param oldImage its {@code OldImage}, or null
     * @param newImage its {@code NewImage}, or null
     */
    static Change toChange(boolean incremental, Map<String, AttributeValue> keys, Map<String, AttributeValue> oldImage,
                           Map<String, AttributeValue> newImage, Origin origin) {
        if (!incremental) {
            throw bad(origin, "a FULL export has no old images: a change needs an INCREMENTAL export");
        }
        if (keys == null) {
            throw bad(origin, "expected \"Keys\" (an INCREMENTAL export line)");
        }
        Key key;
        try {
            key = new Key(keys);
        } catch (IllegalArgumentException e) {
            throw bad(origin, "\"Keys\" is not a key: " + e.getMessage());
        }
        return new Change(key, oldImage == null ? null : item(oldImage, origin, "OldImage"),
                newImage == null ? null : item(newImage, origin, "NewImage"), origin);
    }

    private static Item item(Map<String, AttributeValue> attributes, Origin origin, String field) {
        if (attributes.isEmpty()) {
            throw bad(origin, "\"" + field + "\" has no attributes");
        }
        return new Item(attributes);
    }

    static MalformedExportException bad(Origin origin, String reason) {
        return new MalformedExportException(origin.file(), origin.line(), reason);
    }

    static String shorten(String s) {
        return s.length() <= 16 ? s : s.substring(0, 16) + "...";
    }
}
