package dev.pitr.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pitr.model.AttributeValue;
import dev.pitr.model.Item;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Values compared, and digested, as DynamoDB compares them. */
class SameValueTest {
    private static AttributeValue n(String text) {
        return new AttributeValue.N(text);
    }

    @Test
    void numbersAndNumberSets_compareByValue_andEverythingElseExactly() {
        assertThat(SameValue.values(n("1.5"), n("1.50"))).isTrue();
        assertThat(SameValue.values(n("100"), n("1E2"))).isTrue();
        assertThat(SameValue.values(n("-0"), n("0.000"))).isTrue();
        assertThat(SameValue.values(n("1.5"), n("1.51"))).isFalse();
        assertThat(SameValue.values(new AttributeValue.NS(Set.of("1", "2.0")), new AttributeValue.NS(Set.of("2", "1.00"))))
                .isTrue();
        assertThat(SameValue.values(new AttributeValue.S("1.5"), n("1.5"))).isFalse();
        assertThat(SameValue.values(new AttributeValue.L(List.of(n("1"), new AttributeValue.S("a"))),
                new AttributeValue.L(List.of(new AttributeValue.S("a"), n("1"))))).isFalse();
        assertThat(SameValue.values(new AttributeValue.M(Map.of("n", n("0.0"))), new AttributeValue.M(Map.of("n", n("0")))))
                .isTrue();
        assertThat(SameValue.values(AttributeValue.B.of(new byte[] {1, 2}), AttributeValue.B.of(new byte[] {1, 2})))
                .isTrue();
        assertThat(SameValue.values(AttributeValue.B.of(new byte[] {1, 2}), AttributeValue.B.of(new byte[] {2, 1})))
                .isFalse();
        assertThat(SameValue.values(new AttributeValue.S("ab"), new AttributeValue.SS(Set.of("ab")))).isFalse();
        assertThat(SameValue.values(AttributeValue.Null.INSTANCE, AttributeValue.Bool.FALSE)).isFalse();
    }

    @Test
    void setsAndMaps_inAnotherOrder_areTheSameValue_andHaveTheSameDigest() {
        Map<String, AttributeValue> a = new LinkedHashMap<>();
        a.put("x", new AttributeValue.SS(new LinkedHashSet<>(List.of("a", "b", "c"))));
        a.put("y", new AttributeValue.BS(new LinkedHashSet<>(List.of(AttributeValue.B.of(new byte[] {(byte) 0xff}),
                AttributeValue.B.of(new byte[] {1})))));
        a.put("z", n("12.500"));
        Map<String, AttributeValue> b = new LinkedHashMap<>();
        b.put("z", n("1.25E1"));
        b.put("y", new AttributeValue.BS(new LinkedHashSet<>(List.of(AttributeValue.B.of(new byte[] {1}),
                AttributeValue.B.of(new byte[] {(byte) 0xff})))));
        b.put("x", new AttributeValue.SS(new LinkedHashSet<>(List.of("c", "a", "b"))));

        assertThat(SameValue.items(new Item(a), new Item(b))).isTrue();
        assertThat(ItemDigest.of(new Item(a))).hasSize(ItemDigest.BYTES).isEqualTo(ItemDigest.of(new Item(b)));
    }

    @Test
    void digest_tellsApartValuesThatOnlyLookAlike() {
        Item ab = new Item(Map.of("a", new AttributeValue.S("b")));
        Item aEmptyB = new Item(Map.of("ab", new AttributeValue.S("")));
        Item list = new Item(Map.of("a", new AttributeValue.L(List.of(new AttributeValue.S("b")))));
        Item set = new Item(Map.of("a", new AttributeValue.SS(Set.of("b"))));

        assertThat(List.of(ItemDigest.of(ab), ItemDigest.of(aEmptyB), ItemDigest.of(list), ItemDigest.of(set)))
                .extracting(java.util.HexFormat.of()::formatHex).doesNotHaveDuplicates();
    }
}
