package dev.pitr.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.pitr.ExportFileNotFoundException;
import dev.pitr.ExportIntegrityException;
import dev.pitr.MalformedExportException;
import dev.pitr.PitrException;
import dev.pitr.manifest.ManifestReader;
import dev.pitr.source.LocalExportSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of bad input ends in a {@link PitrException} that names the file and the 1-based
 * line, says why, and never repeats an attribute value (each line here hides "SECRET").
 */
class BadInputTest {
    private static final String GOOD = "{\"Item\":{\"id\":{\"S\":\"SECRET-ok\"}}}";
    private static final String GOOD_INCREMENTAL = "{\"Keys\":{\"id\":{\"S\":\"SECRET-k\"}}}";
    private static final String DATA_FILE = "abcdefghijklmnopqrstuvwxyz";

    @TempDir
    Path root;

    /** Writes GOOD, then {@code bad} on line 2, then GOOD, and returns the reason read for line 2. */
    private MalformedExportException line2(CraftedExport export, String bad) throws IOException {
        String good = export.isIncremental() ? GOOD_INCREMENTAL : GOOD;
        Path dir = export.write(good, bad, good);
        Throwable t = catchThrowable(() -> CraftedExport.readAll(dir));
        assertThat(t).isInstanceOf(MalformedExportException.class);
        MalformedExportException e = (MalformedExportException) t;
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.file()).contains(DATA_FILE);
        assertThat(e.getMessage()).startsWith("Malformed record in " + e.file() + " line 2: ")
                .doesNotContain("SECRET");
        return e;
    }

    private MalformedExportException line2(String bad) throws IOException {
        return line2(new CraftedExport(root), bad);
    }

    @Test
    void malformedJson_namesFileAndLine() throws IOException {
        assertThat(line2("{\"Item\":{\"id\":{\"S\":\"SECRET\"}").reason()).contains("invalid JSON");
        assertThat(line2("{\"Item\":{\"id\":{\"S\":SECRET}}}").reason()).contains("invalid JSON");
    }

    @Test
    void malformedIon_namesFileAndLine() throws IOException {
        assertThat(line2(new CraftedExport(root).ion(), "{Item:{id:\"SECRET\"").reason()).contains("invalid Ion");
    }

    @Test
    void lineNeitherItemNorKeys_isRefused() throws IOException {
        assertThat(line2("{\"Thing\":{\"id\":{\"S\":\"SECRET\"}}}").reason()).contains("expected \"Item\"");
        assertThat(line2(new CraftedExport(root).incremental(),
                "{\"NewImage\":{\"id\":{\"S\":\"SECRET\"}}}").reason()).contains("expected \"Keys\"");
    }

    @Test
    void newImageNotAnObject_isRefused() throws IOException {
        assertThat(line2(new CraftedExport(root).incremental(),
                "{\"Keys\":{\"id\":{\"S\":\"SECRET\"}},\"NewImage\":\"SECRET\"}").reason())
                .isEqualTo("expected \"NewImage\" to be an object");
    }

    @Test
    void unknownTypeTag_isRefused() throws IOException {
        assertThat(line2("{\"Item\":{\"id\":{\"STRING\":\"SECRET\"}}}").reason())
                .isEqualTo("unknown type tag \"STRING\" in \"id\"");
    }

    @Test
    void numberThatIsNotANumber_isRefused() throws IOException {
        assertThat(line2("{\"Item\":{\"id\":{\"N\":\"12SECRET\"}}}").reason()).contains("not a number");
        assertThat(line2("{\"Item\":{\"id\":{\"N\":\"1e999\"}}}").reason()).contains("magnitude");
    }

    @Test
    void numberWithMoreThan38Digits_isRefused() throws IOException {
        assertThat(line2("{\"Item\":{\"id\":{\"N\":\"123456789012345678901234567890123456789\"}}}").reason())
                .contains("39 significant digits");
    }

    @Test
    void invalidBase64_isRefused() throws IOException {
        assertThat(line2("{\"Item\":{\"id\":{\"S\":\"SECRET\"},\"b\":{\"B\":\"SECRET!!\"}}}").reason())
                .isEqualTo("the binary of \"b\" is not valid Base64");
    }

    @Test
    void emptySet_isRefused() throws IOException {
        assertThat(line2("{\"Item\":{\"id\":{\"S\":\"SECRET\"},\"s\":{\"SS\":[]}}}").reason())
                .contains("the SS of \"s\" is empty");
        assertThat(line2(new CraftedExport(root).ion(), "{Item:{id:\"SECRET\",s:$dynamodb_NS::[]}}").reason())
                .contains("the NS of \"s\" is empty");
    }

    @Test
    void lineLongerThanTheLimit_isRefusedWithoutBufferingIt() throws IOException {
        String huge = "{\"Item\":{\"id\":{\"S\":\"SECRET" + "x".repeat(5000) + "\"}}}";
        Path dir = new CraftedExport(root).write(GOOD, huge, GOOD);

        Throwable t = catchThrowable(() -> CraftedExport.readAll(dir, DecodeOptions.defaults().withMaxLineBytes(2048)));

        assertThat(t).isInstanceOf(MalformedExportException.class)
                .hasMessageContaining(DATA_FILE).hasMessageContaining("line 2:")
                .hasMessageContaining("longer than the limit of 2048 bytes");
    }

    @Test
    void nestingDeeperThan32_isRefused() throws IOException {
        String deep = "{\"L\":[".repeat(33) + "{\"S\":\"SECRET\"}" + "]}".repeat(33);
        assertThat(line2("{\"Item\":{\"id\":{\"S\":\"a\"},\"deep\":" + deep + "}}").reason())
                .contains("nested deeper than 32 levels");
        String ok = "{\"L\":[".repeat(32) + "{\"S\":\"v\"}" + "]}".repeat(32);
        assertThat(CraftedExport.readAll(new CraftedExport(root.resolve("ok")).write(
                "{\"Item\":{\"id\":{\"S\":\"a\"},\"deep\":" + ok + "}}"))).hasSize(1);
    }

    @Test
    void truncatedGzip_isAnIntegrityError() throws IOException {
        String[] lines = new String[200];
        for (int i = 0; i < lines.length; i++) {
            lines[i] = "{\"Item\":{\"id\":{\"S\":\"SECRET-" + i + "-" + Integer.toHexString(i * 7919) + "\"}}}";
        }
        Path dir = new CraftedExport(root).truncateBy(40).write(lines);

        assertThatThrownBy(() -> CraftedExport.readAll(dir))
                .isInstanceOf(ExportIntegrityException.class)
                .hasMessageContaining(DATA_FILE)
                .hasMessageContaining("truncated or corrupt after line")
                .hasMessageNotContaining("SECRET");
    }

    @Test
    void md5Mismatch_isAnIntegrityError() throws IOException {
        Path dir = new CraftedExport(root).claimMd5("AAAAAAAAAAAAAAAAAAAAAA==").write(GOOD);

        assertThatThrownBy(() -> CraftedExport.readAll(dir))
                .isInstanceOf(ExportIntegrityException.class)
                .hasMessageContaining(DATA_FILE)
                .hasMessageContaining("the manifest says AAAAAAAAAAAAAAAAAAAAAA==");
    }

    @Test
    void md5Mismatch_canBeTurnedOff() throws IOException {
        Path dir = new CraftedExport(root).claimMd5("AAAAAAAAAAAAAAAAAAAAAA==").write(GOOD);

        assertThat(CraftedExport.readAll(dir, DecodeOptions.defaults().withVerifyChecksums(false))).hasSize(1);
    }

    @Test
    void itemCountMismatch_isAnIntegrityError() throws IOException {
        Path dir = new CraftedExport(root).claimItemCount(3).write(GOOD, GOOD);

        assertThatThrownBy(() -> CraftedExport.readAll(dir))
                .isInstanceOf(ExportIntegrityException.class)
                .hasMessageContaining(DATA_FILE)
                .hasMessageContaining("holds 2 lines, the manifest says itemCount 3");
    }

    @Test
    void dataFileMissing_namesTheFile() throws IOException {
        Path dir = new CraftedExport(root).write(GOOD);
        try (var files = Files.list(root.resolve("AWSDynamoDB/" + CraftedExport.EXPORT_ID + "/data"))) {
            for (Path p : files.toList()) {
                Files.delete(p);
            }
        }

        assertThatThrownBy(() -> CraftedExport.readAll(dir))
                .isInstanceOf(ExportFileNotFoundException.class)
                .hasMessageStartingWith("Data file missing: ")
                .hasMessageContaining(DATA_FILE);
    }

    @Test
    void unknownOutputFormat_isRefused() throws IOException {
        Path dir = new CraftedExport(root).format("CSV").write(GOOD);

        assertThatThrownBy(() -> ManifestReader.read(LocalExportSource.of(dir)))
                .isInstanceOf(MalformedExportException.class)
                .hasMessageContaining(dir.resolve("manifest-summary.json").toString())
                .hasMessageContaining("unknown outputFormat \"CSV\"");
    }

    @Test
    void unknownExportType_isRefused() throws IOException {
        Path dir = new CraftedExport(root).exportType("PARTIAL_EXPORT").write(GOOD);

        assertThatThrownBy(() -> ManifestReader.read(LocalExportSource.of(dir)))
                .isInstanceOf(MalformedExportException.class)
                .hasMessageContaining("manifest-summary.json")
                .hasMessageContaining("unknown exportType \"PARTIAL_EXPORT\"");
    }

    @Test
    void summaryMissing_saysTheExportIsIncomplete() throws IOException {
        Path dir = new CraftedExport(root).write(GOOD);
        Files.delete(dir.resolve("manifest-summary.json"));

        assertThatThrownBy(() -> LocalExportSource.of(dir))
                .isInstanceOf(ExportFileNotFoundException.class)
                .hasMessageContaining("the export is incomplete")
                .hasMessageContaining(dir.resolve("manifest-summary.json").toString());
    }

    @Test
    void filesManifestLineMalformed_namesManifestAndLine() throws IOException {
        Path dir = new CraftedExport(root).write(GOOD);
        Path files = dir.resolve("manifest-files.json");
        Files.writeString(files, Files.readString(files) + "{\"itemCount\":\"three\"}\n");

        assertThatThrownBy(() -> ManifestReader.read(LocalExportSource.of(dir)))
                .isInstanceOf(MalformedExportException.class)
                .hasMessage("Malformed record in " + files + " line 2: expected \"itemCount\" to be an integer");
    }

    @Test
    void duplicateSetElement_isRefused() throws IOException {
        assertThat(line2("{\"Item\":{\"id\":{\"S\":\"a\"},\"s\":{\"SS\":[\"SECRET\",\"SECRET\"]}}}").reason())
                .contains("holds an element twice");
    }

    @Test
    void valueWithTwoTypeTags_isRefused() throws IOException {
        assertThat(line2("{\"Item\":{\"id\":{\"S\":\"SECRET\",\"N\":\"1\"}}}").reason())
                .contains("more than one type tag");
    }

    @Test
    void ionFloat_isRefusedToKeepNumbersExact() throws IOException {
        assertThat(line2(new CraftedExport(root).ion(), "{Item:{id:\"a\",f:1.5e0}}").reason())
                .contains("Ion float");
    }

    @Test
    void keysWithANonKeyType_isRefused() throws IOException {
        assertThat(line2(new CraftedExport(root).incremental(), "{\"Keys\":{\"id\":{\"BOOL\":true}}}").reason())
                .contains("\"Keys\" is not a key");
    }
}
