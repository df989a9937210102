package dev.pitr.model.internal;

import dev.pitr.model.AttributeValue;
import java.util.AbstractSet;
import java.util.Collection;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The immutable, insertion-ordered set behind {@link AttributeValue.SS}, {@link AttributeValue.NS}
 * and {@link AttributeValue.BS}: an array and, beyond a few elements, a hash index. Their
 * constructors keep an instance of this class as it is and copy any other set into one.
 */
public final class AttributeSet<E> extends AbstractSet<E> {
    private final Object[] elements;
    private final int[] index;

    AttributeSet(Object[] elements, int[] index) {
        this.elements = elements;
        this.index = index;
    }

    /** {@code set} itself when it is one of these, else an immutable copy; nulls refused. */
    @SuppressWarnings("unchecked")
    public static <E> Set<E> of(Collection<E> set, String type) {
        if (set instanceof AttributeSet<?> a) {
            return (Set<E>) a;
        }
        Object[] elements = set.toArray();
        AttributeSetBuilder<E> b = new AttributeSetBuilder<>();
        for (Object o : elements) {
            if (o == null) {
                throw new IllegalArgumentException(type + " must not contain null");
            }
            b.add((E) o); // a Set has no duplicates; the builder drops any other collection's
        }
        if (b.size() > elements.length) {
            throw new ConcurrentModificationException();
        }
        return b.build();
    }

    @Override
    public int size() {
        return elements.length;
    }

    @Override
    public boolean contains(Object o) {
        return o != null && SlotIndex.find(index, elements, elements.length, o) >= 0;
    }

    @Override
    public Iterator<E> iterator() {
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < elements.length;
            }

            @Override
            @SuppressWarnings("unchecked")
            public E next() {
                if (next >= elements.length) {
                    throw new NoSuchElementException();
                }
                return (E) elements[next++];
            }
        };
    }

    @Override
    public Object[] toArray() {
        return elements.clone();
    }
}
