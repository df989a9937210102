package dev.pitr.model;

import org.jspecify.annotations.Nullable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A table's primary key: a partition key and an optional sort key, each with its scalar type.
 */
public record KeySchema(KeyAttribute partitionKey, @Nullable KeyAttribute sortKey) {

    /** The scalar types a key attribute can have. */
    public enum ScalarType { S, N, B }

    /** One key attribute: its name and type. */
    public record KeyAttribute(String name, ScalarType type) {
        public KeyAttribute {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
            if (name.isEmpty()) {
                throw new IllegalArgumentException("key attribute name is empty");
            }
        }

        @Override
        public String toString() {
            return name + " (" + type + ")";
        }
    }

    /**
     * @param partitionKey the partition (hash) key
     * @param sortKey      the sort (range) key, or {@code null} when the table has none
     */
    public KeySchema {
        Objects.requireNonNull(partitionKey, "partitionKey");
        if (sortKey != null && sortKey.name().equals(partitionKey.name())) {
            throw new IllegalArgumentException("partition and sort key are both named " + sortKey.name());
        }
    }

    public static KeySchema of(String partitionName, ScalarType partitionType) {
        return new KeySchema(new KeyAttribute(partitionName, partitionType), null);
    }

    public static KeySchema of(String partitionName, ScalarType partitionType, String sortName, ScalarType sortType) {
        return new KeySchema(new KeyAttribute(partitionName, partitionType), new KeyAttribute(sortName, sortType));
    }

    /**
     * The key of {@code item} under this schema.
     *
     * @throws IllegalArgumentException naming the attribute when the item lacks a key attribute
     *                                  or has it with another type
     */
    public Key keyOf(Item item) {
        return pick(item.attributes());
    }

    /**
     * Checks that {@code key} has exactly this schema's attributes with their types.
     *
     * @return {@code null} when it matches, else what differs (names and types, no values)
     */
    public String mismatch(Key key) {
        Map<String, AttributeValue> a = key.attributes();
        int expected = sortKey == null ? 1 : 2;
        String problem = problem(partitionKey, a.get(partitionKey.name()));
        if (problem == null && sortKey != null) {
            problem = problem(sortKey, a.get(sortKey.name()));
        }
        if (problem == null && a.size() != expected) {
            problem = "key has attributes " + describe(a) + ", table key is " + this;
        }
        return problem;
    }

    private Key pick(Map<String, AttributeValue> attributes) {
        AttributeValue pk = attributes.get(partitionKey.name());
        String problem = problem(partitionKey, pk);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        if (sortKey == null) {
            return Key.of(partitionKey.name(), pk);
        }
        AttributeValue sk = attributes.get(sortKey.name());
        problem = problem(sortKey, sk);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        return Key.of(partitionKey.name(), pk, sortKey.name(), sk);
    }

    private static String problem(KeyAttribute expected, AttributeValue found) {
        if (found == null) {
            return "missing key attribute " + expected;
        }
        if (!found.type().name().equals(expected.type().name())) {
            return "key attribute " + expected.name() + " is " + found.type() + ", table expects " + expected.type();
        }
        return null;
    }

    private static String describe(Map<String, AttributeValue> a) {
        Map<String, AttributeValue.Type> types = new LinkedHashMap<>();
        a.forEach((k, v) -> types.put(k, v.type()));
        return types.toString();
    }

    /**
     * Parses a key schema as people write it: the partition key, then the sort key if any, each
     * {@code NAME:TYPE} with TYPE {@code S}, {@code N} or {@code B} (any case), joined by a comma:
     * {@code customer:S,orderId:N}. Exports do not carry their table's key schema, so tools that
     * work without the table (compaction) take it this way.
     *
     * @throws IllegalArgumentException naming the part that is not {@code NAME:TYPE}
     */
    public static KeySchema parse(String text) {
        String[] parts = text.split(",", -1);
        if (parts.length > 2) {
            throw new IllegalArgumentException("a key is NAME:TYPE or NAME:TYPE,NAME:TYPE, got \"" + text + "\"");
        }
        KeyAttribute[] attributes = new KeyAttribute[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            int colon = part.lastIndexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("a key attribute is NAME:TYPE (TYPE S, N or B), got \"" + part + "\"");
            }
            String type = part.substring(colon + 1).toUpperCase(java.util.Locale.ROOT);
            if (!type.equals("S") && !type.equals("N") && !type.equals("B")) {
                throw new IllegalArgumentException("the type of \"" + part.substring(0, colon) + "\" must be S, N or B, got \""
                        + part.substring(colon + 1) + "\"");
            }
            attributes[i] = new KeyAttribute(part.substring(0, colon), ScalarType.valueOf(type));
        }
        return new KeySchema(attributes[0], attributes.length == 2 ? attributes[1] : null);
    }

    @Override
    public String toString() {
        return sortKey == null ? "[" + partitionKey + "]" : "[" + partitionKey + ", " + sortKey + "]";
    }
}
