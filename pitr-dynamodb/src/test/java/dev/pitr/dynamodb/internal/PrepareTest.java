package dev.pitr.dynamodb.internal;

import static org.assertj.core.api.Assertions.assertThat;

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
                Pending p = WriteEngine.prepare(op, TestOps.HASH);
                assertThat(p.wcu).as("%d x U+%04X", n, (int) unit.charAt(0)).isEqualTo(WriteCapacity.estimate(op));
                assertThat(p.requestBytes).isEqualTo(RequestSize.of(op));
                assertThat(p.refusal).isNull();
            }
        }
    }

    @Test
    void prepare_putOver400KB_isRefusedWithItsExactSize_andADeleteCostsOneUnit() {
        WriteOp.Put big = put(item("x".repeat(400 * 1024)));
        Pending refused = WriteEngine.prepare(big, TestOps.HASH);
        assertThat(refused.refusal).contains("item is " + big.item().sizeInBytes() + " bytes");
        assertThat(refused.request).isNull();

        WriteOp delete = new WriteOp.Delete(Key.of("pk", new AttributeValue.S("k")), new Origin("f", 2),
                WriteOp.NO_TIMESTAMP);
        Pending p = WriteEngine.prepare(delete, TestOps.HASH);
        assertThat(p.wcu).isEqualTo(1);
        assertThat(p.requestBytes).isEqualTo(RequestSize.of(delete));
    }

    @Test
    void requestSizeBound_ofRandomItems_isAtLeastTheirItemSize() {
        Random random = new Random(11);
        for (int round = 0; round < 2_000; round++) {
            Map<String, AttributeValue> attributes = new LinkedHashMap<>();
            attributes.put("pk", new AttributeValue.S("k" + round));
            int count = random.nextInt(6);
            for (int i = 0; i < count; i++) {
                attributes.put(randomString(random, 4), randomValue(random, 3));
            }
            Item item = new Item(attributes);
            assertThat(SdkValues.convert(put(attributes)).attributesBytes()).isGreaterThanOrEqualTo(item.sizeInBytes());
        }
    }

    private static AttributeValue randomValue(Random random, int depth) {
        int kind = random.nextInt(depth > 0 ? 10 : 8);
        return switch (kind) {
            case 0 -> new AttributeValue.S(randomString(random, 12));
            case 1 -> new AttributeValue.N(random.nextBoolean() ? "0" : "-" + random.nextInt(1000) + ".0100E-3");
            case 2 -> AttributeValue.B.of(new byte[random.nextInt(5)]);
            case 3 -> random.nextBoolean() ? AttributeValue.Bool.TRUE : AttributeValue.Null.INSTANCE;
            case 4 -> new AttributeValue.SS(java.util.Set.of(randomString(random, 3) + "s"));
            case 5 -> new AttributeValue.NS(java.util.Set.of(Integer.toString(random.nextInt(100))));
            case 6 -> new AttributeValue.BS(java.util.Set.of(AttributeValue.B.of(new byte[random.nextInt(3)])));
            case 7 -> new AttributeValue.S("");
            case 8 -> new AttributeValue.L(List.of(randomValue(random, depth - 1), randomValue(random, depth - 1)));
            default -> new AttributeValue.M(Map.of(randomString(random, 3), randomValue(random, depth - 1)));
        };
    }

    private static String randomString(Random random, int maxLength) {
        StringBuilder sb = new StringBuilder();
        int length = random.nextInt(maxLength + 1);
        for (int i = 0; i < length; i++) {
            switch (random.nextInt(5)) {
                case 0 -> sb.append((char) random.nextInt(0x20));
                case 1 -> sb.append((char) (0x80 + random.nextInt(0x700)));
                case 2 -> sb.appendCodePoint(0x10000 + random.nextInt(0x1000));
                case 3 -> sb.append('"');
                default -> sb.append((char) ('a' + random.nextInt(26)));
            }
        }
        return sb.toString();
    }
}
