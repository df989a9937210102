package dev.pitr.model.internal;

import dev.pitr.model.Key;
import dev.pitr.model.Item;
import dev.pitr.model.AttributeValue;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * Builds the attribute map of an {@link Item}, a {@link Key} or an {@link AttributeValue.M}
 * once, for decoders: the map {@link #build()} returns is immutable, and those constructors
 * keep it as it is instead of copying it. A builder is reusable: {@code build()} empties it.
 * Not thread-safe.
 *
 * <pre>{@code
 * AttributeMapBuilder b = new AttributeMapBuilder();
 * b.put("pk", new AttributeValue.S("a"));
 * Item item = new Item(b.build());
 * }</pre>
 */
public final class AttributeMapBuilder {
    private String[] names = new String[8];
    private AttributeValue[] values = new AttributeValue[8];
    private int[] index;
    private int size;

    /**
     * Adds an attribute.
     *
     * @return false, leaving the builder unchanged, when {@code name} is there already
     */
    public boolean put(String name, AttributeValue value) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        if (size == names.length) {
            names = Arrays.copyOf(names, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        names[size] = name;
        index = SlotIndex.grow(index, names, size);
        boolean added = SlotIndex.add(index, names, size);
        if (!added) {
            names[size] = null;
            return false;
        }
        values[size++] = value;
        return true;
    }

    /** Attributes added since the last {@link #build()}. */
    public int size() {
        return size;
    }

    /** The attributes added so far as an immutable map; the builder is empty afterwards. */
    public Map<String, AttributeValue> build() {
        int n = size;
        AttributeMap map = new AttributeMap(Arrays.copyOf(names, n), Arrays.copyOf(values, n),
                n <= SlotIndex.LINEAR ? null : index.clone());
        Arrays.fill(names, 0, n, null);
        Arrays.fill(values, 0, n, null);
        index = null;
        size = 0;
        return map;
    }
}
