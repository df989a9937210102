package dev.pitr.model;

import dev.pitr.model.internal.AttributeMap;
import org.jspecify.annotations.Nullable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The primary key of an item: its partition key and, for tables that have one, its sort key.
 * Each value is an S, N or B. Keys compare by value, so they serve to detect two operations on
 * one item.
 *
 * <p>{@code toString()} hides the values; {@link #toDisplayString()} shows them for the error
 * messages that must name an item.
 */
public record Key(Map<String, AttributeValue> attributes) {

    public Key {
        if (attributes.isEmpty() || attributes.size() > 2) {
            throw new IllegalArgumentException("a key has one or two attributes, not " + attributes.size());
        }
        attributes = AttributeMap.of(attributes);
        attributes.forEach((name, value) -> {
            AttributeValue.Type t = value.type();
            if (t != AttributeValue.Type.S && t != AttributeValue.Type.N && t != AttributeValue.Type.B) {
                throw new IllegalArgumentException("key attribute " + name + " is " + t + ", not S, N or B");
            }
        });
    }

    /** A key with a partition key only. */
    public static Key of(String name, AttributeValue value) {
        return new Key(Map.of(name, value));
    }

    /** A key with a partition key and a sort key. */
    public static Key of(String partitionName, AttributeValue partition, String sortName, AttributeValue sort) {
        Map<String, AttributeValue> m = new LinkedHashMap<>();
        m.put(partitionName, partition);
        m.put(sortName, sort);
        return new Key(m);
    }

    /** The value of key attribute {@code name}, or {@code null}. */
    public @Nullable AttributeValue get(String name) {
        return attributes.get(name);
    }

    /** Size as DynamoDB counts it (names plus values). */
    public long sizeInBytes() {
        return ItemSize.of(attributes);
    }

    /** The key with its values, for error messages that must name the item: {@code {pk=S:"a", sk=N:1}}. */
    public String toDisplayString() {
        StringJoiner j = new StringJoiner(", ", "{", "}");
        attributes.forEach((name, v) -> {
            String shown;
            if (v instanceof AttributeValue.S s) {
                shown = "S:\"" + s.value() + "\"";
            } else if (v instanceof AttributeValue.N n) {
                shown = "N:" + n.text();
            } else {
                shown = "B:" + java.util.Base64.getEncoder().encodeToString(((AttributeValue.B) v).unsafeBytes());
            }
            j.add(name + "=" + shown);
        });
        return j.toString();
    }

    @Override
    public String toString() {
        return "Key" + attributes.keySet();
    }
}
