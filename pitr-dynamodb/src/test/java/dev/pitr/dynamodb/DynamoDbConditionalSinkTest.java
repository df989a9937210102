package dev.pitr.dynamodb;

import static dev.pitr.dynamodb.testing.Waits.awaitFailureOf;
import static dev.pitr.dynamodb.testing.Waits.failureOf;
import static dev.pitr.dynamodb.ConditionalTables.item;
import static dev.pitr.dynamodb.ConditionalTables.n;
import static dev.pitr.dynamodb.ConditionalTables.outcome;
import static dev.pitr.dynamodb.ConditionalTables.s;
import static dev.pitr.dynamodb.ConditionalTables.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pitr.PitrException;
import dev.pitr.dynamodb.testing.ConditionalFaults;
import dev.pitr.model.AttributeValue;
import dev.pitr.model.Item;
import dev.pitr.model.Key;
import dev.pitr.model.KeySchema;
import dev.pitr.revert.ConditionalSink.Condition;
import dev.pitr.revert.ConditionalSink.Outcome;
import dev.pitr.revert.ConditionalSink.Write;
import dev.pitr.verify.SameValue;
import dev.pitr.write.TargetTableException;
import dev.pitr.write.WriteCapacity;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

/**
 * The conditional sink against DynamoDB Local: which writes happen, which fail their condition
 * and what they hand back, for values of every type, awkward names, large items and items with
 * more attributes than one condition holds. The table is seeded and read back around the sink.
 */
class DynamoDbConditionalSinkTest extends ConditionalSinkTesting {
    private static final Item AFTER = item("pk", s("k1"), "state", s("after the window"), "v", n("2"));
    private static final Item BEFORE = item("pk", s("k1"), "state", s("before the window"), "v", n("1"));
    private static final Key K1 = Key.of("pk", s("k1"));

    private static Write write(Key key, Item target, Condition condition) {
        return new Write(key, target, condition, "test write");
    }

    private static Item currentOf(Outcome outcome) {
        assertThat(outcome).isInstanceOf(Outcome.ConditionFailed.class);
        return ((Outcome.ConditionFailed) outcome).current();
    }

    @Test
    void equals_itemStillAsExpected_isWritten_andTheTableHoldsTheTarget_askingForAllOldAndTotal() {
        table.seed(AFTER);
        ConditionalFaults watched = new ConditionalFaults();
        try (DynamoDbConditionalSink sink = sinkThrough(watched).build()) {

            Outcome outcome = outcome(sink, write(K1, BEFORE, new Condition.Equals(AFTER)));

            assertThat(outcome).isEqualTo(new Outcome.Written());
            assertThat(SameValue.items(table.get(K1), BEFORE)).isTrue();
            assertThat(watched.conditions()).containsExactly("#a0 = :v0 AND #a1 = :v1 AND #a2 = :v2");
            assertThat(watched.returnOptions()).containsExactly("TOTAL/ALL_OLD");
            assertThat(sink.capacityUnits()).isEqualTo(1.0);
            assertThat(sink.partialConditions()).isZero();
        }
    }

    @Test
    void equals_oneAttributeChangedSince_isConditionFailed_withWhatTheTableHolds_andWritesNothing() {
        Item changed = with(AFTER, "v", n("3"));
        table.seed(changed);
        try (DynamoDbConditionalSink sink = sink().build()) {

            Outcome outcome = outcome(sink, write(K1, BEFORE, new Condition.Equals(AFTER)));

            assertThat(SameValue.items(currentOf(outcome), changed)).isTrue();
            assertThat(SameValue.items(table.get(K1), changed)).as("nothing written").isTrue();
        }
    }

    @Test
    void equals_attributeAddedOrRemovedSince_isConditionFailedWhenRemoved_butAnAddedOneIsNotChecked() {
        Item removed = with(AFTER, "v", null);
        Key k2 = Key.of("pk", s("k2"));
        Item after2 = with(AFTER, "pk", s("k2"));
        Item added = with(after2, "extra", s("added after the window"));
        table.seed(removed, added);
        try (DynamoDbConditionalSink sink = sink().build()) {

            Outcome onRemoved = outcome(sink, write(K1, BEFORE, new Condition.Equals(AFTER)));
            Outcome onAdded = outcome(sink, write(k2, with(BEFORE, "pk", s("k2")), new Condition.Equals(after2)));

            assertThat(SameValue.items(currentOf(onRemoved), removed)).isTrue();
            assertThat(onAdded).as("an attribute beyond the expected item's is not compared")
                    .isEqualTo(new Outcome.Written());
        }
    }

    @Test
    void equals_noItemThere_isConditionFailedWithoutAnItem() {
        try (DynamoDbConditionalSink sink = sink().build()) {
            assertThat(outcome(sink, write(K1, BEFORE, new Condition.Equals(AFTER))))
                    .isEqualTo(new Outcome.ConditionFailed(null));
            assertThat(table.get(K1)).isNull();
        }
    }

    @Test
    void absent_noItem_isWritten_itemThere_isConditionFailedWithIt() {
        table.seed(AFTER);
        Key k2 = Key.of("pk", s("k2"));
        Item target2 = with(BEFORE, "pk", s("k2"));
        try (DynamoDbConditionalSink sink = sink().build()) {

            Outcome there = outcome(sink, write(K1, BEFORE, new Condition.Absent()));
            Outcome notThere = outcome(sink, write(k2, target2, new Condition.Absent()));

            assertThat(SameValue.items(currentOf(there), AFTER)).isTrue();
            assertThat(SameValue.items(table.get(K1), AFTER)).isTrue();
            assertThat(notThere).isEqualTo(new Outcome.Written());
            assertThat(SameValue.items(table.get(k2), target2)).isTrue();
        }
    }

    @Test
    void delete_underEquals_deletesWhenEqual_andKeepsAChangedItem() {
        Key k2 = Key.of("pk", s("k2"));
        Item changed2 = with(with(AFTER, "pk", s("k2")), "state", s("changed"));
        table.seed(AFTER, changed2);
        try (DynamoDbConditionalSink sink = sink().build()) {

            Outcome equal = sink.write(new Write(K1, null, new Condition.Equals(AFTER), "delete 1")).join();
            Outcome notEqual = sink.write(new Write(k2, null, new Condition.Equals(with(AFTER, "pk", s("k2"))),
                    "delete 2")).join();

            assertThat(equal).isEqualTo(new Outcome.Written());
            assertThat(table.get(K1)).isNull();
            assertThat(SameValue.items(currentOf(notEqual), changed2)).isTrue();
            assertThat(SameValue.items(table.get(k2), changed2)).isTrue();
        }
    }

    @Test
    void none_overwritesOrDeletesWhateverIsThere() {
        Key k2 = Key.of("pk", s("k2"));
        Key k3 = Key.of("pk", s("k3"));
        table.seed(with(AFTER, "unexpected", s("x")), with(AFTER, "pk", s("k2")));
        ConditionalFaults watched = new ConditionalFaults();
        try (DynamoDbConditionalSink sink = sinkThrough(watched).build()) {

            Outcome overwritten = outcome(sink, write(K1, BEFORE, new Condition.None()));
            Outcome deleted = sink.write(new Write(k2, null, new Condition.None(), "delete")).join();
            Outcome created = outcome(sink, write(k3, with(BEFORE, "pk", s("k3")), new Condition.None()));

            assertThat(List.of(overwritten, deleted, created)).containsOnly(new Outcome.Written());
            assertThat(SameValue.items(table.get(K1), BEFORE)).isTrue();
            assertThat(table.get(k2)).isNull();
            assertThat(table.get(k3)).isNotNull();
            assertThat(watched.conditions()).containsOnly("none");
        }
    }

    // ---- values of every type ----

    /** An item as the table holds it: every type, numbers in one form, sets in one order. */
    private static Item stored() {
        Map<String, AttributeValue> deep = new LinkedHashMap<>();
        deep.put("x", n("1"));
        deep.put("y", new AttributeValue.L(List.of(s("q"), new AttributeValue.M(Map.of("ns",
                ns("1", "20"))))));
        return item("pk", s("typed"),
                "s", s("text"), "empty", s(""), "n", n("1.5"), "neg", n("-0.01"),
                "b", AttributeValue.B.of(new byte[] {1, 2, 3}), "t", AttributeValue.Bool.TRUE,
                "z", AttributeValue.Null.INSTANCE,
                "ss", ss("a", "b", "c"), "ns", ns("1", "2.5", "10"),
                "bs", bs(1, 2),
                "m", new AttributeValue.M(deep),
                "l", new AttributeValue.L(List.of(n("2"), s("two"), AttributeValue.Bool.FALSE)),
                "el", new AttributeValue.L(List.of()), "em", new AttributeValue.M(Map.of()));
    }

    /** The same values as {@link #stored()} written otherwise: numbers in other forms, sets and maps in other orders. */
    private static Item expectedInOtherForms() {
        Map<String, AttributeValue> deep = new LinkedHashMap<>();
        deep.put("y", new AttributeValue.L(List.of(s("q"), new AttributeValue.M(Map.of("ns",
                ns("20.0", "1.00"))))));
        deep.put("x", n("1.0"));
        return item("pk", s("typed"),
                "em", new AttributeValue.M(Map.of()), "el", new AttributeValue.L(List.of()),
                "l", new AttributeValue.L(List.of(n("2.0"), s("two"), AttributeValue.Bool.FALSE)),
                "m", new AttributeValue.M(deep),
                "bs", bs(2, 1),
                "ns", ns("10", "1.0", "2.50"), "ss", ss("c", "a", "b"),
                "z", AttributeValue.Null.INSTANCE, "t", AttributeValue.Bool.TRUE,
                "b", AttributeValue.B.of(new byte[] {1, 2, 3}),
                "neg", n("-1E-2"), "n", n("1.50"), "empty", s(""), "s", s("text"));
    }

    private static AttributeValue.SS ss(String... elements) {
        return new AttributeValue.SS(new LinkedHashSet<>(List.of(elements)));
    }

    private static AttributeValue.NS ns(String... elements) {
        return new AttributeValue.NS(new LinkedHashSet<>(List.of(elements)));
    }

    /** A binary set of one-byte binaries, in this order. */
    private static AttributeValue.BS bs(int... bytes) {
        Set<AttributeValue.B> set = new LinkedHashSet<>();
        for (int b : bytes) {
            set.add(AttributeValue.B.of(new byte[] {(byte) b}));
        }
        return new AttributeValue.BS(set);
    }

    @Test
    void equals_everyTypeWrittenInOtherFormsAndOrders_matchesAsDynamoDbCompares() {
        table.seed(stored());
        Key key = Key.of("pk", s("typed"));
        Item target = item("pk", s("typed"), "reverted", AttributeValue.Bool.TRUE);
        try (DynamoDbConditionalSink sink = sink().build()) {

            Outcome outcome = outcome(sink, write(key, target, new Condition.Equals(expectedInOtherForms())));

            assertThat(outcome).isEqualTo(new Outcome.Written());
            assertThat(SameValue.items(table.get(key), target)).isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"s", "empty", "n", "neg", "b", "t", "z", "ss", "ns", "bs", "m", "l", "el", "em"})
    void equals_everyType_aChangeToIt_isCaught(String attribute) {
        Item changed = with(stored(), attribute, changedValue(attribute));
        table.seed(changed);
        Key key = Key.of("pk", s("typed"));
        try (DynamoDbConditionalSink sink = sink().build()) {

            Outcome outcome = outcome(sink, write(key, item("pk", s("typed")), new Condition.Equals(stored())));

            assertThat(SameValue.items(currentOf(outcome), changed)).isTrue();
            assertThat(SameValue.items(table.get(key), changed)).isTrue();
        }
    }

    private static AttributeValue changedValue(String attribute) {
        return switch (attribute) {
            case "s" -> s("Text");
            case "empty" -> s(" ");
            case "n" -> n("1.51");
            case "neg" -> n("0.01");
            case "b" -> AttributeValue.B.of(new byte[] {1, 2, 4});
            case "t" -> AttributeValue.Bool.FALSE;
            case "z" -> AttributeValue.Bool.FALSE;
            case "ss" -> ss("a", "b");
            case "ns" -> ns("1", "2.5", "10", "11");
            case "bs" -> bs(1);
            case "m" -> new AttributeValue.M(Map.of("x", n("1"), "y", new AttributeValue.L(List.of(s("q"),
                    new AttributeValue.M(Map.of("ns", ns("1", "21"))))))); // deep inside
            case "l" -> new AttributeValue.L(List.of(s("two"), n("2"), AttributeValue.Bool.FALSE)); // order
            case "el" -> new AttributeValue.L(List.of(AttributeValue.Null.INSTANCE));
            case "em" -> new AttributeValue.M(Map.of("k", s("v")));
            default -> throw new IllegalArgumentException(attribute);
        };
    }

    // ---- names ----

    @Test
    void names_reservedWordsDotsSpacesHashColonAndNonAscii_areComparedAndWrittenThroughPlaceholders() {
        KeySchema reserved = KeySchema.of("date", KeySchema.ScalarType.S);
        ConditionalTables odd = new ConditionalTables(ddb, client, "cond-names", reserved);
        Item after = item("date", s("2024-01-01"), "name", s("n"), "status", s("st"), "a.b", s("dot"),
                "with space", s("sp"), "#hash", s("h"), ":colon", s("c"), "ünïcødé", s("u"), "日本語", s("j"),
                "a[0]", s("bracket"), "size", n("3"));
        Item before = with(with(after, "status", s("before")), "日本語", s("before"));
        Key key = Key.of("date", s("2024-01-01"));
        odd.seed(after);
        ConditionalFaults watched = new ConditionalFaults();
        try (DynamoDbConditionalSink sink = DynamoDbConditionalSink.builder()
                .client(ddb.asyncClientWithoutSdkRetries(watched)).tableName(odd.name()).build()) {

            Outcome equal = outcome(sink, write(key, before, new Condition.Equals(after)));
            Outcome changed = outcome(sink, write(key, before, new Condition.Equals(with(after, "a.b", s("other")))));
            Outcome absent = outcome(sink, write(Key.of("date", s("new")), with(after, "date", s("new")),
                    new Condition.Absent()));

            assertThat(equal).isEqualTo(new Outcome.Written());
            assertThat(SameValue.items(currentOf(changed), before)).isTrue();
            assertThat(absent).isEqualTo(new Outcome.Written());
            assertThat(SameValue.items(odd.get(key), before)).isTrue();
            assertThat(watched.conditions()).hasSize(3).allMatch(c -> c.matches(
                    "#a0 = :v0( AND #a\\d+ = :v\\d+)*|attribute_not_exists\\(#k0\\)"));
        }
    }

    // ---- sizes ----

    @Test
    void equals_390KbItem_withA390KbTarget_isWritten_andCostsWhatDynamoDbReports() {
        Item after = item("pk", s("k1"), "payload", s("a".repeat(390 * 1024)));
        Item before = item("pk", s("k1"), "payload", s("b".repeat(390 * 1024)));
        table.seed(after);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (DynamoDbConditionalSink sink = sink().meterRegistry(registry).build()) {

            Outcome changedSince = outcome(sink, write(K1, before, new Condition.Equals(with(after, "payload",
                    s("c".repeat(390 * 1024))))));
            double afterFailure = sink.capacityUnits();
            Outcome equal = outcome(sink, write(K1, before, new Condition.Equals(after)));

            assertThat(SameValue.items(currentOf(changedSince), after)).isTrue();
            assertThat(afterFailure).as("a failed condition costs the larger item, estimated")
                    .isEqualTo(WriteCapacity.unitsForItemBytes(after.sizeInBytes())).isGreaterThanOrEqualTo(390);
            assertThat(equal).isEqualTo(new Outcome.Written());
            assertThat(SameValue.items(table.get(K1), before)).isTrue();
            assertThat(sink.capacityUnits() - afterFailure).as("as DynamoDB Local reports it").isGreaterThanOrEqualTo(390);
            assertThat(registry.get("pitr.revert.wcu.consumed").counter().count()).isEqualTo(sink.capacityUnits());
        }
    }

    @Test
    void equals_aThousandAttributes_moreThanOneConditionHolds_comparesTheSmallest_andCountsThePartialCondition() {
        Map<String, AttributeValue> attributes = new LinkedHashMap<>();
        attributes.put("pk", s("wide"));
        attributes.put("large", s("a value larger than any other of this item, left out of the condition"));
        for (int i = 0; i < 997; i++) {
            attributes.put(String.format("attr-%03d", i), s(String.format("value-%03d", i)));
        }
        attributes.put("tiny", AttributeValue.Bool.TRUE); // the smallest: compared
        Item after = new Item(attributes);
        Item before = item("pk", s("wide"), "state", s("before the window"));
        Key key = Key.of("pk", s("wide"));
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (DynamoDbConditionalSink sink = sink().meterRegistry(registry).build()) {
            table.seed(after);
            Outcome equal = outcome(sink, write(key, before, new Condition.Equals(after)));
            assertThat(equal).isEqualTo(new Outcome.Written());
            assertThat(SameValue.items(table.get(key), before)).isTrue();
            assertThat(sink.partialConditions()).isEqualTo(1);

            Item changedInside = with(after, "tiny", AttributeValue.Bool.FALSE);
            table.seed(changedInside);
            Outcome caught = outcome(sink, write(key, before, new Condition.Equals(after)));
            assertThat(SameValue.items(currentOf(caught), changedInside)).isTrue();
            assertThat(SameValue.items(table.get(key), changedInside)).isTrue();

            Item changedOutside = with(after, "large", s("changed, but not compared"));
            table.seed(changedOutside);
            Outcome missed = outcome(sink, write(key, before, new Condition.Equals(after)));
            assertThat(missed).as("the documented limit: an attribute left out is not checked")
                    .isEqualTo(new Outcome.Written());

            assertThat(sink.partialConditions()).isEqualTo(3);
            assertThat(registry.get("pitr.revert.partial.conditions").counter().count()).isEqualTo(3);
        }
    }

    @Test
    void dynamoDbLocal_refusesAConditionOver4KbOrOver300Operators_asDynamoDbDoes() {
        // What the sink's fallback relies on: DynamoDB Local enforces both limits, so a condition
        // the sink built too long would fail these tests rather than pass unnoticed.
        DynamoDbAsyncClient raw = ddb.asyncClientWithoutSdkRetries();
        String padded = "#a = :v" + " ".repeat(4096 - 7);
        StringBuilder operators = new StringBuilder("#a = :v");
        for (int i = 0; i < 150; i++) {
            operators.append(" AND #a = :v");
        }
        for (String expression : List.of(padded + " ", operators.toString())) {
            assertThatThrownBy(() -> raw.putItem(b -> b.tableName(table.name())
                    .item(Map.of("pk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("x")))
                    .conditionExpression(expression).expressionAttributeNames(Map.of("#a", "pk"))
                    .expressionAttributeValues(Map.of(":v", software.amazon.awssdk.services.dynamodb.model.AttributeValue
                            .fromS("x")))).join())
                    .hasCauseInstanceOf(DynamoDbException.class)
                    .hasMessageContaining(expression.length() > 4096 ? "Expression size has exceeded" : "too many operators");
        }
        // 4,096 bytes and 299 operators are taken (the condition is evaluated: no item, so it fails).
        for (String expression : List.of(padded, operators.substring(0, operators.length() - " AND #a = :v".length()))) {
            assertThatThrownBy(() -> raw.putItem(b -> b.tableName(table.name())
                    .item(Map.of("pk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("x")))
                    .conditionExpression(expression).expressionAttributeNames(Map.of("#a", "pk"))
                    .expressionAttributeValues(Map.of(":v", software.amazon.awssdk.services.dynamodb.model.AttributeValue
                            .fromS("x")))).join())
                    .hasMessageContaining("ConditionalCheckFailed");
        }
    }

    // ---- capacity, meters ----

    @Test
    void capacity_aFailedConditionCountsTheLargerOfTargetAndItemThere_andTheMetersAddUp() {
        Item large = with(AFTER, "payload", s("p".repeat(3_500)));
        table.seed(large);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (DynamoDbConditionalSink sink = sink().meterRegistry(registry).build()) {

            Outcome failed = outcome(sink, write(K1, BEFORE, new Condition.Equals(with(large, "v", n("9")))));
            double afterFailure = sink.capacityUnits();
            Outcome written = outcome(sink, write(K1, BEFORE, new Condition.Equals(large)));

            assertThat(failed).isInstanceOf(Outcome.ConditionFailed.class);
            assertThat(afterFailure).as("the 3.5 KB item there, not the 1-unit target")
                    .isEqualTo(WriteCapacity.unitsForItemBytes(large.sizeInBytes())).isEqualTo(4);
            assertThat(written).isEqualTo(new Outcome.Written());
            assertThat(sink.capacityUnits()).isGreaterThan(afterFailure);
            assertThat(registry.get("pitr.revert.writes").tag("outcome", "written").counter().count()).isEqualTo(1);
            assertThat(registry.get("pitr.revert.writes").tag("outcome", "condition_failed").counter().count())
                    .isEqualTo(1);
            assertThat(registry.get("pitr.revert.wcu.consumed").counter().count()).isEqualTo(sink.capacityUnits());
        }
    }

    // ---- refusals ----

    @Test
    void write_keyOfAnotherSchema_orATargetUnderAnotherKey_isRefusedNamingTheOrigin() {
        try (DynamoDbConditionalSink sink = sink().build()) {
            assertThatThrownBy(() -> sink.write(new Write(Key.of("id", n("1")), null, new Condition.None(), "line 7")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 7")
                    .hasMessageContaining(table.name()).hasMessageContaining("pk");
            assertThatThrownBy(() -> sink.write(new Write(Key.of("pk", s("k2")), BEFORE, new Condition.None(), "line 8")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 8")
                    .hasMessageContaining("another key");
            assertThatThrownBy(() -> sink.write(new Write(K1, item("other", s("x")), new Condition.None(), "line 9")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 9")
                    .hasMessageContaining("missing key attribute pk");
            assertThatThrownBy(() -> sink.write(new Write(K1, BEFORE, new Condition.Equals(with(AFTER, "pk", s("k2"))),
                    "line 10"))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 10")
                    .hasMessageContaining("expected item under another key");
        }
        assertThat(table.get(K1)).isNull();
    }

    @Test
    void write_numberKeyWrittenInAnotherForm_isTheSameItem() {
        ConditionalTables numbered = new ConditionalTables(ddb, client, "cond-number",
                KeySchema.of("id", KeySchema.ScalarType.N));
        Item after = item("id", n("7"), "state", s("after"));
        numbered.seed(after);
        try (DynamoDbConditionalSink sink = DynamoDbConditionalSink.builder().client(client)
                .tableName(numbered.name()).build()) {

            Outcome outcome = outcome(sink, write(Key.of("id", n("7.00")), item("id", n("7.0"), "state", s("before")),
                    new Condition.Equals(item("id", n("700E-2"), "state", s("after")))));

            assertThat(outcome).isEqualTo(new Outcome.Written());
            assertThat(SameValue.items(numbered.get(Key.of("id", n("7"))), item("id", n("7"), "state", s("before"))))
                    .isTrue();
        }
    }

    @Test
    void write_refusedByDynamoDb_failsNamingTableOriginAndError_withoutAttributeValues() {
        Key emptyKey = Key.of("pk", s(""));
        Item target = item("pk", s(""), "secret", s("personal-data-value"));
        try (DynamoDbConditionalSink sink = sink().build()) {

            Throwable failure = awaitFailureOf(sink.write(new Write(emptyKey, target, new Condition.Absent(), "line 12")));

            assertThat(failure).isInstanceOf(PitrException.class).hasMessageContaining(table.name())
                    .hasMessageContaining("line 12").hasMessageContaining("ValidationException")
                    .hasMessageNotContaining("personal-data-value");
        }
    }

    @Test
    void write_targetOver400Kb_failsWithoutBeingSent() {
        Item huge = item("pk", s("k1"), "payload", s("x".repeat(401 * 1024)));
        ConditionalFaults watched = new ConditionalFaults();
        try (DynamoDbConditionalSink sink = sinkThrough(watched).build()) {

            Throwable failure = failureOf(sink.write(new Write(K1, huge, new Condition.None(), "line 3")));

            assertThat(failure).isInstanceOf(PitrException.class).hasMessageContaining("line 3")
                    .hasMessageContaining("400 KB");
            assertThat(watched.calls()).isZero();
        }
    }

    @Test
    void open_tableThatDoesNotExist_isRefusedNamingIt_andTargetIsTheItemSinksTarget() {
        try (DynamoDbConditionalSink missing = DynamoDbConditionalSink.builder().client(client)
                .tableName("no-such-table-here").build()) {
            assertThatThrownBy(missing::open).isInstanceOf(TargetTableException.class)
                    .hasMessageContaining("no-such-table-here");
        }
        String target;
        try (DynamoDbItemSink itemSink = DynamoDbItemSink.builder().client(client).tableName(table.name()).build()) {
            target = itemSink.target();
        }
        try (DynamoDbConditionalSink sink = sink().build()) {
            assertThat(sink.open()).isEqualTo(HASH);
            assertThat(sink.target()).isEqualTo(target).startsWith(ddb.endpoint() + "#");
            assertThat(sink).hasToString("DynamoDbConditionalSink[" + table.name() + "]");
        }
    }
}
