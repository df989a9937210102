package dev.pitr.dynamodb.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pitr.model.AttributeValue;
import dev.pitr.model.Item;
import dev.pitr.model.Key;
import dev.pitr.model.Origin;
import dev.pitr.model.WriteOp;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

class SdkValuesTest {
    private static software.amazon.awssdk.services.dynamodb.model.AttributeValue sdk(AttributeValue v) {
        return SdkValues.toSdk(v);
    }

    @Test
    void toSdk_everyType_mapsToTheSdkValueOfThatType() {
        assertThat(sdk(new AttributeValue.S("a"))).isEqualTo(software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("a"));
        assertThat(sdk(new AttributeValue.N("1.50")).n()).isEqualTo("1.50");
        assertThat(sdk(AttributeValue.Bool.TRUE).bool()).isTrue();
        assertThat(sdk(AttributeValue.Bool.FALSE).bool()).isFalse();
        assertThat(sdk(AttributeValue.Null.INSTANCE).nul()).isTrue();
        assertThat(sdk(new AttributeValue.L(List.of(new AttributeValue.S("x"), new AttributeValue.N("2")))).l())
                .containsExactly(software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("x"),
                        software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromN("2"));
        assertThat(sdk(new AttributeValue.M(Map.of("k", new AttributeValue.S("v")))).m())
                .containsEntry("k", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("v"));
        assertThat(sdk(new AttributeValue.SS(new LinkedHashSet<>(List.of("p", "q")))).ss()).containsExactly("p", "q");
        assertThat(sdk(new AttributeValue.NS(new LinkedHashSet<>(List.of("1", "2")))).ns()).containsExactly("1", "2");
        assertThat(sdk(new AttributeValue.BS(Set.of(AttributeValue.B.wrap(new byte[] {9})))).bs())
                .containsExactly(SdkBytes.fromByteArray(new byte[] {9}));
    }

    @Test
    void toSdk_binary_handsTheSameArrayOverWithoutCopying() {
        byte[] bytes = {1, 2, 3};
        software.amazon.awssdk.services.dynamodb.model.AttributeValue v = sdk(AttributeValue.B.wrap(bytes));
        assertThat(v.b().asByteArrayUnsafe()).isSameAs(bytes);
    }

    @Test
    void writeRequest_putAndDelete_carryTheItemAndTheKey() {
        Map<String, AttributeValue> attrs = new LinkedHashMap<>();
        attrs.put("pk", new AttributeValue.S("a"));
        attrs.put("v", new AttributeValue.N("1"));
        WriteRequest put = SdkValues.writeRequest(new WriteOp.Put(new Item(attrs), new Origin("f", 1), 1));
        assertThat(put.putRequest().item()).containsOnlyKeys("pk", "v");
        assertThat(put.deleteRequest()).isNull();
        WriteRequest delete = SdkValues.writeRequest(new WriteOp.Delete(Key.of("pk", new AttributeValue.S("a")),
                new Origin("f", 2), 1));
        assertThat(delete.deleteRequest().key()).containsOnlyKeys("pk");
        assertThat(delete.putRequest()).isNull();
    }
}
