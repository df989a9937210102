package dev.pitr.revert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pitr.PitrException;
import dev.pitr.checkpoint.FileCheckpointStore;
import dev.pitr.manifest.OutputView;
import dev.pitr.model.AttributeValue;
import dev.pitr.model.Item;
import dev.pitr.model.Key;
import dev.pitr.model.KeySchema;
import dev.pitr.plan.ChainException;
import dev.pitr.testing.Changes;
import dev.pitr.testing.ExportGenerator;
import dev.pitr.testing.GeneratedExport;
import dev.pitr.testing.GeneratedRecord;
import dev.pitr.verify.MapTable;
import dev.pitr.verify.SameValue;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The reverter against a table in a map: what it puts back, what it leaves alone, how it resumes. */
class PitrReverterTest {
    private static final KeySchema SCHEMA = KeySchema.of("pk", KeySchema.ScalarType.S, "sk", KeySchema.ScalarType.N);
    private static final Instant T0 = Instant.parse("2026-08-01T00:00:00Z");
    private static final Duration W = Duration.ofMinutes(15);

    @TempDir
    Path dir;

    private final List<Key> conflicts = new CopyOnWriteArrayList<>();

    private ExportGenerator generator(long seed) {
        return ExportGenerator.builder().bucketRoot(dir.resolve("bucket")).keySchema(SCHEMA).filesPerExport(3)
                .seed(seed).build();
    }

    private PitrReverter.Builder reverter(Map<Key, Item> table, MapConditionalSink sink, GeneratedExport... window) {
        PitrReverter.Builder b = PitrReverter.builder().table(new MapTable(table, SCHEMA)).sink(sink)
                .checkpointStore(FileCheckpointStore.in(dir.resolve("checkpoints")))
                .stateDirectory(dir.resolve("state")).listener(new RevertListener() {
                    @Override
                    public void conflict(Key key) {
                        conflicts.add(key);
                    }
                });
        for (GeneratedExport e : window) {
            b.export(e.source());
        }
        return b;
    }

    private static Set<Key> keysOf(GeneratedExport... exports) {
        Set<Key> keys = new HashSet<>();
        for (GeneratedExport e : exports) {
            e.records().forEach(r -> keys.add(r.key()));
        }
        return keys;
    }

    private static Item newer(Key k, String value) {
        Map<String, AttributeValue> m = new LinkedHashMap<>(k.attributes());
        m.put("written-after-the-window", new AttributeValue.S(value));
        return new Item(m);
    }

    private static void assertSame(Map<Key, Item> actual, Map<Key, Item> expected) {
        assertThat(actual.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        expected.forEach((k, v) -> assertThat(SameValue.items(actual.get(k), v)).as("%s", k).isTrue());
    }

    @Test
    void revert_putsBackWhatTheWindowChanged_keepsEveryLaterWrite_andCountsTheConflicts() {
        ExportGenerator g = generator(21);
        g.full(400, T0);
        Map<Key, Item> atStart = new HashMap<>(g.expectedState());
        GeneratedExport window = g.incremental(T0, T0.plus(W), Changes.of(60, 15, 20, 0));
        Map<Key, Item> table = new ConcurrentHashMap<>(g.expectedState());
        List<Key> changed = new ArrayList<>(keysOf(window));
        changed.sort(Comparator.comparing(Key::toString));
        List<Key> untouched = new ArrayList<>(atStart.keySet());
        untouched.removeAll(changed);
        untouched.sort(Comparator.comparing(Key::toString));
        Map<Key, Item> later = new HashMap<>();
        for (Key k : changed.subList(0, 5)) { // W changed these; written again after W
            later.put(k, newer(k, "after-" + k));
        }
        for (Key k : untouched.subList(0, 5)) { // W left these; written after W
            later.put(k, newer(k, "after-" + k));
        }
        table.putAll(later);
        MapConditionalSink sink = new MapConditionalSink(table, SCHEMA);
        io.micrometer.core.instrument.simple.SimpleMeterRegistry meters =
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry();

        List<RevertListener.Progress> progress = new CopyOnWriteArrayList<>();
        RevertReport report = reverter(table, sink, window).meterRegistry(meters).progressInterval(Duration.ofNanos(1))
                .listener(new RevertListener() {
                    @Override
                    public void progress(Progress p) {
                        progress.add(p);
                    }

                    @Override
                    public void conflict(Key key) {
                        conflicts.add(key);
                    }
                }).build().run();

        assertThat(progress).isNotEmpty().allSatisfy(p -> assertThat(p.keysTotal()).as("known from the start")
                .isEqualTo(keysOf(window).size()));

        assertThat(meters.get("pitr.revert.keys").tag("outcome", "conflict").counter().count()).isEqualTo(5);
        assertThat(meters.get("pitr.revert.keys").tag("outcome", "restored").counter().count())
                .isEqualTo(report.counts().restored());
        Map<Key, Item> expected = new HashMap<>(atStart);
        expected.putAll(later);
        assertSame(table, expected);
        long inserts = window.records().stream().filter(r -> r.oldImage() == null).count();
        long windowKeys = changed.size();
        assertThat(report.counts().conflicts()).isEqualTo(5);
        assertThat(report.counts().deleted()).isEqualTo(inserts - later.keySet().stream()
                .filter(k -> changed.contains(k) && !atStart.containsKey(k)).count());
        assertThat(report.counts().restored() + report.counts().deleted() + report.counts().unchanged()
                + report.counts().conflicts()).isEqualTo(windowKeys);
        assertThat(report.keys()).isEqualTo(windowKeys);
        assertThat(conflicts).containsExactlyInAnyOrderElementsOf(changed.subList(0, 5));
        assertThat(report.summary()).startsWith("revert orders: ").endsWith("conflicts 5");
        assertThat(report.status()).isEqualTo(RevertReport.Status.COMPLETED);
        assertThat(dir.resolve("state")).doesNotExist();
    }

    @Test
    void revert_ofTwoExports_whereKeysChangeInBoth_goesBackToTheStartOfTheFirst() {
        ExportGenerator g = generator(22);
        g.full(300, T0);
        Map<Key, Item> atStart = new HashMap<>(g.expectedState());
        GeneratedExport w1 = g.incremental(T0, T0.plus(W), Changes.of(80, 10, 20, 0));
        GeneratedExport w2 = g.incremental(T0.plus(W), T0.plus(W.multipliedBy(2)), Changes.of(80, 10, 20, 5));
        Set<Key> both = keysOf(w1);
        both.retainAll(keysOf(w2));
        assertThat(both).as("keys changed in both exports").hasSizeGreaterThan(10);
        Map<Key, Item> table = new ConcurrentHashMap<>(g.expectedState());

        RevertReport report = reverter(table, new MapConditionalSink(table, SCHEMA), w2, w1).build().run();

        assertSame(table, atStart);
        assertThat(report.counts().conflicts()).isZero();
        assertThat(report.exports()).isEqualTo(2);
        assertThat(report.windowStart()).isEqualTo(T0);
        assertThat(report.windowEnd()).isEqualTo(T0.plus(W.multipliedBy(2)));
    }

    @Test
    void dryRun_decidesWhatARevertWouldDo_andWritesNothing() {
        ExportGenerator g = generator(23);
        g.full(200, T0);
        GeneratedExport window = g.incremental(T0, T0.plus(W), Changes.of(40, 10, 10, 0));
        Map<Key, Item> table = new ConcurrentHashMap<>(g.expectedState());
        Key touched = keysOf(window).iterator().next();
        table.put(touched, newer(touched, "later"));
        Map<Key, Item> before = new HashMap<>(table);
        MapConditionalSink sink = new MapConditionalSink(table, SCHEMA);

        RevertReport dry = reverter(table, sink, window).dryRun(true).build().run();

        assertThat(sink.writes.get()).isZero();
        assertThat(table).isEqualTo(before);
        assertThat(dry.status()).isEqualTo(RevertReport.Status.DRY_RUN);
        assertThat(dry.counts().conflicts()).isEqualTo(1);
        assertThat(dry.summary()).contains("(dry run, nothing written)");
        RevertReport real = reverter(table, sink, window).build().run();
        assertThat(real.counts()).isEqualTo(dry.counts());
    }

    @Test
    void keys_revertOnlyTheKeysNamed() {
        ExportGenerator g = generator(24);
        g.full(200, T0);
        Map<Key, Item> atStart = new HashMap<>(g.expectedState());
        GeneratedExport window = g.incremental(T0, T0.plus(W), Changes.of(40, 0, 0, 0));
        Map<Key, Item> table = new ConcurrentHashMap<>(g.expectedState());
        Map<Key, Item> afterWindow = new HashMap<>(table);
        List<Key> chosen = window.records().stream().map(GeneratedRecord::key).limit(3).toList();

        RevertReport report = reverter(table, new MapConditionalSink(table, SCHEMA), window).keys(chosen).build().run();

        assertThat(report.counts().restored()).isEqualTo(3);
        assertThat(report.counts().notSelected()).isEqualTo(37);
        for (Key k : keysOf(window)) {
            Item want = chosen.contains(k) ? atStart.get(k) : afterWindow.get(k);
            assertThat(SameValue.items(table.get(k), want)).as("%s", k).isTrue();
        }
    }

    @Test
    void force_writesTheTargetsOverLaterWrites() {
        ExportGenerator g = generator(25);
        g.full(100, T0);
        Map<Key, Item> atStart = new HashMap<>(g.expectedState());
        GeneratedExport window = g.incremental(T0, T0.plus(W), Changes.of(20, 5, 5, 0));
        Map<Key, Item> table = new ConcurrentHashMap<>(g.expectedState());
        Key touched = keysOf(window).iterator().next();
        table.put(touched, newer(touched, "later"));

        RevertReport report = reverter(table, new MapConditionalSink(table, SCHEMA), window).force(true).build().run();

        assertSame(table, atStart);
        assertThat(report.counts().conflicts()).isZero();
        assertThat(report.forced()).isTrue();
    }

    /* One export is streamed in file order; two are merged on disk into key order: both resume. */
    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void aFailedRun_rerun_resumesAndEndsAsOneRunWould(int exports) {
        ExportGenerator g = generator(26);
        g.full(500, T0);
        Map<Key, Item> atStart = new HashMap<>(g.expectedState());
        GeneratedExport[] window = new GeneratedExport[exports];
        for (int i = 0; i < exports; i++) {
            window[i] = g.incremental(T0.plus(W.multipliedBy(i)), T0.plus(W.multipliedBy(i + 1)),
                    Changes.of(200, 50, 60, 0));
        }
        Map<Key, Item> table = new ConcurrentHashMap<>(g.expectedState());
        Map<Key, Item> copy = new ConcurrentHashMap<>(table);
        PitrReverter.Builder one = PitrReverter.builder().table(new MapTable(copy, SCHEMA))
                .sink(new MapConditionalSink(copy, SCHEMA)).checkpointStore(FileCheckpointStore.in(dir.resolve("other")))
                .stateDirectory(dir.resolve("other-state"));
        for (GeneratedExport e : window) {
            one.export(e.source());
        }
        RevertReport once = one.build().run();

        assertThatThrownBy(() -> reverter(table, new MapConditionalSink(table, SCHEMA).failAt(150), window)
                .checkpointInterval(Duration.ofMillis(1)).build().run()).isInstanceOf(PitrException.class)
                .hasMessageContaining("injected failure");
        assertThat(dir.resolve("state")).as("one export is streamed: no state on disk; several keep theirs")
                .matches(p -> java.nio.file.Files.exists(p) == (exports > 1));
        RevertReport resumed = reverter(table, new MapConditionalSink(table, SCHEMA), window).build().run();

        assertSame(table, atStart);
        assertThat(resumed.counts()).isEqualTo(once.counts());
        assertThat(resumed.keys()).isEqualTo(once.keys());
        RevertReport again = reverter(table, new MapConditionalSink(table, SCHEMA), window).build().run();
        assertThat(again.status()).isEqualTo(RevertReport.Status.ALREADY_COMPLETE);
    }

    /*
     * A killed run tells of conflicts it never checkpoints. A listener that keeps, on start, the
     * first counts.conflicts() it heard of lists each conflict once over both runs, as one run does.
     */
    @Test
    void aKilledRun_rerun_tellsOfTheConflictsItHadNotCheckpointed_andStartedSaysHowManyToKeep() {
        ExportGenerator g = generator(28);
        g.full(600, T0);
        GeneratedExport window = g.incremental(T0, T0.plus(W), Changes.of(300, 60, 80, 0));
        Map<Key, Item> later = new HashMap<>();
        List<Key> changed = new ArrayList<>(keysOf(window));
        changed.sort(Comparator.comparing(Key::toString));
        for (int i = 0; i < changed.size(); i += 4) { // a quarter of the window's keys written again since
            later.put(changed.get(i), newer(changed.get(i), "after"));
        }
        Map<Key, Item> copy = new ConcurrentHashMap<>(g.expectedState());
        copy.putAll(later);
        ConflictLog oneRun = new ConflictLog(Integer.MAX_VALUE);
        RevertReport once = PitrReverter.builder().export(window.source()).table(new MapTable(copy, SCHEMA))
                .sink(new MapConditionalSink(copy, SCHEMA)).checkpointStore(FileCheckpointStore.in(dir.resolve("other")))
                .stateDirectory(dir.resolve("other-state")).listener(oneRun).build().run();
        Map<Key, Item> table = new ConcurrentHashMap<>(g.expectedState());
        table.putAll(later);
        ConflictLog log = new ConflictLog(oneRun.keys.size() / 2);

        // Dies while telling of a conflict, as a killed process would: no checkpoint after it.
        assertThatThrownBy(() -> reverter(table, new MapConditionalSink(table, SCHEMA), window).listener(log)
                .checkpointInterval(Duration.ofMillis(1)).build().run()).hasMessageContaining("killed");
        assertThat(log.starts).containsExactly("0 " + RevertReport.Counts.ZERO);
        int heard = log.keys.size();
        log.killAt = Integer.MAX_VALUE;
        RevertReport resumed = reverter(table, new MapConditionalSink(table, SCHEMA), window).listener(log).build()
                .run();

        assertThat(once.counts().conflicts()).isEqualTo(later.size());
        assertThat(resumed.counts().conflicts()).isEqualTo(once.counts().conflicts());
        assertThat(log.keys).containsExactlyElementsOf(oneRun.keys);
        assertThat(log.repeated).as("conflicts heard again after the resume").isPositive()
                .isEqualTo(heard - log.kept);
        assertThat(log.kept).isPositive().isLessThan(heard);
    }

    /** Keeps conflicts across runs as a file would: on start, the first counts.conflicts() heard. */
    private static final class ConflictLog implements RevertListener {
        final List<Key> keys = new ArrayList<>();
        final List<String> starts = new ArrayList<>();
        int killAt;
        int kept = -1;
        int repeated;

        ConflictLog(int killAt) {
            this.killAt = killAt;
        }

        @Override
        public void started(long keysDone, RevertReport.Counts counts) {
            starts.add(keysDone + " " + counts);
            if (!keys.isEmpty()) {
                kept = (int) counts.conflicts();
                repeated = keys.size() - kept;
                keys.subList(kept, keys.size()).clear();
            }
        }

        @Override
        public void conflict(Key key) {
            keys.add(key);
            if (keys.size() == killAt) {
                throw new IllegalStateException("killed while telling of a conflict");
            }
        }
    }

    @Test
    void exportsThatCannotBeReverted_areRefusedBeforeAnythingIsRead() {
        ExportGenerator g = generator(27);
        GeneratedExport full = g.full(50, T0);
        GeneratedExport newImage = g.incremental(T0, T0.plus(W), Changes.of(5, 1, 1, 0), OutputView.NEW_IMAGE);
        Map<Key, Item> table = new ConcurrentHashMap<>();
        MapConditionalSink sink = new MapConditionalSink(table, SCHEMA);

        assertThatThrownBy(() -> reverter(table, sink, newImage).build().run()).isInstanceOf(ChainException.class)
                .hasMessageContaining("NEW_IMAGE").hasMessageContaining("NEW_AND_OLD_IMAGES");
        assertThatThrownBy(() -> reverter(table, sink, full).build().run()).isInstanceOf(ChainException.class)
                .hasMessageContaining("FULL");
        assertThat(sink.writes.get()).isZero();
    }
}
