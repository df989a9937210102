package dev.pitr.dynamodb.internal;

import dev.pitr.model.AttributeValue;
import dev.pitr.model.Key;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The identity of the item a key names, as DynamoDB sees it: number key values compare by
 * value ({@code 1}, {@code 1.0} and {@code 10E-1} are one item), strings and binaries by content.
 */
public final class KeyIdentity {
    private KeyIdentity() {
    }

    /** An object equal to the identity of every key naming the same item as {@code key}. */
    public static Object of(Key key) {
        boolean hasNumber = false;
        for (AttributeValue v : key.attributes().values()) {
            if (v instanceof AttributeValue.N) {
                hasNumber = true;
                break;
            }
        }
        if (!hasNumber) {
            return key;
        }
        Map<String, Object> canonical = new LinkedHashMap<>();
        key.attributes().forEach((name, v) -> canonical.put(name, v instanceof AttributeValue.N n
                ? new CanonicalNumber(new BigDecimal(n.text()).stripTrailingZeros().toString()) : v));
        return canonical;
    }

    private record CanonicalNumber(String text) {
    }
}
