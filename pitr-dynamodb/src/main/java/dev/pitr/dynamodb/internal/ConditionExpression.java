package dev.pitr.dynamodb.internal;

import dev.pitr.model.AttributeValue;
import dev.pitr.model.Item;
import dev.pitr.model.KeySchema;
import dev.pitr.revert.ConditionalSink.Condition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The condition expression of a conditional write, with every attribute name and value behind a
 * placeholder (names may be reserved words or hold any character):
 * <ul>
 * <li>{@link Condition.Absent}: {@code attribute_not_exists(#k0)}, {@code #k0} the partition key;</li>
 * <li>{@link Condition.Equals}: {@code #a0 = :v0 AND #a1 = :v1 ...}, one comparison per attribute
 *     of the item, its key attributes first. DynamoDB's {@code =} compares every type, numbers by
 *     value, sets as sets, maps and lists deeply;</li>
 * <li>{@link Condition.None}: no expression.</li>
 * </ul>
 *
 * <p>DynamoDB refuses an expression of more than {@value #MAX_EXPRESSION_BYTES} bytes or
 * {@value #MAX_OPERATORS} operators (each {@code =} and each {@code AND} is one: at most 150
 * comparisons), and substitutions (names and values) of more than 2 MB in all. When the
 * comparisons of every attribute do not fit, the key attributes are compared, then as many of
 * the others as fit, the smallest first (by the size of the name and the value's DynamoDB JSON,
 * attributes of one size in the item's order); the others are not compared and the condition is
 * {@linkplain Built#partial() partial}.
 */
final class ConditionExpression {
    /** DynamoDB's limit on the length of an expression. */
    static final int MAX_EXPRESSION_BYTES = 4096;
    /** DynamoDB's limit on the operators and functions of an expression. */
    static final int MAX_OPERATORS = 300;
    /** DynamoDB's limit on the length of the substitutions, names and values together. */
    static final long MAX_SUBSTITUTION_BYTES = 2L * 1024 * 1024;

    private static final String AND = " AND ";
    private static final String EQ = " = ";
    private static final Built NONE = new Built(null, Map.of(), Map.of(), 0, 0);

    private ConditionExpression() {
    }

    /**
     * A condition as a request carries it.
     *
     * @param expression the {@code ConditionExpression}, or {@code null} for none
     * @param checked    the attributes an {@code Equals} condition compares
     * @param attributes the attributes of the {@code Equals} item
     */
    record Built(@Nullable String expression, Map<String, String> names,
                 Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> values,
                 int checked, int attributes) {
        /** Whether some attributes of the item are left out of the comparison. */
        boolean partial() {
            return checked < attributes;
        }

        /** The {@code ExpressionAttributeNames}, or {@code null} when there are none (DynamoDB refuses an empty map). */
        @Nullable Map<String, String> namesOrNull() {
            return names.isEmpty() ? null : names;
        }

        /** The {@code ExpressionAttributeValues}, or {@code null} when there are none. */
        @Nullable Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> valuesOrNull() {
            return values.isEmpty() ? null : values;
        }
    }

    /** The expression of {@code condition} on a table of {@code schema}. */
    static Built of(Condition condition, KeySchema schema) {
        if (condition instanceof Condition.Absent) {
            return new Built("attribute_not_exists(#k0)", Map.of("#k0", schema.partitionKey().name()), Map.of(), 0, 0);
        }
        if (condition instanceof Condition.Equals equals) {
            return equalTo(equals.item(), schema);
        }
        return NONE;
    }

    private static Built equalTo(Item item, KeySchema schema) {
        Map<String, AttributeValue> attributes = item.attributes();
        List<Candidate> candidates = new ArrayList<>(attributes.size());
        String partition = schema.partitionKey().name();
        String sort = schema.sortKey() == null ? null : schema.sortKey().name();
        addIfPresent(candidates, attributes, partition);
        addIfPresent(candidates, attributes, sort);
        int keys = candidates.size();
        attributes.forEach((name, value) -> {
            if (!name.equals(partition) && !name.equals(sort)) {
                candidates.add(Candidate.of(name, value));
            }
        });
        Built all = comparisons(candidates);
        if (!all.partial()) {
            return all;
        }
        candidates.subList(keys, candidates.size()).sort(Comparator.comparingLong(Candidate::bytes));
        return comparisons(candidates);
    }

    private static void addIfPresent(List<Candidate> candidates, Map<String, AttributeValue> attributes,
                                     @Nullable String name) {
        AttributeValue value = name == null ? null : attributes.get(name);
        if (value != null) {
            candidates.add(Candidate.of(name, value));
        }
    }

    /** The comparisons of {@code candidates}, in their order, skipping those that no longer fit. */
    private static Built comparisons(List<Candidate> candidates) {
        StringBuilder expression = new StringBuilder();
        Map<String, String> names = new LinkedHashMap<>();
        Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> values = new LinkedHashMap<>();
        long substitutions = 0;
        int operators = 0;
        for (Candidate c : candidates) {
            int i = names.size();
            String name = "#a" + i;
            String value = ":v" + i;
            int termBytes = (i == 0 ? 0 : AND.length()) + name.length() + EQ.length() + value.length();
            int termOperators = i == 0 ? 1 : 2;
            if (expression.length() + termBytes > MAX_EXPRESSION_BYTES || operators + termOperators > MAX_OPERATORS) {
                break; // no later comparison is shorter
            }
            long termSubstitutions = name.length() + value.length() + c.bytes();
            if (substitutions + termSubstitutions > MAX_SUBSTITUTION_BYTES) {
                continue;
            }
            if (i > 0) {
                expression.append(AND);
            }
            expression.append(name).append(EQ).append(value);
            names.put(name, c.name());
            values.put(value, c.value());
            operators += termOperators;
            substitutions += termSubstitutions;
        }
        return new Built(expression.toString(), names, values, names.size(), candidates.size());
    }

    /** An attribute to compare, converted once, and the bytes of its name and value's JSON. */
    private record Candidate(String name, software.amazon.awssdk.services.dynamodb.model.AttributeValue value,
                             long bytes) {
        static Candidate of(String name, AttributeValue value) {
            SdkValues.Sized sized = SdkValues.sized(value);
            return new Candidate(name, sized.value(), RequestSize.escaped(name) + sized.bytes());
        }
    }
}
