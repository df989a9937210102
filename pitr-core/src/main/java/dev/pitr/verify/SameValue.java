package dev.pitr.verify;

import dev.pitr.model.AttributeValue;
import dev.pitr.model.Item;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Equality as DynamoDB compares values: numbers by value ({@code 1.5} and {@code 1.50} are one
 * number), sets as sets (of numbers by value), binary by bytes, maps by their entries, lists in
 * order. The model's own {@code equals} keeps a number's text, as exports write it; a table read
 * back may write the same number another way.
 */
public final class SameValue {
    private SameValue() {
    }

    /** Whether {@code a} and {@code b} hold the same attributes with the same values. */
    public static boolean items(Item a, Item b) {
        return attributes(a.attributes(), b.attributes());
    }

    static boolean attributes(Map<String, AttributeValue> a, Map<String, AttributeValue> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (Map.Entry<String, AttributeValue> e : a.entrySet()) {
            AttributeValue other = b.get(e.getKey());
            if (other == null || !values(e.getValue(), other)) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code a} and {@code b} are the same value. */
    public static boolean values(AttributeValue a, AttributeValue b) {
        if (a.type() != b.type()) {
            return false;
        }
        if (a instanceof AttributeValue.N n) {
            return n.toBigDecimal().compareTo(((AttributeValue.N) b).toBigDecimal()) == 0;
        }
        if (a instanceof AttributeValue.NS ns) {
            return numbers(ns.value()).equals(numbers(((AttributeValue.NS) b).value()));
        }
        if (a instanceof AttributeValue.M m) {
            return attributes(m.value(), ((AttributeValue.M) b).value());
        }
        if (a instanceof AttributeValue.L l) {
            List<AttributeValue> x = l.value();
            List<AttributeValue> y = ((AttributeValue.L) b).value();
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!values(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b); // S, B (by bytes), BOOL, NULL, SS, BS (sets of equal elements)
    }

    private static Set<BigDecimal> numbers(Set<String> texts) {
        Set<BigDecimal> out = new HashSet<>();
        for (String t : texts) {
            BigDecimal d = new BigDecimal(t);
            out.add(d.signum() == 0 ? BigDecimal.ZERO : d.stripTrailingZeros());
        }
        return out;
    }
}
