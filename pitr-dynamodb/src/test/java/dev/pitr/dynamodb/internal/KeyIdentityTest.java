package dev.pitr.dynamodb.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pitr.model.AttributeValue;
import dev.pitr.model.Item;
import dev.pitr.model.Key;
import dev.pitr.model.KeySchema;
import dev.pitr.model.Origin;
import dev.pitr.model.WriteOp;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeyIdentityTest {
    private static final KeySchema NUMBER_AND_SORT = KeySchema.of("id", KeySchema.ScalarType.N, "sk",
            KeySchema.ScalarType.S);
    private static final KeySchema BINARY = KeySchema.of("b", KeySchema.ScalarType.B);

    private static WriteOp put(Map<String, AttributeValue> attributes) {
        return new WriteOp.Put(new Item(attributes), new Origin("f", 1), WriteOp.NO_TIMESTAMP);
    }

    private static WriteOp delete(Key key) {
        return new WriteOp.Delete(key, new Origin("f", 2), WriteOp.NO_TIMESTAMP);
    }

    private static Map<String, AttributeValue> item(String id, String sk, String other) {
        Map<String, AttributeValue> m = new LinkedHashMap<>();
        m.put("other", new AttributeValue.S(other));
        m.put("sk", new AttributeValue.S(sk));
        m.put("id", new AttributeValue.N(id));
        return m;
    }

    @Test
    void of_numbersEqualInValue_nameOneItem_whateverTheOtherAttributesOrTheKind() {
        KeyIdentity one = KeyIdentity.of(put(item("1", "a", "x")), NUMBER_AND_SORT);
        KeyIdentity sameValue = KeyIdentity.of(put(item("1.0", "a", "y")), NUMBER_AND_SORT);
        KeyIdentity exponent = KeyIdentity.of(delete(Key.of("id", new AttributeValue.N("10E-1"), "sk",
                new AttributeValue.S("a"))), NUMBER_AND_SORT);
        assertThat(sameValue).isEqualTo(one).hasSameHashCodeAs(one);
        assertThat(exponent).isEqualTo(one).hasSameHashCodeAs(one);
    }

    @Test
    void of_anotherPartitionOrSortValue_isAnotherItem() {
        KeyIdentity one = KeyIdentity.of(put(item("1", "a", "x")), NUMBER_AND_SORT);
        assertThat(KeyIdentity.of(put(item("2", "a", "x")), NUMBER_AND_SORT)).isNotEqualTo(one);
        assertThat(KeyIdentity.of(put(item("1", "b", "x")), NUMBER_AND_SORT)).isNotEqualTo(one);
    }

    @Test
    void of_binaryKeys_compareByContent() {
        KeyIdentity a = KeyIdentity.of(put(Map.of("b", AttributeValue.B.of(new byte[] {1, 2}))), BINARY);
        KeyIdentity sameBytes = KeyIdentity.of(delete(Key.of("b", AttributeValue.B.of(new byte[] {1, 2}))), BINARY);
        KeyIdentity other = KeyIdentity.of(put(Map.of("b", AttributeValue.B.of(new byte[] {2, 1}))), BINARY);
        assertThat(sameBytes).isEqualTo(a).hasSameHashCodeAs(a);
        assertThat(other).isNotEqualTo(a);
    }

    @Test
    void of_sdkEntry_isTheOperationsIdentity_whateverTheNumberForm() {
        KeyIdentity op = KeyIdentity.of(put(item("1.5", "a", "x")), NUMBER_AND_SORT);
        KeyIdentity hundred = KeyIdentity.of(put(item("100", "a", "x")), NUMBER_AND_SORT);

        assertThat(KeyIdentity.of(sdk("1.50", "a"), NUMBER_AND_SORT)).isEqualTo(op).hasSameHashCodeAs(op);
        assertThat(KeyIdentity.of(sdk("15E-1", "a"), NUMBER_AND_SORT)).isEqualTo(op);
        assertThat(KeyIdentity.of(sdk("1E2", "a"), NUMBER_AND_SORT)).isEqualTo(hundred);
        assertThat(KeyIdentity.of(sdk("1.5", "b"), NUMBER_AND_SORT)).isNotEqualTo(op);
        KeyIdentity bytes = KeyIdentity.of(put(Map.of("b", AttributeValue.B.of(new byte[] {1, 2}))), BINARY);
        assertThat(KeyIdentity.of(Map.of("b", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromB(
                software.amazon.awssdk.core.SdkBytes.fromByteArray(new byte[] {1, 2}))), BINARY)).isEqualTo(bytes);
    }

    @Test
    void of_key_isTheIdentityOfAnAnswersItemWithThatKey_whateverTheNumberForm() {
        KeyIdentity asked = KeyIdentity.of(Key.of("id", new AttributeValue.N("1.50"), "sk", new AttributeValue.S("a")),
                NUMBER_AND_SORT);
        assertThat(KeyIdentity.of(sdk("1.5", "a"), NUMBER_AND_SORT)).isEqualTo(asked).hasSameHashCodeAs(asked);
        assertThat(KeyIdentity.of(sdk("1.5", "b"), NUMBER_AND_SORT)).isNotEqualTo(asked);
    }

    @Test
    void of_sdkEntryWithoutAUsableKey_isNull() {
        assertThat(KeyIdentity.of(Map.of("sk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("a")),
                NUMBER_AND_SORT)).isNull();
        assertThat(KeyIdentity.of(sdk("not a number", "a"), NUMBER_AND_SORT)).isNull();
    }

    private static Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> sdk(String id, String sk) {
        return Map.of("id", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromN(id),
                "sk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(sk),
                "other", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("y"));
    }

    @Test
    void toString_showsNoKeyValue() {
        KeyIdentity id = KeyIdentity.of(put(item("12345", "secret", "x")), NUMBER_AND_SORT);
        assertThat(id.toString()).doesNotContain("12345").doesNotContain("secret");
    }
}
