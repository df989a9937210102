package dev.pitr.testing;

import dev.pitr.model.AttributeValue;
import dev.pitr.model.Item;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Where two items differ, as attribute paths and types (never values), for assertion messages
 * that stay readable when an item of 2 KB does not match.
 */
final class ItemDifferences {
    private ItemDifferences() {
    }

    /** The paths at which {@code a} and {@code b} differ; empty when they are equal. */
    static List<String> of(Item a, Item b) {
        List<String> out = new ArrayList<>();
        if (a == null || b == null) {
            if (a != b) {
                out.add(a == null ? "expected no item" : "expected an item");
            }
            return out;
        }
        maps("", a.attributes(), b.attributes(), out);
        return out;
    }

    private static void maps(String path, Map<String, AttributeValue> a, Map<String, AttributeValue> b, List<String> out) {
        for (String name : new TreeSet<>(union(a, b))) {
            AttributeValue x = a.get(name);
            AttributeValue y = b.get(name);
            String p = path.isEmpty() ? name : path + "." + name;
            if (x == null || y == null) {
                out.add(p + (x == null ? " missing on the left" : " missing on the right"));
            } else {
                values(p, x, y, out);
            }
        }
    }

    private static java.util.Set<String> union(Map<String, AttributeValue> a, Map<String, AttributeValue> b) {
        java.util.Set<String> s = new java.util.HashSet<>(a.keySet());
        s.addAll(b.keySet());
        return s;
    }

    private static void values(String p, AttributeValue x, AttributeValue y, List<String> out) {
        if (x.type() != y.type()) {
            out.add(p + ": " + x.type() + " vs " + y.type());
        } else if (x instanceof AttributeValue.M mx) {
            maps(p, mx.value(), ((AttributeValue.M) y).value(), out);
        } else if (x instanceof AttributeValue.L lx) {
            List<AttributeValue> ly = ((AttributeValue.L) y).value();
            if (lx.value().size() != ly.size()) {
                out.add(p + ": list of " + lx.value().size() + " vs " + ly.size());
            } else {
                for (int i = 0; i < ly.size(); i++) {
                    values(p + "[" + i + "]", lx.value().get(i), ly.get(i), out);
                }
            }
        } else if (!x.equals(y)) {
            out.add(p + ": " + x.type() + " values differ");
        }
    }
}
