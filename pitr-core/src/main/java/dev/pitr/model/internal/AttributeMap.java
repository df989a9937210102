package dev.pitr.model.internal;

import dev.pitr.model.Key;
import dev.pitr.model.Item;
import dev.pitr.model.AttributeValue;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The immutable, insertion-ordered map of attribute names to values behind {@link Item},
 * {@link Key} and {@link AttributeValue.M}: two arrays and, beyond a few entries, a hash index.
 * Their constructors keep an instance of this class as it is and copy any other map into one,
 * so a map built once by {@link AttributeMapBuilder} is never copied again.
 */
public final class AttributeMap extends AbstractMap<String, AttributeValue> {
    private final String[] names;
    private final AttributeValue[] values;
    private final int[] index;
    private Set<Entry<String, AttributeValue>> entries;

    AttributeMap(String[] names, AttributeValue[] values, int[] index) {
        this.names = names;
        this.values = values;
        this.index = index;
    }

    /** {@code map} itself when it is one of these, else an immutable copy. */
    public static AttributeMap of(Map<String, AttributeValue> map) {
        if (map instanceof AttributeMap a) {
            return a;
        }
        int n = map.size();
        String[] names = new String[n];
        AttributeValue[] values = new AttributeValue[n];
        int i = 0;
        for (Map.Entry<String, AttributeValue> e : map.entrySet()) {
            if (i == n) {
                throw new ConcurrentModificationException();
            }
            names[i] = Objects.requireNonNull(e.getKey(), "attribute name");
            values[i] = Objects.requireNonNull(e.getValue(), () -> "value of attribute " + e.getKey());
            i++;
        }
        if (i != n) {
            throw new ConcurrentModificationException();
        }
        return new AttributeMap(names, values, SlotIndex.build(names, n));
    }

    @Override
    public int size() {
        return names.length;
    }

    @Override
    public boolean isEmpty() {
        return names.length == 0;
    }

    @Override
    public AttributeValue get(Object key) {
        if (key == null) {
            return null;
        }
        int p = SlotIndex.find(index, names, names.length, key);
        return p < 0 ? null : values[p];
    }

    @Override
    public boolean containsKey(Object key) {
        return key != null && SlotIndex.find(index, names, names.length, key) >= 0;
    }

    @Override
    public void forEach(BiConsumer<? super String, ? super AttributeValue> action) {
        for (int i = 0; i < names.length; i++) {
            action.accept(names[i], values[i]);
        }
    }

    @Override
    public Set<Entry<String, AttributeValue>> entrySet() {
        Set<Entry<String, AttributeValue>> e = entries;
        if (e == null) {
            e = new EntrySet();
            entries = e;
        }
        return e;
    }

    private final class EntrySet extends AbstractSet<Entry<String, AttributeValue>> {
        @Override
        public Iterator<Entry<String, AttributeValue>> iterator() {
            return new Iterator<>() {
                private int next;

                @Override
                public boolean hasNext() {
                    return next < names.length;
                }

                @Override
                public Entry<String, AttributeValue> next() {
                    if (next >= names.length) {
                        throw new NoSuchElementException();
                    }
                    int i = next++;
                    return new SimpleImmutableEntry<>(names[i], values[i]);
                }
            };
        }

        @Override
        public int size() {
            return names.length;
        }
    }
}
