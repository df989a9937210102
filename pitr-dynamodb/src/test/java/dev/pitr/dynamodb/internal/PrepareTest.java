package dev.pitr.dynamodb.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pitr.dynamodb.testing.RandomItems;
import dev.pitr.model.AttributeValue;
import dev.pitr.model.Item;
import dev.pitr.model.Key;
import dev.pitr.model.Origin;
import dev.pitr.model.WriteOp;
import dev.pitr.write.WriteCapacity;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link WriteEngine#prepare} sizes a put exactly only when its request-size bound is over one
 * WCU: these check that its units and request bytes are what exact sizing gives, on both sides of
 * that line, and that the bound it relies on holds.
 */
class PrepareTest {
    private static WriteOp.Put put(Map<String, AttributeValue> attributes) {
        return new WriteOp.Put(new Item(attributes), new Origin("f", 1), WriteOp.NO_TIMESTAMP);
    }

    private static Map<String, AttributeValue> item(String payload) {
        Map<String, AttributeValue> m = new LinkedHashMap<>();
        m.put("pk", new AttributeValue.S("k"));
        m.put("payload", new AttributeValue.S(payload));
        return m;
    }

    @Test
    void prepare_putsAroundOneKilobyte_costTheUnitsOfTheirExactSize() {
        // 'é' is 2 bytes of item and 2 of request; '\u0001' 1 byte of item and 6 of request: the
        // bound passes 1 KB well before the item does.
        for (String unit : List.of("a", "é", "\u0001", "中")) {
            for (int n = 1; n < 1400; n += 7) {
                WriteOp.Put op = put(item(unit.repeat(n)));
                Pending p = WriteEngine.prepare(op, TestOps.HASH, false);
                assertThat(p.wcu).as("%d x U+%04X", n, (int) unit.charAt(0)).isEqualTo(WriteCapacity.estimate(op));
                assertThat(p.requestBytes).isEqualTo(RequestSize.of(op));
                assertThat(p.refusal).isNull();
                Pending own = WriteEngine.prepare(op, TestOps.HASH, true);
                assertThat(own.wcu).as("%d x U+%04X", n, (int) unit.charAt(0)).isEqualTo(WriteCapacity.estimate(op));
                assertThat(own.requestBytes).isEqualTo(own.entry.length + 1L).isLessThanOrEqualTo(RequestSize.of(op));
                assertThat(own.refusal).isNull();
            }
        }
    }

    @Test
    void prepare_putOver400KB_isRefusedWithItsExactSize_andADeleteCostsOneUnit() {
        WriteOp.Put big = put(item("x".repeat(400 * 1024)));
        for (boolean pitrBody : new boolean[] {false, true}) {
            Pending refused = WriteEngine.prepare(big, TestOps.HASH, pitrBody);
            assertThat(refused.refusal).contains("item is " + big.item().sizeInBytes() + " bytes");
            assertThat(refused.request).isNull();
            assertThat(refused.entry).isNull();
        }

        WriteOp delete = new WriteOp.Delete(Key.of("pk", new AttributeValue.S("k")), new Origin("f", 2),
                WriteOp.NO_TIMESTAMP);
        Pending p = WriteEngine.prepare(delete, TestOps.HASH, false);
        assertThat(p.wcu).isEqualTo(1);
        assertThat(p.requestBytes).isEqualTo(RequestSize.of(delete));
        Pending own = WriteEngine.prepare(delete, TestOps.HASH, true);
        assertThat(own.wcu).isEqualTo(1);
        assertThat(own.requestBytes).isLessThanOrEqualTo(RequestSize.of(delete));
    }

    @Test
    void requestSizeBound_ofRandomItems_isAtLeastTheirItemSize() {
        Random random = new Random(11);
        for (int round = 0; round < 2_000; round++) {
            Map<String, AttributeValue> attributes = new LinkedHashMap<>();
            attributes.put("pk", new AttributeValue.S("k" + round));
            int count = random.nextInt(6);
            for (int i = 0; i < count; i++) {
                attributes.put(RandomItems.string(random, 4), RandomItems.value(random, 3));
            }
            Item item = new Item(attributes);
            assertThat(SdkValues.convert(put(attributes)).attributesBytes()).isGreaterThanOrEqualTo(item.sizeInBytes());
            assertThat((long) JsonBody.entry(put(attributes)).length).isGreaterThanOrEqualTo(item.sizeInBytes());
        }
    }
}
