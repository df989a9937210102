package dev.pitr.dynamodb.internal;

import dev.pitr.model.AttributeValue;
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
        Object partition = canonical(attributes.get(schema.partitionKey().name()));
        Object sort = schema.sortKey() == null ? null : canonical(attributes.get(schema.sortKey().name()));
        return new KeyIdentity(partition, sort);
    }

    private static Object canonical(AttributeValue v) {
        Objects.requireNonNull(v, "key attribute");
        return v instanceof AttributeValue.N n
                ? new CanonicalNumber(new BigDecimal(n.text()).stripTrailingZeros().toString()) : v;
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
