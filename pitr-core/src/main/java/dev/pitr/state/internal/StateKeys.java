package dev.pitr.state.internal;

import dev.pitr.model.AttributeValue;
import dev.pitr.model.Key;
import dev.pitr.model.KeySchema;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

/**
 * A key's canonical bytes, the identity the state is kept under: the partition key then the sort
 * key, each as a type byte, a length and its bytes; strings as UTF-8, binary as is, numbers by
 * value (as DynamoDB compares them: {@code 1}, {@code 1.0} and {@code 1E0} are one key).
 */
public final class StateKeys {
    private StateKeys() {
    }

    /** The canonical bytes of {@code key} under {@code schema}. */
    public static byte[] of(Key key, KeySchema schema) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(32);
        write(out, key.get(schema.partitionKey().name()));
        KeySchema.KeyAttribute sort = schema.sortKey();
        if (sort != null) {
            write(out, key.get(sort.name()));
        }
        return out.toByteArray();
    }

    private static void write(ByteArrayOutputStream out, AttributeValue value) {
        byte[] bytes;
        if (value instanceof AttributeValue.S s) {
            out.write('S');
            bytes = s.value().getBytes(StandardCharsets.UTF_8);
        } else if (value instanceof AttributeValue.N n) {
            out.write('N');
            bytes = canonicalNumber(n.text()).getBytes(StandardCharsets.US_ASCII);
        } else if (value instanceof AttributeValue.B b) {
            out.write('B');
            bytes = b.unsafeBytes();
        } else {
            throw new IllegalArgumentException("a key attribute is S, N or B, not " + (value == null ? "absent"
                    : value.type()));
        }
        int n = bytes.length;
        out.write(n >>> 24);
        out.write(n >>> 16);
        out.write(n >>> 8);
        out.write(n);
        out.write(bytes, 0, n);
    }

    /** One text per numeric value: {@code 100}, {@code 1E2} and {@code 100.00} all give {@code 1E+2}. */
    static String canonicalNumber(String text) {
        BigDecimal d = new BigDecimal(text);
        return d.signum() == 0 ? "0" : d.stripTrailingZeros().toString();
    }
}
