package dev.pitr.examples;

import dev.pitr.model.AttributeValue;
import dev.pitr.model.Item;
import dev.pitr.model.Key;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How a table's content differs from the expected one, by key: items missing, items that should
 * not be there, items whose attributes differ. Numbers compare by value, as DynamoDB stores them
 * ({@code 1.50} is {@code 1.5}); sets compare as sets. Names keys, never attribute values.
 *
 * @param missing    keys expected and absent
 * @param unexpected keys present and not expected
 * @param different  keys present in both with other attributes
 */
record Comparison(List<Key> missing, List<Key> unexpected, List<Key> different) {
    private static final int KEYS_SHOWN = 5;

    /** Compares {@code actual} with {@code expected}. */
    static Comparison of(Map<Key, Item> expectedItems, Map<Key, Item> actualItems) {
        Map<Key, Item> expected = canonicalTable(expectedItems);
        Map<Key, Item> actual = canonicalTable(actualItems);
        List<Key> missing = new ArrayList<>();
        List<Key> different = new ArrayList<>();
        List<Key> unexpected = new ArrayList<>();
        expected.forEach((key, item) -> {
            Item found = actual.get(key);
            if (found == null) {
                missing.add(key);
            } else if (!found.equals(item)) {
                different.add(key);
            }
        });
        for (Key key : actual.keySet()) {
            if (!expected.containsKey(key)) {
                unexpected.add(key);
            }
        }
        return new Comparison(List.copyOf(missing), List.copyOf(unexpected), List.copyOf(different));
    }

    private static Map<Key, Item> canonicalTable(Map<Key, Item> items) {
        Map<Key, Item> out = new HashMap<>();
        items.forEach((key, item) -> out.put(new Key(canonical(key.attributes())), new Item(canonical(item.attributes()))));
        return out;
    }

    private static Map<String, AttributeValue> canonical(Map<String, AttributeValue> attributes) {
        Map<String, AttributeValue> out = new LinkedHashMap<>();
        attributes.forEach((name, value) -> out.put(name, canonical(value)));
        return out;
    }

    private static AttributeValue canonical(AttributeValue value) {
        if (value instanceof AttributeValue.N n) {
            return new AttributeValue.N(number(n.text()));
        }
        if (value instanceof AttributeValue.NS ns) {
            Set<String> numbers = new LinkedHashSet<>();
            ns.value().forEach(text -> numbers.add(number(text)));
            return new AttributeValue.NS(numbers);
        }
        if (value instanceof AttributeValue.M m) {
            return new AttributeValue.M(canonical(m.value()));
        }
        if (value instanceof AttributeValue.L l) {
            return new AttributeValue.L(l.value().stream().map(Comparison::canonical).toList());
        }
        return value;
    }

    private static String number(String text) {
        BigDecimal d = new BigDecimal(text);
        return d.signum() == 0 ? "0" : d.stripTrailingZeros().toString();
    }

    /** Whether the contents are the same. */
    boolean equal() {
        return missing.isEmpty() && unexpected.isEmpty() && different.isEmpty();
    }

    /** {@code 2 missing, 0 unexpected, 1 different}. */
    String counts() {
        return missing.size() + " missing, " + unexpected.size() + " unexpected, " + different.size() + " different";
    }

    /** The counts and the first few keys of each kind. */
    String describe() {
        return counts() + keys("; missing: ", missing) + keys("; unexpected: ", unexpected)
                + keys("; different: ", different);
    }

    private static String keys(String label, List<Key> keys) {
        if (keys.isEmpty()) {
            return "";
        }
        List<String> shown = keys.stream().limit(KEYS_SHOWN).map(Key::toDisplayString).toList();
        return label + String.join(", ", shown) + (keys.size() > KEYS_SHOWN ? ", ..." : "");
    }
}
