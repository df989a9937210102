package dev.pitr.verify;

import dev.pitr.model.AttributeValue;
import dev.pitr.model.Item;
import dev.pitr.verify.internal.Canonical;
import java.util.Arrays;
import java.util.Map;

/**
 * Equality as DynamoDB compares values: numbers by value ({@code 1.5} and {@code 1.50} are one
 * number), sets as sets (of numbers by value), binary by bytes, maps by their entries, lists in
 * order. The model's own {@code equals} keeps a number's text, as exports write it; a table read
 * back may write the same number another way. {@link ItemDigest} digests the same form.
 */
public final class SameValue {
    private SameValue() {
    }

    /** Whether {@code a} and {@code b} hold the same attributes with the same values. */
    public static boolean items(Item a, Item b) {
        return Arrays.equals(Canonical.of(a.attributes()), Canonical.of(b.attributes()));
    }

    /** Whether {@code a} and {@code b} are the same value. */
    public static boolean values(AttributeValue a, AttributeValue b) {
        return Arrays.equals(Canonical.of(Map.of("", a)), Canonical.of(Map.of("", b)));
    }
}
