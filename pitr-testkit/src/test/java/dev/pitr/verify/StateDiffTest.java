package dev.pitr.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pitr.PitrRestorer;
import dev.pitr.model.AttributeValue;
import dev.pitr.model.Item;
import dev.pitr.model.Key;
import dev.pitr.model.KeySchema;
import dev.pitr.plan.RestorePlan;
import dev.pitr.state.ChainState;
import dev.pitr.testing.Changes;
import dev.pitr.testing.ExportGenerator;
import dev.pitr.testing.GeneratedChain;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A chain's state against a table's items, key by key, out of core. */
class StateDiffTest {
    private static final KeySchema SCHEMA = KeySchema.of("pk", KeySchema.ScalarType.S, "sk", KeySchema.ScalarType.N);

    @TempDir
    Path dir;

    @Test
    void compare_findsExactlyWhatWasDeletedAddedAndChanged_andNumbersCompareByValue() {
        ExportGenerator g = ExportGenerator.builder().bucketRoot(dir.resolve("bucket")).keySchema(SCHEMA)
                .filesPerExport(2).seed(14).build();
        GeneratedChain chain = g.chain(300, Instant.parse("2026-07-01T00:00:00Z"), Duration.ofMinutes(15),
                Changes.of(50, 20, 20, 0), Changes.of(40, 10, 10, 5));
        RestorePlan plan = PitrRestorer.builder().exports(chain.exports().stream().map(e -> e.source()).toList())
                .dryRun(true).build().plan();
        Map<Key, Item> table = new LinkedHashMap<>(g.expectedState());
        List<Key> keys = new ArrayList<>(table.keySet());
        List<Key> deleted = keys.subList(0, 3);
        deleted.forEach(table::remove);
        List<Key> changed = keys.subList(3, 7);
        for (Key k : changed) {
            Map<String, AttributeValue> attributes = new HashMap<>(table.get(k).attributes());
            attributes.put("changed-behind-pitrs-back", new AttributeValue.S("yes"));
            table.put(k, new Item(attributes));
        }
        Key renumbered = keys.get(7); // its sort key, a number, written another way: the same value
        Map<String, AttributeValue> attributes = new HashMap<>(table.get(renumbered).attributes());
        attributes.put("sk", new AttributeValue.N(((AttributeValue.N) attributes.get("sk")).text() + ".0"));
        table.put(renumbered, new Item(attributes));
        List<Key> added = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Key k = Key.of("pk", new AttributeValue.S("only-in-the-table-" + i), "sk", new AttributeValue.N("1"));
            table.put(k, new Item(Map.of("pk", k.get("pk"), "sk", k.get("sk"))));
            added.add(k);
        }
        List<Key> seenMissing = new ArrayList<>();
        List<Key> seenExtra = new ArrayList<>();
        List<Key> seenDifferent = new ArrayList<>();

        StateDiff.Counts counts;
        try (ChainState expected = ChainState.builder().directory(dir.resolve("expected")).build();
             ChainState actual = ChainState.builder().directory(dir.resolve("actual")).build()) {
            expected.ingest(plan, SCHEMA);
            assertThat(actual.ingestItems(table.values().iterator(), SCHEMA)).isEqualTo(table.size());
            counts = StateDiff.compare(expected, actual, SCHEMA, new StateDiff.Listener() {
                @Override
                public void missing(Key key, Item item) {
                    seenMissing.add(key);
                }

                @Override
                public void extra(Key key, Item item) {
                    seenExtra.add(key);
                }

                @Override
                public void different(Key key, Item e, Item a) {
                    seenDifferent.add(key);
                }
            });
        }

        assertThat(counts.missing()).isEqualTo(3);
        assertThat(counts.extra()).isEqualTo(2);
        assertThat(counts.different()).isEqualTo(4);
        assertThat(counts.checked()).isEqualTo(g.expectedState().size() + 2);
        assertThat(seenMissing).containsExactlyInAnyOrderElementsOf(deleted);
        assertThat(seenExtra).containsExactlyInAnyOrderElementsOf(added);
        assertThat(seenDifferent).containsExactlyInAnyOrderElementsOf(changed).doesNotContain(renumbered);
    }

    @Test
    void sameValue_comparesNumbersAndNumberSetsByValue_andEverythingElseExactly() {
        assertThat(SameValue.values(new AttributeValue.N("1.5"), new AttributeValue.N("1.50"))).isTrue();
        assertThat(SameValue.values(new AttributeValue.N("100"), new AttributeValue.N("1E2"))).isTrue();
        assertThat(SameValue.values(new AttributeValue.N("1.5"), new AttributeValue.N("1.51"))).isFalse();
        assertThat(SameValue.values(new AttributeValue.NS(java.util.Set.of("1", "2.0")),
                new AttributeValue.NS(java.util.Set.of("2", "1.00")))).isTrue();
        assertThat(SameValue.values(new AttributeValue.S("1.5"), new AttributeValue.N("1.5"))).isFalse();
        assertThat(SameValue.values(new AttributeValue.L(List.of(new AttributeValue.N("1"), new AttributeValue.S("a"))),
                new AttributeValue.L(List.of(new AttributeValue.S("a"), new AttributeValue.N("1"))))).isFalse();
        assertThat(SameValue.values(new AttributeValue.M(Map.of("n", new AttributeValue.N("0.0"))),
                new AttributeValue.M(Map.of("n", new AttributeValue.N("0"))))).isTrue();
    }
}
