package dev.pitr.model.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pitr.model.Key;
import dev.pitr.model.Item;
import dev.pitr.model.AttributeValue;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The builders behind decoding: maps and sets built once, kept as they are by the model's
 * constructors, equal to any other map or set with the same content, and immutable.
 */
class AttributeBuildersTest {

    @Test
    void mapsOfEverySize_lookUpEveryNameAndRefuseDuplicates() {
        AttributeMapBuilder b = new AttributeMapBuilder();
        for (int size : new int[] {1, 7, 8, 9, 16, 17, 100, 1000}) {
            Map<String, AttributeValue> expected = new HashMap<>();
            for (int i = 0; i < size; i++) {
                AttributeValue v = new AttributeValue.N(Integer.toString(i));
                assertThat(b.put("a" + i, v)).isTrue();
                expected.put("a" + i, v);
                assertThat(b.put("a" + (i / 2), new AttributeValue.S("dup"))).as("duplicate at %d", i).isFalse();
            }
            assertThat(b.size()).isEqualTo(size);
            Map<String, AttributeValue> built = b.build();
            assertThat(b.size()).as("builder emptied").isZero();
            assertThat(built).isEqualTo(expected).hasSize(size);
            assertThat(expected).isEqualTo(built);
            assertThat(built.hashCode()).isEqualTo(expected.hashCode());
            for (int i = 0; i < size; i++) {
                assertThat(built.get(new String("a" + i))).isEqualTo(new AttributeValue.N(Integer.toString(i)));
            }
            assertThat(built.get("missing")).isNull();
            assertThat(built.containsKey("a" + size)).isFalse();
            assertThat(built.get(null)).isNull();
            assertThat(List.copyOf(built.keySet())).as("insertion order").startsWith("a0");
        }
    }

    @Test
    void builtMaps_areKeptAsTheyAre_otherMapsCopied() {
        AttributeMapBuilder b = new AttributeMapBuilder();
        b.put("pk", new AttributeValue.S("a"));
        Map<String, AttributeValue> built = b.build();
        assertThat(new Item(built).attributes()).isSameAs(built);
        assertThat(new AttributeValue.M(built).value()).isSameAs(built);
        assertThat(new Key(built).attributes()).isSameAs(built);

        Map<String, AttributeValue> mutable = new LinkedHashMap<>();
        mutable.put("pk", new AttributeValue.S("a"));
        Item item = new Item(mutable);
        mutable.put("other", new AttributeValue.S("b"));
        assertThat(item.attributes()).containsOnlyKeys("pk");
        assertThatThrownBy(() -> item.attributes().put("x", AttributeValue.Null.INSTANCE))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> built.entrySet().iterator().next().setValue(AttributeValue.Null.INSTANCE))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void nullNamesAndValues_areRefused() {
        Map<String, AttributeValue> withNull = new HashMap<>();
        withNull.put("pk", null);
        assertThatThrownBy(() -> new Item(withNull)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("pk");
        assertThatThrownBy(() -> new AttributeMapBuilder().put(null, AttributeValue.Null.INSTANCE))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void setsOfEverySize_containEveryElementAndRefuseDuplicates() {
        AttributeSetBuilder<AttributeValue.B> b = new AttributeSetBuilder<>();
        for (int size : new int[] {1, 8, 9, 50}) {
            Set<AttributeValue.B> expected = new HashSet<>();
            for (int i = 0; i < size; i++) {
                assertThat(b.add(AttributeValue.B.of(new byte[] {(byte) i, 1}))).isTrue();
                assertThat(b.add(AttributeValue.B.of(new byte[] {(byte) (i / 2), 1}))).isFalse();
                expected.add(AttributeValue.B.of(new byte[] {(byte) i, 1}));
            }
            Set<AttributeValue.B> built = b.build();
            assertThat(built).isEqualTo(expected).hasSize(size);
            assertThat(built.hashCode()).isEqualTo(expected.hashCode());
            assertThat(built.contains(AttributeValue.B.of(new byte[] {0, 1}))).isTrue();
            assertThat(built.contains(AttributeValue.B.of(new byte[] {0, 2}))).isFalse();
            AttributeValue.BS bs = new AttributeValue.BS(built);
            assertThat(bs.value()).isSameAs(built);
        }
    }

    @Test
    void setConstructors_copyOtherSets_andStillRefuseEmptyOrNull() {
        Set<String> mutable = new HashSet<>(Set.of("1", "2"));
        AttributeValue.NS ns = new AttributeValue.NS(mutable);
        mutable.add("3");
        assertThat(ns.value()).containsExactlyInAnyOrder("1", "2");
        assertThatThrownBy(() -> new AttributeValue.SS(Set.of())).isInstanceOf(IllegalArgumentException.class);
        Set<String> withNull = new HashSet<>();
        withNull.add(null);
        assertThatThrownBy(() -> new AttributeValue.SS(withNull)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AttributeValue.NS(Set.of("x"))).isInstanceOf(IllegalArgumentException.class);
    }
}
