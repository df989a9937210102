package dev.pitr.dynamodb.internal;

import dev.pitr.model.AttributeValue;
import dev.pitr.model.Key;
import dev.pitr.model.KeySchema;
import dev.pitr.model.WriteOp;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Objects;

/**
 * The identity of the item an operation writes or deletes, as DynamoDB sees it: number key
 * values compare by value ({@code 1}, {@code 1.0} and {@code 10E-1} are one item), strings and
 * binaries by content.
 *
 * <p>Read straight from the operation's attributes (no {@link dev.pitr.model.Key} is built) and
 * hashed once, on the caller's thread: the writer's thread looks identities up twice per
 * operation (when it arrives and when it finishes) and pays for neither hashing nor a copy.
 */
final class KeyIdentity {
    private final Object partition;
    private final Object sort;
    private final int hash;

    private KeyIdentity(Object partition, Object sort) {
        this.partition = partition;
        this.sort = sort;
        this.hash = 31 * partition.hashCode() + Objects.hashCode(sort);
    }

    /**
     * The identity of the item {@code op} names under {@code schema}; the operation's key must
     * already have been checked against the schema.
     */
    static KeyIdentity of(WriteOp op, KeySchema schema) {
        Map<String, AttributeValue> attributes = op instanceof WriteOp.Put put
                ? put.item().attributes() : ((WriteOp.Delete) op).key().attributes();
        return ofChecked(attributes, schema);
    }

    /** The identity of the item {@code key} names; the key must already have been checked against the schema. */
    static KeyIdentity of(Key key, KeySchema schema) {
        return ofChecked(key.attributes(), schema);
    }

    private static KeyIdentity ofChecked(Map<String, AttributeValue> attributes, KeySchema schema) {
        Object partition = canonical(attributes.get(schema.partitionKey().name()));
        Object sort = schema.sortKey() == null ? null : canonical(attributes.get(schema.sortKey().name()));
        return new KeyIdentity(partition, sort);
    }

    /**
     * The identity of the item an SDK entry names (a put's item or a delete's key, such as one
     * DynamoDB hands back unprocessed), equal to that of every operation on the same item however
     * its numbers are written; {@code null} when a key attribute is missing or cannot be a key.
     */
    static KeyIdentity of(Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> attributes,
                          KeySchema schema) {
        Object partition = canonical(attributes.get(schema.partitionKey().name()));
        if (partition == null) {
            return null;
        }
        if (schema.sortKey() == null) {
            return new KeyIdentity(partition, null);
        }
        Object sort = canonical(attributes.get(schema.sortKey().name()));
        return sort == null ? null : new KeyIdentity(partition, sort);
    }

    private static Object canonical(AttributeValue v) {
        Objects.requireNonNull(v, "key attribute");
        return v instanceof AttributeValue.N n ? canonicalNumber(n.text()) : v;
    }

    /** The value as {@link #canonical(AttributeValue)} has it, or {@code null} if no key can hold it. */
    private static Object canonical(software.amazon.awssdk.services.dynamodb.model.AttributeValue v) {
        if (v == null) {
            return null;
        }
        if (v.s() != null) {
            return new AttributeValue.S(v.s());
        }
        if (v.b() != null) {
            return AttributeValue.B.wrap(v.b().asByteArrayUnsafe());
        }
        if (v.n() != null) {
            try {
                return canonicalNumber(v.n());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private static CanonicalNumber canonicalNumber(String text) {
        return new CanonicalNumber(new BigDecimal(text).stripTrailingZeros().toString());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeyIdentity other && hash == other.hash && partition.equals(other.partition)
                && Objects.equals(sort, other.sort);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return "KeyIdentity[" + Integer.toHexString(hash) + "]"; // never the values
    }

    private record CanonicalNumber(String text) {
    }
}
