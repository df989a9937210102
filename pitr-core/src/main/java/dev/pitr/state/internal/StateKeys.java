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

    /**
     * The key whose canonical bytes are {@code bytes} (numbers come back in their canonical text,
     * the same value).
     *
     * @throws IllegalArgumentException when {@code bytes} are not a key's canonical bytes under {@code schema}
     */
    public static Key keyOf(byte[] bytes, KeySchema schema) {
        int[] at = {0};
        AttributeValue partition = read(bytes, at);
        KeySchema.KeyAttribute sort = schema.sortKey();
        Key key = sort == null ? Key.of(schema.partitionKey().name(), partition)
                : Key.of(schema.partitionKey().name(), partition, sort.name(), read(bytes, at));
        if (at[0] != bytes.length) {
            throw new IllegalArgumentException("not a key's canonical bytes: " + (bytes.length - at[0]) + " bytes left");
        }
        return key;
    }

    private static AttributeValue read(byte[] bytes, int[] at) {
        int i = at[0];
        if (bytes.length - i < 5) {
            throw new IllegalArgumentException("not a key's canonical bytes: too short");
        }
        byte type = bytes[i];
        int n = ((bytes[i + 1] & 0xff) << 24) | ((bytes[i + 2] & 0xff) << 16) | ((bytes[i + 3] & 0xff) << 8)
                | (bytes[i + 4] & 0xff);
        if (n < 0 || n > bytes.length - i - 5) {
            throw new IllegalArgumentException("not a key's canonical bytes: bad length");
        }
        at[0] = i + 5 + n;
        return switch (type) {
            case 'S' -> new AttributeValue.S(new String(bytes, i + 5, n, StandardCharsets.UTF_8));
            case 'N' -> new AttributeValue.N(new String(bytes, i + 5, n, StandardCharsets.US_ASCII));
            case 'B' -> AttributeValue.B.of(java.util.Arrays.copyOfRange(bytes, i + 5, i + 5 + n));
            default -> throw new IllegalArgumentException("not a key's canonical bytes: type " + type);
        };
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
    public static String canonicalNumber(String text) {
        BigDecimal d = new BigDecimal(text);
        return d.signum() == 0 ? "0" : d.stripTrailingZeros().toString();
    }
}
