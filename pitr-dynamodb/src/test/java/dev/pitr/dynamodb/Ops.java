package dev.pitr.dynamodb;

import dev.pitr.model.AttributeValue;
import dev.pitr.model.Item;
import dev.pitr.model.Key;
import dev.pitr.model.KeySchema;
import dev.pitr.model.Origin;
import dev.pitr.model.WriteOp;
import java.util.LinkedHashMap;
import java.util.Map;

/** Operations on a table keyed by {@code pk} (S), for the sink's tests. */
final class Ops {
    static final String FILE = "data/test.json.gz";
    static final KeySchema HASH = KeySchema.of("pk", KeySchema.ScalarType.S);

    private Ops() {
    }

    /** A put of {@code {pk, v, payload}} from line {@code line}. */
    static WriteOp.Put put(String pk, long line, String payload) {
        Map<String, AttributeValue> attrs = new LinkedHashMap<>();
        attrs.put("pk", new AttributeValue.S(pk));
        attrs.put("v", new AttributeValue.N(Long.toString(line)));
        attrs.put("payload", new AttributeValue.S(payload));
        return new WriteOp.Put(new Item(attrs), new Origin(FILE, line), WriteOp.NO_TIMESTAMP);
    }

    static WriteOp.Put put(String pk, long line) {
        return put(pk, line, "payload-" + line);
    }

    static WriteOp.Delete delete(String pk, long line) {
        return new WriteOp.Delete(Key.of("pk", new AttributeValue.S(pk)), new Origin(FILE, line), WriteOp.NO_TIMESTAMP);
    }
}
