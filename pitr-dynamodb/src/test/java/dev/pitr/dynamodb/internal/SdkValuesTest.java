package dev.pitr.dynamodb.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pitr.dynamodb.testing.RandomItems;
import dev.pitr.model.AttributeValue;
import dev.pitr.model.Item;
import dev.pitr.model.Key;
import dev.pitr.model.Origin;
import dev.pitr.model.WriteOp;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
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

    @Test
    void toSdk_manyValuesOfOneTypeNestedInEachOther_eachKeepsItsOwnValue() {
        Map<String, AttributeValue> inner = new LinkedHashMap<>();
        inner.put("s", new AttributeValue.S("inner"));
        inner.put("m", new AttributeValue.M(Map.of("deepest", new AttributeValue.N("3"))));
        Map<String, AttributeValue> attrs = new LinkedHashMap<>();
        attrs.put("a", new AttributeValue.S("first"));
        attrs.put("m", new AttributeValue.M(inner));
        attrs.put("l", new AttributeValue.L(List.of(new AttributeValue.L(List.of(new AttributeValue.S("x"))),
                new AttributeValue.N("1"), new AttributeValue.L(List.of()))));
        attrs.put("b", new AttributeValue.S("second"));
        attrs.put("n", new AttributeValue.N("2"));
        attrs.put("ss", new AttributeValue.SS(new LinkedHashSet<>(List.of("p"))));
        attrs.put("ss2", new AttributeValue.SS(new LinkedHashSet<>(List.of("q", "r"))));

        Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> sdk = SdkValues.toSdk(attrs);

        Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> innerExpected = new LinkedHashMap<>();
        innerExpected.put("s", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("inner"));
        innerExpected.put("m", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromM(
                Map.of("deepest", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromN("3"))));
        assertThat(sdk).containsExactly(
                Map.entry("a", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("first")),
                Map.entry("m", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromM(innerExpected)),
                Map.entry("l", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromL(List.of(
                        software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromL(List.of(
                                software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("x"))),
                        software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromN("1"),
                        software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromL(List.of())))),
                Map.entry("b", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("second")),
                Map.entry("n", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromN("2")),
                Map.entry("ss", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromSs(List.of("p"))),
                Map.entry("ss2", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromSs(List.of("q", "r"))));
        assertThat(sdk.get("a").type()).isEqualTo(software.amazon.awssdk.services.dynamodb.model.AttributeValue.Type.S);
        assertThat(sdk.get("m").type()).isEqualTo(software.amazon.awssdk.services.dynamodb.model.AttributeValue.Type.M);
    }

    @Test
    void toModel_ofToSdk_everyTypeNestedAndRandomValues_givesTheSameValuesBack() {
        Random random = new Random(11);
        for (int i = 0; i < 200; i++) {
            Map<String, AttributeValue> attrs = new LinkedHashMap<>();
            attrs.put("all", RandomItems.everyType(random));
            attrs.put("random", RandomItems.value(random, 3));
            assertThat(SdkValues.toModel(SdkValues.toSdk(attrs))).isEqualTo(attrs);
        }
    }

    @Test
    void toModel_binary_takesTheAnswersBytesWithoutCopying() {
        byte[] bytes = {4, 5, 6};
        AttributeValue.B b = (AttributeValue.B) SdkValues.toModel(
                software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromB(SdkBytes.fromByteArrayUnsafe(bytes)));
        assertThat(b.unsafeBytes()).isSameAs(bytes);
    }

    @Test
    void toModel_aValueOfNoKnownType_isRefusedNamingTheType() {
        assertThatThrownBy(() -> SdkValues.toModel(
                software.amazon.awssdk.services.dynamodb.model.AttributeValue.builder().build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("UNKNOWN_TO_SDK_VERSION");
    }
}
