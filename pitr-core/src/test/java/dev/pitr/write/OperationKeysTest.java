package dev.pitr.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pitr.model.AttributeValue;
import dev.pitr.model.Item;
import dev.pitr.model.Key;
import dev.pitr.model.KeySchema;
import dev.pitr.model.Origin;
import dev.pitr.model.WriteOp;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OperationKeysTest {
    private static final KeySchema SCHEMA = KeySchema.of("pk", KeySchema.ScalarType.S, "sk", KeySchema.ScalarType.N);
    private static final Origin ORIGIN = new Origin("data/abc.json.gz", 17);

    @Test
    void keyOf_putWithBothKeyAttributes_isItsKey() {
        Map<String, AttributeValue> attrs = new LinkedHashMap<>();
        attrs.put("pk", new AttributeValue.S("a"));
        attrs.put("sk", new AttributeValue.N("1"));
        attrs.put("v", new AttributeValue.S("secret"));
        Key key = OperationKeys.keyOf(new WriteOp.Put(new Item(attrs), ORIGIN, WriteOp.NO_TIMESTAMP), SCHEMA);
        assertThat(key).isEqualTo(Key.of("pk", new AttributeValue.S("a"), "sk", new AttributeValue.N("1")));
    }

    @Test
    void keyOf_putWithSortKeyOfAnotherType_namesExpectedFoundAndOrigin_withoutValues() {
        Map<String, AttributeValue> attrs = new LinkedHashMap<>();
        attrs.put("pk", new AttributeValue.S("a"));
        attrs.put("sk", new AttributeValue.S("not-a-number"));
        attrs.put("v", new AttributeValue.S("secret"));
        WriteOp op = new WriteOp.Put(new Item(attrs), ORIGIN, WriteOp.NO_TIMESTAMP);
        assertThatThrownBy(() -> OperationKeys.keyOf(op, SCHEMA))
                .isInstanceOf(KeySchemaMismatchException.class)
                .hasMessageContaining("data/abc.json.gz line 17")
                .hasMessageContaining("[pk (S), sk (N)]")
                .hasMessageContaining("{pk=S, sk=S, v=S}")
                .hasMessageNotContaining("secret")
                .hasMessageNotContaining("not-a-number");
    }

    @Test
    void keyOf_deleteMissingTheSortKey_isAMismatch() {
        WriteOp op = new WriteOp.Delete(Key.of("pk", new AttributeValue.S("a")), ORIGIN, 5);
        assertThatThrownBy(() -> OperationKeys.keyOf(op, SCHEMA))
                .isInstanceOf(KeySchemaMismatchException.class)
                .hasMessageContaining("missing key attribute sk (N)")
                .hasMessageContaining("found key attributes {pk=S}")
                .satisfies(e -> assertThat(((KeySchemaMismatchException) e).origin()).isEqualTo(ORIGIN));
    }

    @Test
    void keyOf_deleteWithAnExtraAttribute_isAMismatch() {
        Map<String, AttributeValue> attrs = new LinkedHashMap<>();
        attrs.put("id", new AttributeValue.S("a"));
        attrs.put("other", new AttributeValue.S("b"));
        KeySchema hashOnly = KeySchema.of("id", KeySchema.ScalarType.S);
        WriteOp op = new WriteOp.Delete(new Key(attrs), ORIGIN, 5);
        assertThatThrownBy(() -> OperationKeys.keyOf(op, hashOnly))
                .isInstanceOf(KeySchemaMismatchException.class)
                .hasMessageContaining("{id=S, other=S}");
    }

    @Test
    void estimate_putBySizeAndDeleteAsOne() {
        assertThat(WriteCapacity.unitsForItemBytes(0)).isEqualTo(1);
        assertThat(WriteCapacity.unitsForItemBytes(1024)).isEqualTo(1);
        assertThat(WriteCapacity.unitsForItemBytes(1025)).isEqualTo(2);
        assertThat(WriteCapacity.unitsForItemBytes(WriteCapacity.MAX_ITEM_BYTES)).isEqualTo(400);
        Item item = new Item(Map.of("pk", new AttributeValue.S("x".repeat(3000))));
        assertThat(WriteCapacity.estimate(new WriteOp.Put(item, ORIGIN, 1))).isEqualTo(3);
        assertThat(WriteCapacity.estimate(new WriteOp.Delete(Key.of("pk", new AttributeValue.S("x")), ORIGIN, 1)))
                .isEqualTo(1);
    }
}
