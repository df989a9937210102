package dev.pitr.model;

import dev.pitr.model.internal.AttributeMap;
import org.jspecify.annotations.Nullable;
import java.util.Map;

/**
 * A whole DynamoDB item: attribute names to values. Immutable; {@code toString()} shows the
 * attribute names only.
 */
public record Item(Map<String, AttributeValue> attributes) {

    public Item {
        if (attributes.isEmpty()) {
            throw new IllegalArgumentException("an item has at least its key attributes");
        }
        attributes = AttributeMap.of(attributes);
    }

    /** The value of {@code name}, or {@code null}. */
    public @Nullable AttributeValue get(String name) {
        return attributes.get(name);
    }

    /**
     * The item's size as DynamoDB counts it for write capacity: the UTF-8 length of every
     * attribute name plus the size of every value.
     */
    public long sizeInBytes() {
        return ItemSize.of(attributes);
    }

    /** This item's key under {@code schema}. */
    public Key keyFor(KeySchema schema) {
        return schema.keyOf(this);
    }

    @Override
    public String toString() {
        return "Item" + attributes.keySet();
    }
}
