package dev.pitr.benchmarks;

import com.amazon.ion.IonBlob;
import com.amazon.ion.IonBool;
import com.amazon.ion.IonDecimal;
import com.amazon.ion.IonInt;
import com.amazon.ion.IonList;
import com.amazon.ion.IonStruct;
import com.amazon.ion.IonSystem;
import com.amazon.ion.IonText;
import com.amazon.ion.IonValue;
import com.amazon.ion.system.IonSystemBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The baseline users write first for Ion exports: {@code readLine()} over the gunzipped file,
 * ion-java's DOM ({@code IonSystem.singleValue}) per line, then the SDK's {@link AttributeValue}s
 * built from the {@link IonStruct}, ending in the {@link WriteRequest} BatchWriteItem takes.
 * It checks nothing, as such readers usually don't.
 */
final class NaiveIonDecoder {
    private final IonSystem ion = IonSystemBuilder.standard().build();
    private final boolean incremental;

    NaiveIonDecoder(boolean incremental) {
        this.incremental = incremental;
    }

    /** Decodes every line of the gzip stream into a {@link WriteRequest} handed to {@code out}. */
    long decode(InputStream compressed, Consumer<? super WriteRequest> out) throws IOException {
        return GzipLines.decode(compressed, line -> request((IonStruct) ion.singleValue(line)), out);
    }

    private WriteRequest request(IonStruct record) {
        if (!incremental) {
            return put((IonStruct) record.get("Item"));
        }
        IonValue newImage = record.get("NewImage");
        if (newImage != null) {
            return put((IonStruct) newImage);
        }
        return WriteRequest.builder()
                .deleteRequest(DeleteRequest.builder().key(item((IonStruct) record.get("Keys"))).build())
                .build();
    }

    private static WriteRequest put(IonStruct image) {
        return WriteRequest.builder().putRequest(PutRequest.builder().item(item(image)).build()).build();
    }

    private static Map<String, AttributeValue> item(IonStruct struct) {
        Map<String, AttributeValue> map = new HashMap<>();
        for (IonValue v : struct) {
            map.put(v.getFieldName(), value(v));
        }
        return map;
    }

    private static AttributeValue value(IonValue v) {
        if (v.isNullValue()) {
            return AttributeValue.fromNul(true);
        }
        switch (v.getType()) {
            case STRING:
                return AttributeValue.fromS(((IonText) v).stringValue());
            case DECIMAL:
                return AttributeValue.fromN(number(((IonDecimal) v).bigDecimalValue()));
            case INT:
                return AttributeValue.fromN(((IonInt) v).bigIntegerValue().toString());
            case BLOB:
                return AttributeValue.fromB(SdkBytes.fromByteArray(((IonBlob) v).getBytes()));
            case BOOL:
                return AttributeValue.fromBool(((IonBool) v).booleanValue());
            case STRUCT:
                return AttributeValue.fromM(item((IonStruct) v));
            case LIST:
                return list((IonList) v);
            default:
                throw new IllegalArgumentException("no DynamoDB type for Ion " + v.getType());
        }
    }

    private static AttributeValue list(IonList list) {
        String[] annotations = list.getTypeAnnotations();
        String set = annotations.length == 0 ? "" : annotations[0];
        switch (set) {
            case "$dynamodb_SS": {
                List<String> out = new ArrayList<>();
                for (IonValue e : list) {
                    out.add(((IonText) e).stringValue());
                }
                return AttributeValue.fromSs(out);
            }
            case "$dynamodb_NS": {
                List<String> out = new ArrayList<>();
                for (IonValue e : list) {
                    out.add(e instanceof IonInt i ? i.bigIntegerValue().toString()
                            : number(((IonDecimal) e).bigDecimalValue()));
                }
                return AttributeValue.fromNs(out);
            }
            case "$dynamodb_BS": {
                List<SdkBytes> out = new ArrayList<>();
                for (IonValue e : list) {
                    out.add(SdkBytes.fromByteArray(((IonBlob) e).getBytes()));
                }
                return AttributeValue.fromBs(out);
            }
            default: {
                List<AttributeValue> out = new ArrayList<>();
                for (IonValue e : list) {
                    out.add(value(e));
                }
                return AttributeValue.fromL(out);
            }
        }
    }

    private static String number(BigDecimal d) {
        return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
    }
}
