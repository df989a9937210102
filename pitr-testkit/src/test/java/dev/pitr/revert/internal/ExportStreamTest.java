package dev.pitr.revert.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pitr.decode.DataFileReader;
import dev.pitr.decode.DecodeOptions;
import dev.pitr.manifest.DataFile;
import dev.pitr.manifest.ManifestReader;
import dev.pitr.model.Change;
import dev.pitr.model.Key;
import dev.pitr.model.KeySchema;
import dev.pitr.plan.RestorePlan;
import dev.pitr.state.internal.StateKeys;
import dev.pitr.testing.Changes;
import dev.pitr.testing.ExportGenerator;
import dev.pitr.testing.GeneratedDataFile;
import dev.pitr.testing.GeneratedExport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A window of one export, streamed: every record once, in file order, and resumed from any position. */
class ExportStreamTest {
    private static final KeySchema SCHEMA = KeySchema.of("pk", KeySchema.ScalarType.S, "sk", KeySchema.ScalarType.N);
    private static final Instant T0 = Instant.parse("2026-08-01T00:00:00Z");

    @TempDir
    Path dir;

    private GeneratedExport window() {
        ExportGenerator g = ExportGenerator.builder().bucketRoot(dir.resolve("bucket")).keySchema(SCHEMA)
                .filesPerExport(4).seed(31).build();
        g.full(300, T0);
        return g.incremental(T0, T0.plusSeconds(900), Changes.of(120, 30, 40, 0));
    }

    private static List<Key> keys(GeneratedExport e, long after) {
        RestorePlan.Step step = new RestorePlan.Step(e.source(), ManifestReader.read(e.source()));
        List<Key> keys = new ArrayList<>();
        try (ExportStream s = new ExportStream(step, SCHEMA, DecodeOptions.defaults(), after)) {
            while (s.next()) {
                assertThat(s.position()).isEqualTo(after + keys.size() + 1);
                assertThat(s.keyBytes()).isEqualTo(StateKeys.of(s.change().key(), SCHEMA));
                keys.add(s.change().key());
            }
        }
        return keys;
    }

    @Test
    void stream_givesEveryRecordOnce_inFileOrder_withBothImages() {
        GeneratedExport window = window();

        List<Key> keys = keys(window, 0);

        assertThat(keys).hasSize((int) window.itemCount()).doesNotHaveDuplicates();
        try (ExportStream s = new ExportStream(new RestorePlan.Step(window.source(), ManifestReader.read(window.source())),
                SCHEMA, DecodeOptions.defaults(), 0)) {
            assertThat(s.keysTotal()).as("known before the first record").isEqualTo(window.itemCount());
        }
        // Each file read on its own, in the manifest's order, with both images.
        RestorePlan.Step step = new RestorePlan.Step(window.source(), ManifestReader.read(window.source()));
        List<Key> inFiles = new ArrayList<>();
        for (DataFile f : step.export().dataFiles()) {
            try (DataFileReader r = DataFileReader.open(step.source(), step.export(), f, DecodeOptions.defaults())) {
                for (Change c = r.nextChange(); c != null; c = r.nextChange()) {
                    inFiles.add(c.key());
                }
            }
        }
        assertThat(keys).isEqualTo(inFiles);
        long withBothImages = window.records().stream().filter(r -> r.oldImage() != null && r.newImage() != null)
                .count();
        assertThat(withBothImages).as("updates in the window").isPositive();
    }

    @Test
    void stream_resumedAfterAnyPosition_givesTheRestInTheSameOrder() {
        GeneratedExport window = window();
        List<Key> all = keys(window, 0);
        long firstFile = window.dataFiles().get(0).itemCount();

        for (long after : new long[] {1, firstFile - 1, firstFile, firstFile + 3, all.size() - 1, all.size()}) {
            assertThat(keys(window, after)).as("after %d", after).isEqualTo(all.subList((int) after, all.size()));
        }
        try (ExportStream atEnd = new ExportStream(new RestorePlan.Step(window.source(),
                ManifestReader.read(window.source())), SCHEMA, DecodeOptions.defaults(), all.size())) {
            assertThat(atEnd.next()).isFalse();
            assertThat(atEnd.position()).as("a stream resumed at its end has passed every key").isEqualTo(all.size());
        }
    }

    @Test
    void stream_resumedAfterWholeFiles_doesNotReadThem() throws Exception {
        GeneratedExport window = window();
        List<Key> all = keys(window, 0);
        GeneratedDataFile first = window.dataFiles().get(0);
        GeneratedDataFile second = window.dataFiles().get(1);
        Files.write(first.path(), new byte[] {1, 2, 3}); // would fail its checksum if read
        Files.write(second.path(), new byte[] {1, 2, 3});

        long after = first.itemCount() + second.itemCount();
        assertThat(keys(window, after)).isEqualTo(all.subList((int) after, all.size()));
    }
}
