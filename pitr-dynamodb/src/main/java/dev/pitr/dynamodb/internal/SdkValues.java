package dev.pitr.dynamodb.internal;

import dev.pitr.model.AttributeValue;
import dev.pitr.model.Key;
import dev.pitr.model.WriteOp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Converts pitr's attribute values to the SDK's without copying payloads: strings and number
 * texts are shared, binaries are wrapped with {@link SdkBytes#fromByteArrayUnsafe}.
 */
public final class SdkValues {
    private static final software.amazon.awssdk.services.dynamodb.model.AttributeValue TRUE =
            software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromBool(true);
    private static final software.amazon.awssdk.services.dynamodb.model.AttributeValue FALSE =
            software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromBool(false);
    private static final software.amazon.awssdk.services.dynamodb.model.AttributeValue NUL =
            software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromNul(true);

    private SdkValues() {
    }

    /** The BatchWriteItem request entry for {@code op}. */
    public static WriteRequest writeRequest(WriteOp op) {
        if (op instanceof WriteOp.Put put) {
            return WriteRequest.builder()
                    .putRequest(PutRequest.builder().item(toSdk(put.item().attributes())).build())
                    .build();
        }
        Key key = ((WriteOp.Delete) op).key();
        return WriteRequest.builder()
                .deleteRequest(DeleteRequest.builder().key(toSdk(key.attributes())).build())
                .build();
    }

    /** A map of SDK values, in the same order. */
    static Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> toSdk(
            Map<String, AttributeValue> attributes) {
        Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> out =
                new LinkedHashMap<>(capacityFor(attributes.size()));
        for (Map.Entry<String, AttributeValue> e : attributes.entrySet()) {
            out.put(e.getKey(), toSdk(e.getValue()));
        }
        return out;
    }

    /** One SDK value. */
    static software.amazon.awssdk.services.dynamodb.model.AttributeValue toSdk(AttributeValue v) {
        if (v instanceof AttributeValue.S s) {
            return software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(s.value());
        } else if (v instanceof AttributeValue.N n) {
            return software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromN(n.text());
        } else if (v instanceof AttributeValue.B b) {
            return software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromB(bytes(b));
        } else if (v instanceof AttributeValue.Bool bool) {
            return bool.value() ? TRUE : FALSE;
        } else if (v instanceof AttributeValue.Null) {
            return NUL;
        } else if (v instanceof AttributeValue.M m) {
            return software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromM(toSdk(m.value()));
        } else if (v instanceof AttributeValue.L l) {
            List<software.amazon.awssdk.services.dynamodb.model.AttributeValue> list = new ArrayList<>(l.value().size());
            for (AttributeValue element : l.value()) {
                list.add(toSdk(element));
            }
            return software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromL(list);
        } else if (v instanceof AttributeValue.SS ss) {
            return software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromSs(new ArrayList<>(ss.value()));
        } else if (v instanceof AttributeValue.NS ns) {
            return software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromNs(new ArrayList<>(ns.value()));
        } else {
            List<SdkBytes> list = new ArrayList<>();
            for (AttributeValue.B b : ((AttributeValue.BS) v).value()) {
                list.add(bytes(b));
            }
            return software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromBs(list);
        }
    }

    private static SdkBytes bytes(AttributeValue.B b) {
        return SdkBytes.fromByteArrayUnsafe(b.unsafeBytes());
    }

    private static int capacityFor(int size) {
        return (int) Math.ceil(size / 0.75) + 1;
    }
}
