package dev.pitr.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pitr.MalformedExportException;
import dev.pitr.manifest.DataFile;
import dev.pitr.manifest.ExportDescriptor;
import dev.pitr.manifest.ManifestReader;
import dev.pitr.manifest.OutputFormat;
import dev.pitr.model.AttributeValue;
import dev.pitr.model.Change;
import dev.pitr.model.Item;
import dev.pitr.model.Key;
import dev.pitr.model.KeySchema;
import dev.pitr.model.WriteOp;
import dev.pitr.source.LocalExportSource;
import dev.pitr.testing.Changes;
import dev.pitr.testing.ExportGenerator;
import dev.pitr.testing.GeneratedExport;
import dev.pitr.testing.GeneratedRecord;
import dev.pitr.testing.SharedFixtures;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/** Records with both images ({@link DataFileReader#nextChange()}), from real and generated exports. */
class ChangeReadTest {

    private static List<Change> changes(Path exportDir) {
        LocalExportSource source = LocalExportSource.of(exportDir);
        ExportDescriptor export = ManifestReader.read(source);
        List<Change> out = new ArrayList<>();
        for (DataFile f : export.dataFiles()) {
            try (DataFileReader r = DataFileReader.open(source, export, f, DecodeOptions.defaults())) {
                for (Change c = r.nextChange(); c != null; c = r.nextChange()) {
                    out.add(c);
                }
            }
        }
        return out;
    }

    private static List<WriteOp> operations(Path exportDir) {
        LocalExportSource source = LocalExportSource.of(exportDir);
        ExportDescriptor export = ManifestReader.read(source);
        List<WriteOp> out = new ArrayList<>();
        for (DataFile f : export.dataFiles()) {
            try (DataFileReader r = DataFileReader.open(source, export, f, DecodeOptions.defaults())) {
                for (WriteOp op = r.next(); op != null; op = r.next()) {
                    out.add(op);
                }
            }
        }
        return out;
    }

    @Test
    void realIncrementals_carryTheOldImage_andTheNewImageIsWhatARestoreWrites() {
        KeySchema schema = KeySchema.of("pk", KeySchema.ScalarType.S, "sk", KeySchema.ScalarType.S);
        for (Path export : SharedFixtures.realChainExports().subList(1, 3)) {
            List<Change> changes = changes(export);
            List<WriteOp> ops = operations(export);

            assertThat(changes).hasSameSizeAs(ops);
            for (int i = 0; i < ops.size(); i++) {
                Change c = changes.get(i);
                WriteOp op = ops.get(i);
                assertThat(c.origin()).isEqualTo(op.origin());
                assertThat(c.key()).isEqualTo(op.key(schema));
                assertThat(c.newImage()).isEqualTo(op instanceof WriteOp.Put p ? p.item() : null);
            }
        }
        Map<Key, Change> byKey = new HashMap<>();
        changes(SharedFixtures.realChainExports().get(2)).forEach(c -> byKey.put(c.key(), c));
        changes(SharedFixtures.realChainExports().get(1)).forEach(c -> byKey.putIfAbsent(c.key(), c));
        Change deleted = byKey.get(Key.of("pk", new AttributeValue.S("2"), "sk", new AttributeValue.S("3")));
        assertThat(deleted.newImage()).isNull();
        assertThat(deleted.oldImage()).isEqualTo(new Item(Map.of("pk", new AttributeValue.S("2"),
                "sk", new AttributeValue.S("3"), "test", new AttributeValue.S("test"))));
        Change updated = byKey.get(Key.of("pk", new AttributeValue.S("1"), "sk", new AttributeValue.S("3")));
        assertThat(updated.oldImage().attributes()).containsOnlyKeys("pk", "sk", "test1", "test2");
        assertThat(updated.newImage().attributes()).containsKey("bin_update");
        Change everyType = byKey.get(Key.of("pk", new AttributeValue.S("3"), "sk", new AttributeValue.S("2")));
        assertThat(everyType.oldImage().attributes().values()).extracting(AttributeValue::type)
                .contains(AttributeValue.Type.B, AttributeValue.Type.BS, AttributeValue.Type.L, AttributeValue.Type.M,
                        AttributeValue.Type.NS, AttributeValue.Type.NULL, AttributeValue.Type.N);
    }

    @ParameterizedTest
    @EnumSource(OutputFormat.class)
    void generatedIncrementals_inBothFormats_giveEachRecordsImages(OutputFormat format, @TempDir Path dir) {
        ExportGenerator g = ExportGenerator.builder().bucketRoot(dir).format(format).filesPerExport(2).seed(31).build();
        Instant t0 = Instant.parse("2026-08-01T00:00:00Z");
        g.full(120, t0);
        GeneratedExport window = g.incremental(t0, t0.plus(Duration.ofMinutes(15)), Changes.of(30, 10, 10, 0));
        Map<Origin, GeneratedRecord> expected = new HashMap<>();
        window.records().forEach(r -> expected.put(new Origin(r.dataFileKey(), r.line()), r));

        List<Change> changes = changes(window.exportDir());

        assertThat(changes).hasSize(window.records().size());
        for (Change c : changes) {
            GeneratedRecord r = expected.values().stream().filter(x -> x.key().equals(c.key())).findFirst().orElseThrow();
            assertThat(c.oldImage()).isEqualTo(r.oldImage());
            assertThat(c.newImage()).isEqualTo(r.newImage());
        }
    }

    @Test
    void aFullExport_hasNoChanges() {
        Path full = SharedFixtures.realChainExports().get(0);
        LocalExportSource source = LocalExportSource.of(full);
        ExportDescriptor export = ManifestReader.read(source);
        DataFile nonEmpty = export.dataFiles().stream().filter(f -> f.itemCount() > 0).findFirst().orElseThrow();

        try (DataFileReader r = DataFileReader.open(source, export, nonEmpty, DecodeOptions.defaults())) {
            assertThatThrownBy(r::nextChange).isInstanceOf(MalformedExportException.class)
                    .hasMessageContaining("INCREMENTAL");
        }
    }

    private record Origin(String file, long line) {
    }
}
