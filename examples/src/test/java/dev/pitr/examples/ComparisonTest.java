package dev.pitr.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pitr.model.AttributeValue;
import dev.pitr.model.Item;
import dev.pitr.model.Key;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ComparisonTest {
    private static Item item(String pk, String number, String nested) {
        Map<String, AttributeValue> a = new LinkedHashMap<>();
        a.put("pk", new AttributeValue.S(pk));
        a.put("n", new AttributeValue.N(number));
        a.put("m", new AttributeValue.M(Map.of("l", new AttributeValue.L(List.of(new AttributeValue.N(nested))),
                "ns", new AttributeValue.NS(Set.of(nested, "3")))));
        return new Item(a);
    }

    private static Map<Key, Item> table(Item... items) {
        Map<Key, Item> m = new LinkedHashMap<>();
        for (Item i : items) {
            m.put(Key.of("pk", i.get("pk")), i);
        }
        return m;
    }

    @Test
    void of_numbersEqualInValue_areEqual() {
        Comparison c = Comparison.of(table(item("a", "1.50", "2.0"), item("b", "0.00", "-7E+1")),
                table(item("a", "1.5", "2"), item("b", "0", "-70")));

        assertThat(c.equal()).as(c.describe()).isTrue();
    }

    @Test
    void of_missingUnexpectedAndDifferentItems_areNamedByKey() {
        Comparison c = Comparison.of(table(item("a", "1", "1"), item("b", "1", "1")),
                table(item("b", "2", "1"), item("c", "1", "1")));

        assertThat(c.equal()).isFalse();
        assertThat(c.counts()).isEqualTo("1 missing, 1 unexpected, 1 different");
        assertThat(c.describe()).contains("missing: ").contains("\"a\"").contains("unexpected: ").contains("\"c\"")
                .contains("different: ").contains("\"b\"");
    }
}
