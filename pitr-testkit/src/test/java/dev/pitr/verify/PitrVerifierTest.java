package dev.pitr.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pitr.model.AttributeValue;
import dev.pitr.model.Item;
import dev.pitr.model.Key;
import dev.pitr.model.KeySchema;
import dev.pitr.restore.MapItemSink;
import dev.pitr.state.internal.StateKeys;
import dev.pitr.testing.Changes;
import dev.pitr.testing.ExportGenerator;
import dev.pitr.testing.GeneratedChain;
import dev.pitr.verify.VerifyListener.Difference;
import dev.pitr.verify.VerifyListener.Kind;
import dev.pitr.verify.internal.Sample;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The verifier against a table in a map: what it finds, what it repairs, what a sample checks. */
class PitrVerifierTest {
    private static final KeySchema SCHEMA = KeySchema.of("pk", KeySchema.ScalarType.S, "sk", KeySchema.ScalarType.N);

    @TempDir
    Path dir;

    private ExportGenerator g;
    private GeneratedChain chain;
    private final List<Difference> seen = new CopyOnWriteArrayList<>();

    @BeforeEach
    void chain() {
        g = ExportGenerator.builder().bucketRoot(dir.resolve("bucket")).keySchema(SCHEMA).filesPerExport(2).seed(14)
                .build();
        chain = g.chain(300, Instant.parse("2026-07-01T00:00:00Z"), Duration.ofMinutes(15),
                Changes.of(50, 20, 20, 0), Changes.of(40, 10, 10, 5));
    }

    private PitrVerifier.Builder verifier(Map<Key, Item> table) {
        return PitrVerifier.builder().exports(chain.exports().stream().map(e -> e.source()).toList())
                .table(new MapTable(table, SCHEMA)).stateDirectory(dir.resolve("state"))
                .listener(new VerifyListener() {
                    @Override
                    public void difference(Difference d) {
                        seen.add(d);
                    }
                });
    }

    /** The chain's state with 3 items deleted, 2 added, 4 changed and one number written another way. */
    private record Tampered(Map<Key, Item> table, List<Key> deleted, List<Key> added, List<Key> changed,
                            Key renumbered) {
    }

    private Tampered tampered() {
        Map<Key, Item> table = new ConcurrentHashMap<>(g.expectedState());
        List<Key> keys = new ArrayList<>(g.expectedState().keySet());
        keys.sort(java.util.Comparator.comparing(Key::toString));
        List<Key> deleted = List.copyOf(keys.subList(0, 3));
        deleted.forEach(table::remove);
        List<Key> changed = List.copyOf(keys.subList(3, 7));
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
        return new Tampered(table, deleted, added, changed, renumbered);
    }

    private List<String> seen(Kind kind, int pass) {
        return seen.stream().filter(d -> d.kind() == kind && d.pass() == pass).map(d -> canonical(d.key())).toList();
    }

    private static List<String> canonical(List<Key> keys) {
        return keys.stream().map(PitrVerifierTest::canonical).toList();
    }

    private static String canonical(Key key) {
        return java.util.HexFormat.of().formatHex(StateKeys.of(key, SCHEMA));
    }

    @Test
    void run_onTheChainsState_isEqual_withEqualFingerprints_andRemovesItsStateDirectory() {
        VerifyReport report = verifier(new HashMap<>(g.expectedState())).build().run();

        assertThat(report.equal()).isTrue();
        assertThat(report.counts()).isEqualTo(new VerifyReport.Counts(g.expectedState().size(), 0, 0, 0));
        assertThat(report.stateFingerprint()).hasSize(32).isEqualTo(report.tableFingerprint());
        assertThat(report.summary()).isEqualTo("verify orders: " + g.expectedState().size()
                + " items checked, missing 0, extra 0, different 0");
        assertThat(report.read().items()).isEqualTo(g.expectedState().size());
        assertThat(seen).isEmpty();
        assertThat(dir.resolve("state")).doesNotExist();
        assertThat(dir.resolve("state-table")).doesNotExist();
    }

    @Test
    void run_findsExactlyWhatWasDeletedAddedAndChanged_andNumbersCompareByValue() {
        Tampered t = tampered();

        VerifyReport report = verifier(t.table()).build().run();

        assertThat(report.counts()).isEqualTo(new VerifyReport.Counts(g.expectedState().size() + 2, 3, 2, 4));
        assertThat(report.equal()).isFalse();
        assertThat(report.stateFingerprint()).isNotEqualTo(report.tableFingerprint());
        assertThat(seen(Kind.MISSING, 1)).containsExactlyInAnyOrderElementsOf(canonical(t.deleted()));
        assertThat(seen(Kind.EXTRA, 1)).containsExactlyInAnyOrderElementsOf(canonical(t.added()));
        assertThat(seen(Kind.DIFFERENT, 1)).containsExactlyInAnyOrderElementsOf(canonical(t.changed()))
                .doesNotContain(canonical(t.renumbered()));
        assertThat(report.toJson()).contains("\"missing\" : 3", "\"extra\" : 2", "\"different\" : 4",
                "\"equal\" : false");
        assertThat(report.toJson()).doesNotContain("changed-behind-pitrs-back", "yes");
    }

    @Test
    void repair_writesWhatDiffers_thenTheCheckAfterItFindsTheTableEqual() {
        Tampered t = tampered();
        MapItemSink sink = new MapItemSink(SCHEMA);
        sink.table.putAll(t.table());

        VerifyReport report = PitrVerifier.builder().exports(chain.exports().stream().map(e -> e.source()).toList())
                .table(new MapTable(sink.table, SCHEMA)).stateDirectory(dir.resolve("state")).repair(sink)
                .build().run();

        assertThat(report.counts().differences()).isEqualTo(9);
        assertThat(report.repair()).isNotNull();
        assertThat(report.repair().puts()).isEqualTo(7);
        assertThat(report.repair().deletes()).isEqualTo(2);
        assertThat(report.repair().after()).isEqualTo(new VerifyReport.Counts(g.expectedState().size(), 0, 0, 0));
        assertThat(report.equal()).isTrue();
        assertThat(report.repairSummary()).isEqualTo("verify orders after repair: " + g.expectedState().size()
                + " items checked, missing 0, extra 0, different 0");
        assertThat(verifier(sink.table).build().run().equal()).isTrue();
    }

    @Test
    void sample_checksExactlyTheSampledKeys_byKeyHash_readingByKey() {
        Tampered t = tampered();
        Sample half = new Sample(0.5);
        List<String> state = new ArrayList<>();
        g.expectedState().keySet().forEach(k -> state.add(canonical(k)));
        long sampledLive = state.stream().filter(k -> half.includes(java.util.HexFormat.of().parseHex(k))).count();
        List<String> missing = canonical(t.deleted()).stream()
                .filter(k -> half.includes(java.util.HexFormat.of().parseHex(k))).toList();
        List<String> different = canonical(t.changed()).stream()
                .filter(k -> half.includes(java.util.HexFormat.of().parseHex(k))).toList();

        VerifyReport report = verifier(t.table()).sample(0.5).build().run();

        assertThat(sampledLive).isBetween(100L, (long) state.size() - 100);
        assertThat(report.sample()).isEqualTo(0.5);
        assertThat(report.counts().checked()).isEqualTo(sampledLive);
        assertThat(seen(Kind.MISSING, 1)).containsExactlyInAnyOrderElementsOf(missing);
        assertThat(seen(Kind.DIFFERENT, 1)).containsExactlyInAnyOrderElementsOf(different);
        assertThat(seen(Kind.EXTRA, 1)).isEmpty(); // keys the chain never held are not read in a sample
        assertThat(report.read().items()).isLessThan(g.expectedState().size());
        assertThat(report.stateFingerprint()).isNull();
        assertThat(report.summary()).endsWith("(a 50 % sample of the keys)");
    }

    @Test
    void sample_findsAnItemTheChainDeleted_asExtra() {
        Map<Key, Item> table = new HashMap<>(g.expectedState());
        List<Key> deletedByChain = chain.exports().stream().flatMap(e -> e.records().stream())
                .map(r -> r.key()).filter(k -> !g.expectedState().containsKey(k)).distinct().toList();
        assertThat(deletedByChain).isNotEmpty();
        for (Key k : deletedByChain) {
            table.put(k, new Item(Map.of("pk", k.get("pk"), "sk", k.get("sk"))));
        }

        VerifyReport report = verifier(table).sample(0.999999).build().run();

        assertThat(report.counts().extra()).isEqualTo(deletedByChain.size());
    }

    @Test
    void close_stopsARunningVerify_andKeepsTheStateForARerun() {
        PitrVerifier[] verifier = new PitrVerifier[1];
        verifier[0] = verifier(new HashMap<>(g.expectedState())).listener(new VerifyListener() {
            @Override
            public void stateExportIngested(dev.pitr.manifest.ExportDescriptor export, int index, int count,
                                            long records) {
                if (index == 1) {
                    verifier[0].close();
                }
            }
        }).build();

        assertThatThrownBy(verifier[0]::run).isInstanceOf(VerifyStoppedException.class);
        assertThat(Files.isDirectory(dir.resolve("state"))).isTrue();
        assertThat(verifier(new HashMap<>(g.expectedState())).build().run().equal()).isTrue();
    }

    @Test
    void builder_refusesWhatCannotWork() {
        assertThatThrownBy(() -> PitrVerifier.builder().table(new MapTable(Map.of(), SCHEMA)).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("export");
        assertThatThrownBy(() -> PitrVerifier.builder().export(chain.exports().get(0).source()).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("table");
        assertThatThrownBy(() -> PitrVerifier.builder().sample(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0.01");
        assertThatThrownBy(() -> PitrVerifier.builder().sample(1.5)).isInstanceOf(IllegalArgumentException.class);
    }
}
