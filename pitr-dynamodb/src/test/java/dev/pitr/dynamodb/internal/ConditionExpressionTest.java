package dev.pitr.dynamodb.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pitr.model.AttributeValue;
import dev.pitr.model.Item;
import dev.pitr.model.KeySchema;
import dev.pitr.revert.ConditionalSink.Condition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The condition expressions, as text: what DynamoDB is asked to compare, and within which limits. */
class ConditionExpressionTest {
    private static final KeySchema HASH_RANGE = KeySchema.of("pk", KeySchema.ScalarType.S, "sk", KeySchema.ScalarType.N);

    @Test
    void absent_isAttributeNotExistsOfThePartitionKey_behindAPlaceholder() {
        ConditionExpression.Built built = ConditionExpression.of(new Condition.Absent(), HASH_RANGE);

        assertThat(built.expression()).isEqualTo("attribute_not_exists(#k0)");
        assertThat(built.names()).containsExactly(Map.entry("#k0", "pk"));
        assertThat(built.valuesOrNull()).isNull();
        assertThat(built.partial()).isFalse();
    }

    @Test
    void none_isNoExpression_andNoSubstitutions() {
        ConditionExpression.Built built = ConditionExpression.of(new Condition.None(), HASH_RANGE);

        assertThat(built.expression()).isNull();
        assertThat(built.namesOrNull()).isNull();
        assertThat(built.valuesOrNull()).isNull();
        assertThat(built.partial()).isFalse();
    }

    @Test
    void equals_comparesEveryAttribute_keyAttributesFirst_namesAndValuesBehindPlaceholders() {
        Map<String, AttributeValue> attributes = new LinkedHashMap<>();
        attributes.put("name", new AttributeValue.S("reserved word"));
        attributes.put("sk", new AttributeValue.N("7"));
        attributes.put("a.b #c :d", AttributeValue.Bool.TRUE);
        attributes.put("pk", new AttributeValue.S("key"));

        ConditionExpression.Built built = ConditionExpression.of(new Condition.Equals(new Item(attributes)), HASH_RANGE);

        assertThat(built.expression()).isEqualTo("#a0 = :v0 AND #a1 = :v1 AND #a2 = :v2 AND #a3 = :v3");
        assertThat(built.names()).containsExactly(Map.entry("#a0", "pk"), Map.entry("#a1", "sk"),
                Map.entry("#a2", "name"), Map.entry("#a3", "a.b #c :d"));
        assertThat(built.values().get(":v0").s()).isEqualTo("key");
        assertThat(built.values().get(":v1").n()).isEqualTo("7");
        assertThat(built.values().get(":v3").bool()).isTrue();
        assertThat(built.checked()).isEqualTo(4);
        assertThat(built.partial()).isFalse();
    }

    @Test
    void equals_moreAttributesThan150_comparesTheKeysThenTheSmallest_within300OperatorsAnd4Kb() {
        Map<String, AttributeValue> attributes = new LinkedHashMap<>();
        List<String> large = new ArrayList<>();
        for (int i = 0; i < 500; i++) { // these come first in the item, and are larger
            String name = "large-" + i;
            attributes.put(name, new AttributeValue.S("a longer value " + i));
            large.add(name);
        }
        attributes.put("pk", new AttributeValue.S("key"));
        attributes.put("sk", new AttributeValue.N("1"));
        for (int i = 0; i < 200; i++) {
            attributes.put("s" + i, new AttributeValue.N(Integer.toString(i)));
        }

        ConditionExpression.Built built = ConditionExpression.of(new Condition.Equals(new Item(attributes)), HASH_RANGE);

        assertThat(built.partial()).isTrue();
        assertThat(built.attributes()).isEqualTo(702);
        assertThat(built.checked()).isEqualTo(150);
        assertThat(built.expression()).hasSizeLessThanOrEqualTo(4096);
        long operators = built.expression().split(" = ", -1).length - 1 + built.expression().split(" AND ", -1).length - 1;
        assertThat(operators).isEqualTo(299);
        List<String> names = List.copyOf(built.names().values());
        assertThat(names.subList(0, 2)).containsExactly("pk", "sk");
        assertThat(names.subList(2, 150)).allMatch(n -> n.startsWith("s")).doesNotContainAnyElementsOf(large);
    }

    @Test
    void equals_valuesOver2MbTogether_leavesOutThoseThatDoNotFit() {
        Map<String, AttributeValue> attributes = new LinkedHashMap<>();
        attributes.put("pk", new AttributeValue.S("key"));
        attributes.put("sk", new AttributeValue.N("1"));
        for (int i = 0; i < 6; i++) { // 6 x 400 KB: only 5 fit in 2 MB
            attributes.put("big" + i, new AttributeValue.S(Character.toString('a' + i).repeat(400 * 1024)));
        }

        ConditionExpression.Built built = ConditionExpression.of(new Condition.Equals(new Item(attributes)), HASH_RANGE);

        assertThat(built.partial()).isTrue();
        assertThat(built.checked()).isEqualTo(7);
        assertThat(built.names().values()).startsWith("pk", "sk").doesNotContain("big5");
        long substitutions = 0;
        for (Map.Entry<String, String> e : built.names().entrySet()) {
            substitutions += e.getKey().length() + e.getValue().length();
        }
        for (software.amazon.awssdk.services.dynamodb.model.AttributeValue v : built.values().values()) {
            substitutions += v.s() != null ? v.s().length() : 1;
        }
        assertThat(substitutions).isLessThanOrEqualTo(2L * 1024 * 1024);
    }
}
