package dev.pitr.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pitr.ExportFileNotFoundException;
import dev.pitr.ExportIntegrityException;
import dev.pitr.manifest.DataFile;
import dev.pitr.manifest.ExportDescriptor;
import dev.pitr.manifest.ExportType;
import dev.pitr.manifest.ManifestReader;
import dev.pitr.manifest.OutputFormat;
import dev.pitr.model.AttributeValue;
import dev.pitr.model.AttributeValue.B;
import dev.pitr.model.AttributeValue.BS;
import dev.pitr.model.AttributeValue.Bool;
import dev.pitr.model.AttributeValue.L;
import dev.pitr.model.AttributeValue.M;
import dev.pitr.model.AttributeValue.N;
import dev.pitr.model.AttributeValue.NS;
import dev.pitr.model.AttributeValue.Null;
import dev.pitr.model.AttributeValue.S;
import dev.pitr.model.AttributeValue.SS;
import dev.pitr.model.Item;
import dev.pitr.model.WriteOp;
import dev.pitr.source.LocalExportSource;
import dev.pitr.testing.SharedFixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real export samples of ../shared/fixtures, read end to end. */
class FixtureReadTest {

    @Test
    void manifest_scyllaFullExport_describesEveryField() {
        ExportDescriptor export = ManifestReader.read(LocalExportSource.of(SharedFixtures.scyllaExport()));

        assertThat(export.type()).isEqualTo(ExportType.FULL_EXPORT);
        assertThat(export.format()).isEqualTo(OutputFormat.DYNAMODB_JSON);
        assertThat(export.view()).isNull();
        assertThat(export.exportId()).isEqualTo("01715685260608-c488b4e1");
        assertThat(export.tableArn()).isEqualTo("arn:aws:dynamodb:eu-central-1:164221962816:table/S3ExportTest");
        assertThat(export.summary().exportTime()).isEqualTo(Instant.parse("2024-05-14T11:14:20.608Z"));
        assertThat(export.stateTime()).isEqualTo(export.summary().exportTime());
        assertThat(export.summary().s3Prefix()).isEqualTo("dynamodb-export");
        assertThat(export.itemCount()).isEqualTo(3);
        assertThat(export.dataFiles()).containsExactly(new DataFile(
                "dynamodb-export/AWSDynamoDB/01715685260608-c488b4e1/data/uimbi7eofu2b5kzkxe63gsvb6i.json.gz",
                3, "rzAeIrtALbOlNdK5Hh8tgA==", "d1663e415aedcbf3c4977cde7002d2bf-1"));
    }

    @Test
    void decode_scyllaFullExport_everyAttributeTypeExactly() {
        List<WriteOp> ops = readAll(SharedFixtures.scyllaExport());

        assertThat(ops).hasSize(3).allSatisfy(op -> {
            assertThat(op).isInstanceOf(WriteOp.Put.class);
            assertThat(op.writeTimestampMicros()).isEqualTo(WriteOp.NO_TIMESTAMP);
        });
        assertThat(ops).extracting(op -> op.origin().line()).containsExactly(1L, 2L, 3L);
        assertThat(ops.get(0).origin().file()).endsWith("data/uimbi7eofu2b5kzkxe63gsvb6i.json.gz");

        assertThat(item(ops.get(0))).isEqualTo(new Item(Map.of("id", new S("bar"), "baz", new N("0"))));
        assertThat(item(ops.get(2))).isEqualTo(new Item(Map.of("id", new S("foo"), "bar", new N("42"))));

        Map<String, AttributeValue> all = new LinkedHashMap<>();
        all.put("id", new S("K3TXQk84Si"));
        all.put("a", Bool.FALSE);
        all.put("b", Null.INSTANCE);
        all.put("c", new SS(Set.of("8gfX8dh0xa", "fRjHZJ2Ce9")));
        all.put("d", new NS(Set.of("3", "2")));
        all.put("e", new L(List.of(new N("1"), new S("Dsb87qc6Es"))));
        all.put("f", new M(Map.of("h", Null.INSTANCE, "i", Bool.TRUE, "g", new N("9"))));
        all.put("j", B.of("hello".getBytes(StandardCharsets.US_ASCII)));
        all.put("k", new BS(Set.of(B.of("is fast".getBytes(StandardCharsets.US_ASCII)),
                B.of("scylladb".getBytes(StandardCharsets.US_ASCII)))));
        assertThat(item(ops.get(1))).isEqualTo(new Item(all));
    }

    @Test
    void manifest_sabuatExport_checksumsVerifyAndDataFileIsMissing() {
        LocalExportSource source = LocalExportSource.of(SharedFixtures.sabuatExport().resolve("manifest-summary.json"));
        ExportDescriptor export = ManifestReader.read(source);
        assertThat(export.itemCount()).isEqualTo(6);
        DataFile file = export.dataFiles().get(0);

        assertThatThrownBy(() -> DataFileReader.open(source, export, file, DecodeOptions.defaults()))
                .isInstanceOf(ExportFileNotFoundException.class)
                .hasMessageContaining("Data file missing")
                .hasMessageContaining("sabuat-bucket/AWSDynamoDB/01668227450456-b6733290/data/enpvklgbwq7gta42yshirxd6ea.json.gz");
    }

    @Test
    void manifest_summaryNotMatchingItsMd5File_isRefused(@TempDir Path tmp) throws IOException {
        Path copy = copyTree(SharedFixtures.dir().resolve("sabuat-bucket"), tmp);
        Path summary = copy.resolve("AWSDynamoDB/01668227450456-b6733290/manifest-summary.json");
        Files.writeString(summary, Files.readString(summary).replace("\"itemCount\":6", "\"itemCount\":7"));

        assertThatThrownBy(() -> ManifestReader.read(LocalExportSource.of(summary.getParent())))
                .isInstanceOf(ExportIntegrityException.class)
                .hasMessageContaining(summary.toString())
                .hasMessageContaining("manifest-summary.md5");
    }

    @Test
    void manifest_filesManifestNotMatchingItsMd5File_isRefused(@TempDir Path tmp) throws IOException {
        Path copy = copyTree(SharedFixtures.dir().resolve("sabuat-bucket"), tmp);
        Path files = copy.resolve("AWSDynamoDB/01668227450456-b6733290/manifest-files.json");
        Files.writeString(files, Files.readString(files).replace("EV+2", "EV+3"));

        assertThatThrownBy(() -> ManifestReader.read(LocalExportSource.of(files.getParent())))
                .isInstanceOf(ExportIntegrityException.class)
                .hasMessageContaining(files.toString())
                .hasMessageContaining("manifest-files.md5");
    }

    /** Every operation of the export in {@code exportDir}, file by file, as a restore reads them. */
    private static List<WriteOp> readAll(Path exportDir) {
        LocalExportSource source = LocalExportSource.of(exportDir);
        ExportDescriptor export = ManifestReader.read(source);
        List<WriteOp> ops = new ArrayList<>();
        for (DataFile f : export.dataFiles()) {
            try (DataFileReader r = DataFileReader.open(source, export, f, DecodeOptions.defaults())) {
                for (WriteOp op = r.next(); op != null; op = r.next()) {
                    ops.add(op);
                }
            }
        }
        return ops;
    }

    private static Item item(WriteOp op) {
        return ((WriteOp.Put) op).item();
    }

    static Path copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : paths.collect(Collectors.toList())) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        return to;
    }
}
