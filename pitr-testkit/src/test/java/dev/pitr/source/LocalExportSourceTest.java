package dev.pitr.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pitr.ExportFileNotFoundException;
import dev.pitr.ExportKeyRefusedException;
import dev.pitr.decode.DataFileReader;
import dev.pitr.decode.DecodeOptions;
import dev.pitr.manifest.DataFile;
import dev.pitr.manifest.ExportDescriptor;
import dev.pitr.manifest.ManifestReader;
import dev.pitr.model.WriteOp;
import dev.pitr.testing.ExportGenerator;
import dev.pitr.testing.GeneratedDataFile;
import dev.pitr.testing.GeneratedExport;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A local export is read from under its root only: keys and links that leave it are refused. */
class LocalExportSourceTest {
    private static final Instant T0 = Instant.parse("2026-01-14T10:00:00Z");

    @TempDir
    Path tmp;

    private Path root;
    private Path outside;
    private GeneratedExport export;
    private GeneratedDataFile first;

    @BeforeEach
    void writeExport() throws IOException {
        root = tmp.resolve("bucket");
        outside = Files.createDirectories(tmp.resolve("outside"));
        export = ExportGenerator.builder().bucketRoot(root).filesPerExport(2).emptyFileFraction(0).build().full(40, T0);
        first = export.dataFiles().get(0);
    }

    /** Reads every data file through the source, as a restore does; returns the operations read. */
    private static long readAll(LocalExportSource source) {
        ExportDescriptor d = ManifestReader.read(source);
        long ops = 0;
        for (DataFile f : d.dataFiles()) {
            try (DataFileReader r = DataFileReader.open(source, d, f, DecodeOptions.defaults())) {
                for (WriteOp op = r.next(); op != null; op = r.next()) {
                    ops++;
                }
            }
        }
        return ops;
    }

    private static void link(Path link, Path target) throws IOException {
        try {
            Files.createSymbolicLink(link, target);
        } catch (UnsupportedOperationException | FileSystemException e) {
            Assumptions.abort("symbolic links are not available here: " + e);
        }
    }

    /** Puts {@code newKey} in place of the first data file's key in the files manifest (and drops its .md5). */
    private void rewriteFirstKey(String newKey) throws IOException {
        Path files = export.filesManifest();
        Files.writeString(files, Files.readString(files).replace("\"" + first.key() + "\"", "\"" + newKey + "\""));
        Files.delete(export.exportDir().resolve("manifest-files.md5"));
    }

    @Test
    void dataFileLinkedToAFileOutsideTheRoot_isRefusedNamingTheKey_andNotRead() throws IOException {
        Path copy = Files.copy(first.path(), outside.resolve("copy.json.gz"));
        Files.delete(first.path());
        link(first.path(), copy);
        LocalExportSource source = LocalExportSource.of(export.exportDir());

        assertThatThrownBy(() -> source.open(first.key(), "Data file"))
                .isInstanceOf(ExportKeyRefusedException.class)
                .hasMessageStartingWith("Refused key \"" + first.key() + "\": it leaves the export root " + root)
                .hasMessageContaining(copy.toRealPath().toString());
        assertThatThrownBy(() -> readAll(source)).isInstanceOf(ExportKeyRefusedException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"outside/copy.json.gz", "ABS", "INSIDE"})
    void manifestKeyWithDotDotOrAbsolute_isRefusedNamingTheKey(String kind) throws IOException {
        Path copy = Files.copy(first.path(), outside.resolve("copy.json.gz"));
        String dataFolder = first.key().substring(0, first.key().lastIndexOf('/') + 1);
        String key = switch (kind) {
            case "ABS" -> copy.toAbsolutePath().toString();
            // Stays inside the root, and is still refused: exports never have ".." in a key.
            case "INSIDE" -> dataFolder + "../data/" + first.path().getFileName();
            default -> dataFolder + "../../../../" + kind;
        };
        rewriteFirstKey(key);
        LocalExportSource source = LocalExportSource.of(export.exportDir());

        assertThatThrownBy(() -> readAll(source))
                .isInstanceOf(ExportKeyRefusedException.class)
                .hasMessage("Refused key \"" + key + "\": it leaves the export root (it "
                        + (kind.equals("ABS") ? "is an absolute path)" : "has a \"..\" segment)"));
        assertThatThrownBy(() -> source.open(key, "Data file")).isInstanceOf(ExportKeyRefusedException.class);
    }

    @Test
    void emptyKey_isRefused_andAKeyNamingAFolder_isNotFound() {
        LocalExportSource source = LocalExportSource.of(export.exportDir());
        String folder = first.key().substring(0, first.key().lastIndexOf('/'));

        assertThatThrownBy(() -> source.open("", "Data file"))
                .isInstanceOf(ExportKeyRefusedException.class)
                .hasMessage("Refused key \"\": it is empty");
        assertThatThrownBy(() -> source.open(folder, "Data file"))
                .isInstanceOf(ExportFileNotFoundException.class)
                .hasMessage("Data file missing: " + root.resolve(folder));
    }

    @Test
    void summaryWithDotDotInTheFilesManifestKey_isRefused() throws IOException {
        Path summary = export.summaryFile();
        String key = "AWSDynamoDB/" + export.exportId() + "/manifest-files.json";
        String bad = "AWSDynamoDB/" + export.exportId() + "/../" + export.exportId() + "/manifest-files.json";
        Files.writeString(summary, Files.readString(summary).replace("\"" + key + "\"", "\"" + bad + "\""));
        Files.delete(export.exportDir().resolve("manifest-summary.md5"));

        assertThatThrownBy(() -> LocalExportSource.of(export.exportDir()))
                .isInstanceOf(ExportKeyRefusedException.class)
                .hasMessage("Refused key \"" + bad + "\": it leaves the export root (it has a \"..\" segment)");
    }

    @Test
    void summaryLinkedToAFileOutsideTheExportFolder_isRefused() throws IOException {
        Path summary = export.summaryFile();
        Path copy = Files.copy(summary, outside.resolve("manifest-summary.json"));
        Files.delete(summary);
        link(summary, copy);

        assertThatThrownBy(() -> LocalExportSource.of(export.exportDir()))
                .isInstanceOf(ExportKeyRefusedException.class)
                .hasMessageStartingWith("Refused key \"manifest-summary.json\": it leaves the export folder "
                        + export.exportDir());
    }

    @Test
    void linksThatStayInsideTheRoot_areFollowed() throws IOException {
        // A data file linked to another place in the root, and a data folder that is a link.
        Path elsewhere = Files.createDirectories(root.resolve("elsewhere"));
        Path moved = Files.move(first.path(), elsewhere.resolve("moved.json.gz"));
        link(first.path(), moved);
        Path data = first.path().getParent();
        Path realData = Files.move(data, root.resolve("real-data"));
        link(data, realData);

        LocalExportSource source = LocalExportSource.of(export.exportDir());

        assertThat(readAll(source)).isEqualTo(export.itemCount());
        try (InputStream in = source.open(first.key(), "Data file")) {
            assertThat(in.readAllBytes()).isEqualTo(Files.readAllBytes(moved));
        }
    }
}
