package dev.pitr.model.internal;

import dev.pitr.model.AttributeValue;
import java.util.Arrays;
import java.util.Objects;
import java.util.Set;

/**
 * Builds the elements of an {@link AttributeValue.SS}, {@link AttributeValue.NS} or
 * {@link AttributeValue.BS} once, for decoders: the set {@link #build()} returns is immutable,
 * and those constructors keep it as it is instead of copying it. A builder is reusable:
 * {@code build()} empties it. Not thread-safe.
 *
 * @param <E> {@code String} for SS and NS, {@link AttributeValue.B} for BS
 */
public final class AttributeSetBuilder<E> {
    private Object[] elements = new Object[8];
    private int[] index;
    private int size;

    /**
     * Adds an element.
     *
     * @return false, leaving the builder unchanged, when an equal element is there already
     */
    public boolean add(E element) {
        Objects.requireNonNull(element, "element");
        if (size == elements.length) {
            elements = Arrays.copyOf(elements, size * 2);
        }
        elements[size] = element;
        index = SlotIndex.grow(index, elements, size);
        boolean added = SlotIndex.add(index, elements, size);
        if (!added) {
            elements[size] = null;
            return false;
        }
        size++;
        return true;
    }

    /** Elements added since the last {@link #build()}. */
    public int size() {
        return size;
    }

    /** The elements added so far as an immutable set; the builder is empty afterwards. */
    public Set<E> build() {
        int n = size;
        AttributeSet<E> set = new AttributeSet<>(Arrays.copyOf(elements, n),
                n <= SlotIndex.LINEAR ? null : index.clone());
        Arrays.fill(elements, 0, n, null);
        index = null;
        size = 0;
        return set;
    }
}
