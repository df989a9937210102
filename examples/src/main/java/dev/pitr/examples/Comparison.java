package dev.pitr.examples;

import dev.pitr.model.Item;
import dev.pitr.model.Key;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How a table's content differs from the expected one, by key: items missing, items that should
 * not be there, items whose attributes differ. Names keys, never attribute values.
 *
 * @param missing    keys expected and absent
 * @param unexpected keys present and not expected
 * @param different  keys present in both with other attributes
 */
record Comparison(List<Key> missing, List<Key> unexpected, List<Key> different) {
    private static final int KEYS_SHOWN = 5;

    /** Compares {@code actual} with {@code expected}. */
    static Comparison of(Map<Key, Item> expected, Map<Key, Item> actual) {
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
