package dev.pitr.decode.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.pitr.MalformedExportException;
import dev.pitr.manifest.OutputFormat;
import dev.pitr.manifest.OutputView;
import dev.pitr.model.AttributeValue;
import dev.pitr.model.KeySchema;
import dev.pitr.model.Origin;
import dev.pitr.model.WriteOp;
import dev.pitr.testing.Changes;
import dev.pitr.testing.Compression;
import dev.pitr.testing.ExportGenerator;
import dev.pitr.testing.GeneratedDataFile;
import dev.pitr.testing.GeneratedExport;
import dev.pitr.testing.ItemShape;
import dev.pitr.testing.SharedFixtures;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The scanner is held to Jackson, the reference decoding: on every line it accepts, it must
 * build exactly the operation Jackson builds; where the record is not an operation, both must
 * say the same; and it must accept every line real and generated exports hold (else it is no
 * fast path). Mutated lines probe everything else: whatever the scanner accepts of them, Jackson
 * must accept and decode the same way.
 */
class DynamoJsonScannerTest {
    private static final Instant T0 = Instant.parse("2026-01-14T10:00:00Z");
    private static final int MAX_LINE = 32 * 1024 * 1024;
    // One of each for all lines, as a file is decoded: state left by one line must not leak into the next.
    private static final DynamoJsonScanner FULL_SCANNER = new DynamoJsonScanner(false);
    private static final DynamoJsonScanner INCREMENTAL_SCANNER = new DynamoJsonScanner(true);
    private static final JsonRecordDecoder FULL_JACKSON = new JsonRecordDecoder(false, MAX_LINE);
    private static final JsonRecordDecoder INCREMENTAL_JACKSON = new JsonRecordDecoder(true, MAX_LINE);

    @TempDir
    Path root;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"SMALL", "MEDIUM", "LARGE"})
    void everyGeneratedLine_isScannedToWhatJacksonDecodes(String shape) {
        for (OutputView view : OutputView.values()) {
            ExportGenerator gen = ExportGenerator.builder().bucketRoot(root.resolve(shape + view))
                    .format(OutputFormat.DYNAMODB_JSON).view(view).compression(Compression.NONE)
                    .keySchema(KeySchema.of("pk", KeySchema.ScalarType.S, "sk", KeySchema.ScalarType.N))
                    .itemShape(ItemShape.valueOf(shape)).seed(shape.hashCode() + view.ordinal()).build();
            boolean large = shape.equals("LARGE");
            List<Changes> changes = large ? List.of(Changes.of(2, 1, 1, 0), Changes.of(1, 1, 1, 1))
                    : List.of(Changes.of(20, 10, 10, 0), Changes.of(10, 5, 5, 5));
            for (GeneratedExport e : gen.chain(large ? 6 : 120, T0, Duration.ofMinutes(15), changes).exports()) {
                boolean incremental = !e.isFull();
                for (byte[] line : lines(e)) {
                    assertScannedLikeJackson(line, incremental, true);
                }
            }
        }
    }

    @Test
    void everyRealFixtureLine_isScannedToWhatJacksonDecodes() throws IOException {
        int checked = 0;
        try (Stream<Path> files = Files.walk(SharedFixtures.dir())) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json.gz")).toList()) {
                boolean incremental = isIncremental(f);
                for (byte[] line : gunzipLines(f)) {
                    assertScannedLikeJackson(line, incremental, true);
                    checked++;
                }
            }
        }
        assertThat(checked).as("fixture lines").isPositive();
    }

    @Test
    void handWrittenEdgeCases_agreeWithJackson() {
        String[] accepted = {
            "{\"Item\":{\"pk\":{\"S\":\"a\"}}}",
            " { \"Item\" : { \"pk\" : { \"S\" : \"a\" } , \"n\" : { \"N\" : \"-1.5E+3\" } } } \t",
            "{\"Item\":{\"pk\":{\"S\":\"quote \\\" backslash \\\\ slash \\/ \\b\\f\\n\\r\\t \\u00e9\\u20ac\"}}}",
            "{\"Item\":{\"pk\":{\"S\":\"caf\u00e9 \u20ac \uD83D\uDE00 \u4e2d\u6587\"}}}",
            "{\"Item\":{\"pk\":{\"S\":\"replacement \uFFFD kept\"},\"e\":{\"S\":\"\\uFFFD \\\" \uFFFD\"}}}",
            "{\"Item\":{\"p\\u006b\":{\"S\":\"escaped name\"},\"\u00e9t\u00e9\":{\"BOOL\":false}}}",
            "{\"Item\":{\"pk\":{\"S\":\"\"},\"e\":{\"M\":{}},\"l\":{\"L\":[]},\"z\":{\"NULL\":true}}}",
            "{\"Item\":{\"pk\":{\"B\":\"AQID\"},\"b2\":{\"B\":\"AQ==\"},\"b3\":{\"B\":\"AQI=\"},\"b0\":{\"B\":\"\"}}}",
            "{\"Item\":{\"pk\":{\"S\":\"x\"},\"ss\":{\"SS\":[\"a\",\"b\"]},\"ns\":{\"NS\":[\"1\",\"2.5\"]},"
                    + "\"bs\":{\"BS\":[\"AQ==\",\"Ag==\"]}}}",
            "{\"Item\":{\"pk\":{\"S\":\"x\"},\"l\":{\"L\":[{\"M\":{\"a\":{\"L\":[{\"N\":\"1\"},{\"S\":\"s\"}]}}},"
                    + "{\"BOOL\":true}]}}}",
            "{\"Keys\":{\"pk\":{\"S\":\"k\"}},\"Metadata\":{\"WriteTimestampMicros\":{\"N\":\"1768385000123456\"}}}",
            "{\"Metadata\":{\"Other\":[1,-0.5e-3,true,null,{\"x\":\"y\\u0041\"}],\"WriteTimestampMicros\":{\"N\":\"7\"}},"
                    + "\"Keys\":{\"pk\":{\"S\":\"k\"}},\"OldImage\":{\"pk\":{\"S\":\"k\"},\"w\":{\"X\":[0,{}]}},"
                    + "\"NewImage\":{\"pk\":{\"S\":\"k\"},\"v\":{\"N\":\"2\"}}}",
        };
        for (String s : accepted) {
            byte[] line = s.getBytes(StandardCharsets.UTF_8);
            boolean incremental = s.contains("Keys");
            assertScannedLikeJackson(line, incremental, true);
        }
    }

    @Test
    void linesTheScannerLeavesToJackson_stillDecodeOrFailTheSameWay() {
        String[] leftToJackson = {
            "{\"Item\":{\"pk\":{\"S\":\"\\uD83D\\uDE00 pair\"}}}",           // surrogate escapes
            "{\"Item\":{\"pk\":{\"B\":\"AQ== \"}}}",                            // padding then space
            "{\"Item\":{\"pk\":{\"\\u0053\":\"escaped tag\"}}}",                // tag written with an escape
            "{\"Item\":{\"pk\":{\"S\":\"a\"}},\"Extra\":{\"future\":true}}",     // unknown top-level field
            "{\"Item\":{\"pk\":{\"S\":\"a\"},\"pk\":{\"S\":\"b\"}}}",            // duplicate attribute
            "{\"Item\":{\"pk\":{\"S\":\"a\"},\"ss\":{\"SS\":[\"x\",\"x\"]}}}",   // duplicate set element
            "{\"Item\":{\"pk\":{\"S\":\"a\"},\"ns\":{\"NS\":[]}}}",              // empty set
            "{\"Item\":{\"pk\":{\"N\":\"1e999\"}}}",                             // number out of range
            "{\"Item\":{\"pk\":{\"N\":12}}}",                                    // N not a string
            "{\"Item\":{\"pk\":{\"S\":\"a\",\"N\":\"1\"}}}",                     // two tags
            "{\"Item\":{\"pk\":{\"S\":\"a\"}}} x",                               // trailing content
            "{\"Item\":{\"pk\":{\"S\":\"a\"}},}",                                // trailing comma
            "{\"Item\":{\"pk\":{\"S\":\"tab\there\"}}}",                         // raw control character
            "{\"Item\":{}}",                                                     // no attributes
            "{\"Keys\":{\"pk\":{\"S\":\"a\"}}}",                                 // a FULL line with Keys
            "{\"Item\":{\"pk\":{\"NULL\":false}}}",
            "{\"Item\":{\"pk\":{\"S\":\"a\"}},\"OldImage\":01}",
            "{\"Item\":{\"pk\":{\"S\":\"a\"}},\"OldImage\":[1,]}",
        };
        for (String s : leftToJackson) {
            assertScannedLikeJackson(s.getBytes(StandardCharsets.UTF_8), false, false);
        }
        byte[] invalidUtf8 = "{\"Item\":{\"pk\":{\"S\":\"a?b\"}}}".getBytes(StandardCharsets.US_ASCII);
        for (int bad : new int[] {0x80, 0xC0, 0xED, 0xF8, 0xFF}) {
            invalidUtf8[invalidUtf8.length - 7] = (byte) bad;
            assertScannedLikeJackson(invalidUtf8.clone(), false, false);
        }
    }

    @Test
    void mutatedLines_whateverTheScannerAccepts_JacksonDecodesTheSame() {
        List<byte[]> seeds = new ArrayList<>();
        ExportGenerator gen = ExportGenerator.builder().bucketRoot(root.resolve("mut"))
                .format(OutputFormat.DYNAMODB_JSON).view(OutputView.NEW_AND_OLD_IMAGES).compression(Compression.NONE)
                .keySchema(KeySchema.of("pk", KeySchema.ScalarType.B)).itemShape(ItemShape.MEDIUM).seed(7).build();
        for (GeneratedExport e : gen.chain(30, T0, Duration.ofMinutes(15), Changes.of(8, 8, 4, 0), Changes.of(4, 4, 2, 2)).exports()) {
            for (byte[] line : lines(e)) {
                seeds.add(line);
                if (seeds.size() % 4 == 0) {
                    break;
                }
            }
        }
        seeds.add("{\"Item\":{\"pk\":{\"B\":\"AQID\"},\"s\":{\"S\":\"\\\"q\\u00e9 \u00e9\"},\"l\":{\"L\":[{\"N\":\"1\"}]}}}"
                .getBytes(StandardCharsets.UTF_8));
        byte[] alphabet = "{}[]\":,\\ \t0123456789-+.eEunlltrfaSNBMLO=/\u00c3\u00a9".getBytes(StandardCharsets.ISO_8859_1);
        Random random = new Random(20261121);
        int accepted = 0;
        int mutations = 20_000;
        for (int n = 0; n < mutations; n++) {
            byte[] seed = seeds.get(random.nextInt(seeds.size()));
            byte[] line = mutate(seed, random, alphabet);
            boolean incremental = new String(line, StandardCharsets.ISO_8859_1).contains("Keys");
            if (assertScannedLikeJackson(line, incremental, false)) {
                accepted++;
            }
        }
        // Mutations hit strings often enough that many lines stay valid: the comparison saw both kinds.
        assertThat(accepted).isBetween(mutations / 20, mutations - mutations / 20);
    }

    @Test
    void scannerLeavesNothingBehindAfterGivingUpMidLine() {
        DynamoJsonScanner scanner = new DynamoJsonScanner(false);
        byte[] broken = "{\"Item\":{\"pk\":{\"S\":\"a\"},\"m\":{\"M\":{\"x\":{\"SS\":[\"1\",\"2\"".getBytes(
                StandardCharsets.UTF_8);
        assertThat(scanner.scan(broken, 0, broken.length, new Origin("f", 1))).isNull();
        byte[] good = "{\"Item\":{\"pk\":{\"S\":\"b\"},\"m\":{\"M\":{\"y\":{\"SS\":[\"3\"]}}}}}".getBytes(
                StandardCharsets.UTF_8);
        WriteOp op = scanner.scan(good, 0, good.length, new Origin("f", 2));
        assertThat(op).isEqualTo(jackson(good, false, new Origin("f", 2)).op);
        AttributeValue.M m = (AttributeValue.M) ((WriteOp.Put) op).item().get("m");
        assertThat(m.value()).containsOnlyKeys("y");
    }

    @Test
    void scansOnlyItsSliceOfTheBuffer() {
        byte[] line = "{\"Item\":{\"pk\":{\"S\":\"a\"}}}".getBytes(StandardCharsets.UTF_8);
        byte[] buf = new byte[line.length + 20];
        Arrays.fill(buf, (byte) '"');
        System.arraycopy(line, 0, buf, 10, line.length);
        DynamoJsonScanner scanner = new DynamoJsonScanner(false);
        assertThat(scanner.scan(buf, 10, line.length, new Origin("f", 1))).isNotNull();
        assertThat(scanner.scan(buf, 10, line.length - 1, new Origin("f", 1))).isNull();
        assertThat(scanner.scan(buf, 10, line.length - 3, new Origin("f", 1))).isNull();
    }

    // ---- the comparison -----------------------------------------------------------------------

    private record Outcome(WriteOp op, String error) {
    }

    /**
     * Runs both on {@code line}; asserts agreement. Returns whether the scanner decided the line
     * (an operation, or a record that is not one).
     *
     * @param mustAccept the scanner must decode the line itself
     */
    private static boolean assertScannedLikeJackson(byte[] line, boolean incremental, boolean mustAccept) {
        Origin origin = new Origin("data/f.json", 3);
        Outcome reference = jackson(line, incremental, origin);
        WriteOp scanned;
        try {
            scanned = (incremental ? INCREMENTAL_SCANNER : FULL_SCANNER).scan(line, 0, line.length, origin);
        } catch (MalformedExportException e) {
            if (reference.error == null) {
                fail("scanner refused a line Jackson decodes: " + e.getMessage() + "\n" + show(line));
            }
            assertThat(e.getMessage()).as(show(line)).isEqualTo(reference.error);
            return true;
        } catch (RuntimeException e) {
            throw new AssertionError("scanner threw " + e + " on\n" + show(line), e);
        }
        if (scanned == null) {
            if (mustAccept) {
                fail("scanner left a well-formed export line to Jackson:\n" + show(line));
            }
            return false;
        }
        if (reference.error != null) {
            fail("scanner accepted a line Jackson refuses (" + reference.error + "):\n" + show(line));
        }
        assertThat(scanned).as(show(line)).isEqualTo(reference.op);
        assertThat(scanned.origin()).isEqualTo(origin);
        return true;
    }

    private static Outcome jackson(byte[] line, boolean incremental, Origin origin) {
        try {
            return new Outcome((incremental ? INCREMENTAL_JACKSON : FULL_JACKSON).decodeWithJackson(line, 0,
                    line.length, origin), null);
        } catch (MalformedExportException e) {
            return new Outcome(null, e.getMessage());
        }
    }

    private static byte[] mutate(byte[] seed, Random random, byte[] alphabet) {
        byte[] b = seed.clone();
        int edits = 1 + random.nextInt(3);
        for (int k = 0; k < edits && b.length > 2; k++) {
            int at = random.nextInt(b.length);
            switch (random.nextInt(5)) {
                case 0 -> b[at] = alphabet[random.nextInt(alphabet.length)];
                case 1 -> { // delete
                    byte[] c = new byte[b.length - 1];
                    System.arraycopy(b, 0, c, 0, at);
                    System.arraycopy(b, at + 1, c, at, b.length - at - 1);
                    b = c;
                }
                case 2 -> { // insert
                    byte[] c = new byte[b.length + 1];
                    System.arraycopy(b, 0, c, 0, at);
                    c[at] = alphabet[random.nextInt(alphabet.length)];
                    System.arraycopy(b, at, c, at + 1, b.length - at);
                    b = c;
                }
                case 3 -> b = Arrays.copyOf(b, at + 1); // truncate
                default -> { // duplicate a short run
                    int len = Math.min(1 + random.nextInt(12), b.length - at);
                    byte[] c = new byte[b.length + len];
                    System.arraycopy(b, 0, c, 0, at + len);
                    System.arraycopy(b, at, c, at + len, b.length - at);
                    b = c;
                }
            }
        }
        return b;
    }

    private static String show(byte[] line) {
        String s = new String(line, StandardCharsets.UTF_8);
        return s.length() > 400 ? s.substring(0, 400) + "..." : s;
    }

    // ---- inputs -------------------------------------------------------------------------------

    private static List<byte[]> lines(GeneratedExport e) {
        List<byte[]> out = new ArrayList<>();
        for (GeneratedDataFile f : e.dataFiles()) {
            try {
                out.addAll(split(Files.readAllBytes(f.path())));
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }
        return out;
    }

    private static List<byte[]> gunzipLines(Path f) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(f))) {
            return split(in.readAllBytes());
        }
    }

    private static List<byte[]> split(byte[] all) {
        List<byte[]> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= all.length; i++) {
            if (i == all.length || all[i] == '\n') {
                if (i > start) {
                    out.add(Arrays.copyOfRange(all, start, i));
                }
                start = i + 1;
            }
        }
        return out;
    }

    private static boolean isIncremental(Path dataFile) throws IOException {
        Path exportDir = dataFile.getParent().getParent();
        Path summary = exportDir.resolve("manifest-summary.json");
        return Files.exists(summary) && Files.readString(summary).contains("INCREMENTAL_EXPORT");
    }
}
