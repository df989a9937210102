package dev.pitr.dynamodb.internal;

import dev.pitr.model.AttributeValue;
import dev.pitr.model.Item;
import dev.pitr.model.Key;
import dev.pitr.model.KeySchema;
import dev.pitr.model.Origin;
import dev.pitr.model.WriteOp;
import dev.pitr.write.WriteCapacity;
import java.util.LinkedHashMap;
import java.util.Map;

/** Operations and pending entries for the writer's unit tests. */
final class TestOps {
    static final KeySchema HASH = KeySchema.of("pk", KeySchema.ScalarType.S);

    private TestOps() {
    }

    static WriteOp put(String pk, String payload, long line) {
        Map<String, AttributeValue> attrs = new LinkedHashMap<>();
        attrs.put("pk", new AttributeValue.S(pk));
        attrs.put("payload", new AttributeValue.S(payload));
        return new WriteOp.Put(new Item(attrs), new Origin("data/test.json.gz", line), WriteOp.NO_TIMESTAMP);
    }

    static WriteOp delete(Key key, long line) {
        return new WriteOp.Delete(key, new Origin("data/test.json.gz", line), WriteOp.NO_TIMESTAMP);
    }

    /** A pending entry as the engine prepares it. */
    static Pending pending(WriteOp op, KeySchema schema) {
        int wcu = WriteCapacity.estimate(op);
        return new Pending(op, schema, SdkValues.writeRequest(op), null, wcu, RequestSize.of(op), null);
    }

    static Pending pending(WriteOp op) {
        return pending(op, HASH);
    }
}
