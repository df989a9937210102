package dev.pitr.write;

import dev.pitr.model.AttributeValue;
import dev.pitr.model.Item;
import dev.pitr.model.Key;
import dev.pitr.model.KeySchema;
import dev.pitr.model.WriteOp;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The key check every {@link ItemSink} makes before it queues an operation.
 */
public final class OperationKeys {
    private static final int MAX_LISTED = 10;

    private OperationKeys() {
    }

    /**
     * The key of the item {@code op} writes or deletes, checked against {@code schema}: a put's
     * item must hold every key attribute with its type, a delete's key must hold exactly the
     * key attributes with their types.
     *
     * @throws KeySchemaMismatchException naming the expected and found key attributes and the
     *                                    operation's origin, when they differ
     */
    public static Key keyOf(WriteOp op, KeySchema schema) {
        if (op instanceof WriteOp.Delete delete) {
            String problem = schema.mismatch(delete.key());
            if (problem != null) {
                throw new KeySchemaMismatchException(schema, describe(delete.key().attributes()), problem,
                        op.origin());
            }
            return delete.key();
        }
        Item item = ((WriteOp.Put) op).item();
        try {
            return schema.keyOf(item);
        } catch (IllegalArgumentException e) {
            throw new KeySchemaMismatchException(schema, describeScalars(item.attributes()), e.getMessage(),
                    op.origin());
        }
    }

    private static String describe(Map<String, AttributeValue> attributes) {
        StringJoiner j = new StringJoiner(", ", "{", "}");
        attributes.forEach((name, value) -> j.add(name + "=" + value.type()));
        return j.toString();
    }

    /** The item's attributes that could be key attributes (S, N, B), names and types only. */
    private static String describeScalars(Map<String, AttributeValue> attributes) {
        StringJoiner j = new StringJoiner(", ", "{", "}");
        int listed = 0;
        for (Map.Entry<String, AttributeValue> e : attributes.entrySet()) {
            AttributeValue.Type type = e.getValue().type();
            if (type == AttributeValue.Type.S || type == AttributeValue.Type.N || type == AttributeValue.Type.B) {
                if (listed == MAX_LISTED) {
                    j.add("...");
                    break;
                }
                j.add(e.getKey() + "=" + type);
                listed++;
            }
        }
        return j.toString();
    }
}
