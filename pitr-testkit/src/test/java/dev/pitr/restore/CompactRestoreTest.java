package dev.pitr.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pitr.PitrException;
import dev.pitr.PitrRestorer;
import dev.pitr.PitrRestorerBuilder;
import dev.pitr.RestoreReport;
import dev.pitr.checkpoint.CheckpointPolicy;
import dev.pitr.checkpoint.CheckpointStore;
import dev.pitr.checkpoint.FileCheckpointStore;
import dev.pitr.checkpoint.InMemoryCheckpointStore;
import dev.pitr.manifest.OutputFormat;
import dev.pitr.testing.Changes;
import dev.pitr.testing.ExportGenerator;
import dev.pitr.testing.GeneratedChain;
import dev.pitr.testing.GeneratedExport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** {@code compact(true)}: the chain's final state, each key written once. */
class CompactRestoreTest extends RestorerTestBase {

    private ExportGenerator generator(OutputFormat format) {
        return ExportGenerator.builder().bucketRoot(dir.resolve("bucket")).prefix("exports").keySchema(SCHEMA)
                .format(format).filesPerExport(3).seed(13).build();
    }

    /** A FULL export of 500 items and nine windows that keep rewriting, deleting and bringing back the same keys. */
    private static GeneratedChain heavyOverlap(ExportGenerator g) {
        List<Changes> windows = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            windows.add(Changes.of(150, 40, 30, i == 0 ? 0 : 20));
        }
        return g.chain(500, T0, WINDOW, windows);
    }

    private static PitrRestorerBuilder restorer(GeneratedChain chain) {
        PitrRestorerBuilder b = PitrRestorer.builder().checkpointStore(new InMemoryCheckpointStore());
        chain.exports().forEach(e -> b.export(e.source()));
        return b;
    }

    @ParameterizedTest
    @EnumSource(OutputFormat.class)
    void compact_fullAndNineOverlappingWindows_ontoAnEmptyTable_writesEachLiveKeyOnceAndNoDelete(OutputFormat format) {
        ExportGenerator g = generator(format);
        GeneratedChain chain = heavyOverlap(g);
        MapItemSink sink = sink();
        Path state = dir.resolve("state");

        RestoreReport report = restorer(chain).sink(sink).compact(true).stateDirectory(state).build().run();

        assertThat(sink.table).isEqualTo(g.expectedState());
        RestoreReport.Compaction c = report.compaction();
        assertThat(c).isNotNull();
        long records = chain.exports().stream().mapToLong(GeneratedExport::itemCount).sum();
        assertThat(c.chainRecords()).isEqualTo(records);
        assertThat(c.puts()).isEqualTo(g.expectedState().size()).isEqualTo(sink.written());
        assertThat(c.deletes()).isZero();
        assertThat(c.deletesNotNeeded()).isPositive();
        assertThat(c.puts() + c.deletesNotNeeded()).isEqualTo(c.keys());
        assertThat(records).as("the chain rewrites keys: compaction must save writes").isGreaterThan(2 * c.puts());
        assertThat(report.summary()).contains("compacted: the chain's " + String.format("%,d", records) + " records");
        assertThat(report.restoreId()).startsWith("compact-" + chain.full().exportId());
        assertThat(state).as("the state is removed once the restore completes").doesNotExist();
    }

    @Test
    void compact_incrementalsOntoATableThatHoldsTheEarlierState_deletesWhatTheChainDeleted() {
        ExportGenerator g = generator(OutputFormat.DYNAMODB_JSON);
        GeneratedChain chain = heavyOverlap(g);
        MapItemSink sink = sink();
        PitrRestorerBuilder full = PitrRestorer.builder().checkpointStore(new InMemoryCheckpointStore())
                .export(chain.full().source()).sink(sink);
        full.build().run();
        PitrRestorerBuilder incrementals = PitrRestorer.builder().checkpointStore(new InMemoryCheckpointStore())
                .sink(sink).compact(true).stateDirectory(dir.resolve("state"));
        chain.incrementals().forEach(e -> incrementals.export(e.source()));

        RestoreReport report = incrementals.build().run();

        assertThat(sink.table).isEqualTo(g.expectedState());
        assertThat(report.compaction().deletes()).isPositive();
        assertThat(report.compaction().deletesNotNeeded()).isZero();
    }

    @Test
    void compact_failsMidWrite_thenTheSameRestoreResumesFromItsStateAndWatermark() throws Exception {
        ExportGenerator g = generator(OutputFormat.DYNAMODB_JSON);
        GeneratedChain chain = heavyOverlap(g);
        CheckpointStore store = FileCheckpointStore.in(dir.resolve("checkpoints"));
        Path state = dir.resolve("state");
        MapItemSink first = sink().failAfter(200);

        assertThatThrownBy(() -> restorer(chain).sink(first).checkpointStore(store).compact(true).stateDirectory(state)
                .restoreId("c").checkpointPolicy(CheckpointPolicy.everyOperations(20)).build().run())
                .isInstanceOf(PitrException.class).hasMessageContaining("injected failure");
        assertThat(state).as("the state is kept for the rerun").isDirectory();
        long done = store.load("c").orElseThrow().checkpoint().files().values().iterator().next().linesDone();
        assertThat(done).isPositive();

        MapItemSink second = closedAfterTheTest(new MapItemSink(SCHEMA, first.table));
        RestoreReport report = restorer(chain).sink(second).checkpointStore(store).compact(true).stateDirectory(state)
                .restoreId("c").build().run();

        assertThat(second.table).isEqualTo(g.expectedState());
        assertThat(report.compaction().puts()).as("the rerun writes only what the first did not")
                .isLessThan(g.expectedState().size());
        assertThat(Files.exists(state)).isFalse();
    }
}
