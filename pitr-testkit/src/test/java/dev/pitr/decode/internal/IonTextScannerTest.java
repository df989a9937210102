package dev.pitr.decode.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pitr.MalformedExportException;
import dev.pitr.manifest.OutputFormat;
import dev.pitr.manifest.OutputView;
import dev.pitr.model.KeySchema;
import dev.pitr.model.Origin;
import dev.pitr.model.WriteOp;
import dev.pitr.testing.Changes;
import dev.pitr.testing.Compression;
import dev.pitr.testing.ExportGenerator;
import dev.pitr.testing.GeneratedChain;
import dev.pitr.testing.GeneratedDataFile;
import dev.pitr.testing.GeneratedExport;
import dev.pitr.testing.ItemShape;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Differential test of the Ion fast path: whenever {@link IonTextScanner} accepts a line, the
 * ion-java path ({@link IonRecordDecoder#decodeWithIonJava}) must build an equal operation, and
 * whatever the scanner does, the decoder must end as the ion-java path does (the same operation,
 * or the same error). Lines come from the test-kit generator, from random mutations of them,
 * and from hand-written edge cases.
 */
class IonTextScannerTest {
    private static final Origin ORIGIN = new Origin("data/abc.ion.gz", 7);
    private static final Instant T0 = Instant.parse("2026-01-14T10:00:00Z");

    @TempDir
    static Path root;

    private static List<byte[]> fullLines;
    private static List<byte[]> incrementalLines;

    @BeforeAll
    static void generate() {
        fullLines = new ArrayList<>();
        incrementalLines = new ArrayList<>();
        KeySchema[] schemas = {
            KeySchema.of("pk", KeySchema.ScalarType.S),
            KeySchema.of("pk", KeySchema.ScalarType.S, "sk", KeySchema.ScalarType.N),
            KeySchema.of("id", KeySchema.ScalarType.N),
            KeySchema.of("pk", KeySchema.ScalarType.B, "sk", KeySchema.ScalarType.S),
        };
        int seed = 0;
        for (ItemShape shape : ItemShape.values()) {
            for (KeySchema schema : schemas) {
                for (OutputView view : OutputView.values()) {
                    int items = shape == ItemShape.LARGE ? 6 : 60;
                    ExportGenerator gen = ExportGenerator.builder().bucketRoot(root.resolve("b" + seed))
                            .format(OutputFormat.ION).compression(Compression.NONE).keySchema(schema)
                            .itemShape(shape).view(view).filesPerExport(2).emptyFileFraction(0).seed(seed++).build();
                    int changes = items / 3;
                    GeneratedChain chain = gen.chain(items, T0, Duration.ofMinutes(15),
                            Changes.of(changes, changes / 2, changes / 2, 0),
                            Changes.of(changes, changes / 2, changes / 2, changes / 4));
                    fullLines.addAll(lines(chain.full()));
                    for (GeneratedExport e : chain.incrementals()) {
                        incrementalLines.addAll(lines(e));
                    }
                }
            }
        }
    }

    private static List<byte[]> lines(GeneratedExport export) {
        List<byte[]> lines = new ArrayList<>();
        for (GeneratedDataFile f : export.dataFiles()) {
            byte[] text;
            try {
                text = Files.readAllBytes(f.path());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            int from = 0;
            for (int i = 0; i < text.length; i++) {
                if (text[i] == '\n') {
                    lines.add(Arrays.copyOfRange(text, from, i));
                    from = i + 1;
                }
            }
        }
        return lines;
    }

    /** What a decoding ended in: an operation or an error's message. */
    private record Outcome(WriteOp op, String error) {
    }

    private static Outcome reference(boolean incremental, byte[] line) {
        try {
            return new Outcome(new IonRecordDecoder(incremental).decodeWithIonJava(line, 0, line.length, ORIGIN), null);
        } catch (MalformedExportException e) {
            return new Outcome(null, e.getMessage());
        } catch (RuntimeException e) {
            return new Outcome(null, e.getClass().getName());
        }
    }

    private static Outcome decoded(IonRecordDecoder decoder, byte[] line) {
        try {
            return new Outcome(decoder.decode(line, 0, line.length, ORIGIN), null);
        } catch (MalformedExportException e) {
            return new Outcome(null, e.getMessage());
        } catch (RuntimeException e) {
            return new Outcome(null, e.getClass().getName());
        }
    }

    /** Checks one line both ways; answers whether the scanner took it. */
    private static boolean check(boolean incremental, byte[] line) {
        IonTextScanner scanner = new IonTextScanner(incremental);
        WriteOp fast = scanner.decode(line, 0, line.length, ORIGIN);
        Outcome reference = reference(incremental, line);
        if (fast != null) {
            assertThat(reference).as(() -> "scanner accepted " + new String(line, StandardCharsets.UTF_8))
                    .isEqualTo(new Outcome(fast, null));
        }
        assertThat(decoded(new IonRecordDecoder(incremental), line)).as(() -> new String(line, StandardCharsets.UTF_8))
                .isEqualTo(reference);
        return fast != null;
    }

    @Test
    void everyGeneratedLine_takesTheFastPath_andDecodesAsIonJavaDoes() {
        assertThat(fullLines).hasSizeGreaterThan(500);
        assertThat(incrementalLines).hasSizeGreaterThan(500);
        for (byte[] line : fullLines) {
            assertThat(check(false, line)).as(new String(line, StandardCharsets.UTF_8)).isTrue();
        }
        for (byte[] line : incrementalLines) {
            assertThat(check(true, line)).as(new String(line, StandardCharsets.UTF_8)).isTrue();
        }
    }

    @Test
    void oneScannerDecodesLineAfterLine_asFreshOnesDo() {
        IonTextScanner scanner = new IonTextScanner(true);
        for (byte[] line : incrementalLines) {
            byte[] padded = new byte[line.length + 10];
            System.arraycopy(line, 0, padded, 5, line.length);
            WriteOp op = scanner.decode(padded, 5, line.length, ORIGIN);
            assertThat(op).isEqualTo(reference(true, line).op());
        }
    }

    private static final String[] TOKENS = {
        "\"", "\\", "{", "}", "[", "]", ",", ":", "'", " ", "\t", ".", "d", "D", "e", "-", "+", "0", "1", "9",
        "=", "$", "_", "x", "n", "/", "\r", "\u0001", "\u00e9", "\ud83d\ude00", "null", "true", "false", "nan",
        "null.string", "null.struct", "$dynamodb_SS::", "$dynamodb_NS::", "$dynamodb_BS::", "$dynamodb_XS::",
        "{{", "}}", "'''", "\\u00e9", "\\uD83D", "\\U0001F600", "\\x41", "\\'", "\\\"", "\\0", "1e5", "0x1F",
        "1_0", "2007-01-01T", "//c", "/*c*/", "::", "$10", "-inf", "\"\"", "[]", "{}", "{{AA==}}", "{{QR==}}",
        "{{\"c\"}}", "Item", "Keys", "NewImage", "OldImage", "Metadata", "WriteTimestampMicros", "$ion_1_0 ",
        "a:", "'a':", "\"a\":", "00", "-0", "-0.", "0d9", "1d-9", "1.5d3", "12345678901234567890123456789012345678901",
        "9d125", "1d126", "1d-130", "1d-131", "1d999999999", "a::", "(", ")", "{a:1}", "[1,2]",
    };

    private static byte[] mutate(byte[] line, SplittableRandom random) {
        String s = new String(line, StandardCharsets.UTF_8);
        int edits = 1 + random.nextInt(3);
        for (int k = 0; k < edits; k++) {
            int at = random.nextInt(s.length() + 1);
            switch (random.nextInt(6)) {
                case 0 -> s = s.substring(0, at) + TOKENS[random.nextInt(TOKENS.length)] + s.substring(at);
                case 1 -> {
                    if (at < s.length()) {
                        s = s.substring(0, at) + TOKENS[random.nextInt(TOKENS.length)] + s.substring(at + 1);
                    }
                }
                case 2 -> {
                    int to = Math.min(s.length(), at + 1 + random.nextInt(4));
                    s = s.substring(0, at) + s.substring(to);
                }
                case 3 -> {
                    // Copy a stretch elsewhere: duplicate members, doubled separators, deeper nesting.
                    int from = random.nextInt(s.length() + 1);
                    int to = Math.min(s.length(), from + random.nextInt(40));
                    s = s.substring(0, at) + s.substring(from, to) + s.substring(at);
                }
                case 4 -> s = replaceNumber(s, random);
                default -> {
                    int to = Math.min(s.length(), at + random.nextInt(12));
                    s = s.substring(0, at) + s.substring(to);
                }
            }
        }
        if (random.nextInt(10) == 0) {
            // Raw bytes, not necessarily UTF-8.
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            if (b.length > 0) {
                b[random.nextInt(b.length)] = (byte) random.nextInt(256);
            }
            return b;
        }
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Replaces a number after a colon with a random one in Ion's plain notation. */
    private static String replaceNumber(String s, SplittableRandom random) {
        int colon = s.indexOf(':', random.nextInt(s.length() + 1));
        if (colon < 0 || colon + 1 >= s.length()) {
            return s;
        }
        int from = colon + 1;
        int to = from;
        while (to < s.length() && "0123456789.-dD+".indexOf(s.charAt(to)) >= 0) {
            to++;
        }
        StringBuilder n = new StringBuilder();
        if (random.nextBoolean()) {
            n.append('-');
        }
        int digits = 1 + random.nextInt(random.nextInt(5) == 0 ? 45 : 6);
        for (int i = 0; i < digits; i++) {
            n.append((char) ('0' + random.nextInt(i == 0 && random.nextInt(3) > 0 ? 2 : 10)));
        }
        if (random.nextBoolean()) {
            n.append('.');
            int frac = random.nextInt(random.nextInt(4) == 0 ? 40 : 4);
            for (int i = 0; i < frac; i++) {
                n.append((char) ('0' + random.nextInt(10)));
            }
        }
        if (random.nextInt(3) == 0) {
            n.append(random.nextBoolean() ? 'd' : 'D');
            int pick = random.nextInt(4);
            if (pick == 0) {
                n.append('-');
            } else if (pick == 1) {
                n.append('+');
            }
            n.append(random.nextInt(random.nextInt(4) == 0 ? 400 : 20));
        }
        return s.substring(0, from) + n + s.substring(to);
    }

    @ParameterizedTest(name = "incremental={0}")
    @ValueSource(booleans = {false, true})
    void mutatedLines_decodeAsIonJavaDoes(boolean incremental) {
        List<byte[]> lines = incremental ? incrementalLines : fullLines;
        SplittableRandom random = new SplittableRandom(incremental ? 2 : 1);
        int taken = 0;
        int total = 0;
        for (int i = 0; i < 12_000; i++) {
            byte[] base = lines.get(random.nextInt(lines.size()));
            if (base.length > 20_000) {
                continue; // LARGE lines: ion-java's share of the time would dominate
            }
            total++;
            if (check(incremental, mutate(base, random))) {
                taken++;
            }
        }
        System.out.printf("mutants (incremental=%s): %d, %d taken by the scanner%n", incremental, total, taken);
        // Meaningful only if many mutants stay in the subset and many leave it.
        assertThat(taken).isBetween(total / 10, total - total / 10);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "$ion_1_0 {Item:{Authors:$dynamodb_SS::[\"Author1\",\"Author2\"],Id:103.,InPublication:false,PageCount:6d2,"
                + "Price:2d3,Title:\"Book 103 Title\"}}",
        "{Item:{pk:\"a\",n:12.5,b:{{aGVsbG8=}},ss:$dynamodb_SS::[\"x\",\"y\"]}}",
        "  {Item:{pk:\"a\"}}  ",
        "\t{ Item : { pk : \"a\" , n : [ 1 , 2. , 3d1 ] } }\t",
        "$ion_1_0{Item:{pk:\"a\"}}",
        "{Item:{pk:\"a\",n:-0}}",
        "{Item:{pk:\"a\",n:-0.}}",
        "{Item:{pk:\"a\",n:0d5}}",
        "{Item:{pk:\"a\",n:0.000}}",
        "{Item:{pk:\"a\",n:1.d2}}",
        "{Item:{pk:\"a\",n:1.5D3}}",
        "{Item:{pk:\"a\",n:1d+2}}",
        "{Item:{pk:\"a\",n:1d-0}}",
        "{Item:{pk:\"a\",n:1d007}}",
        "{Item:{pk:\"a\",n:123.4500d-7}}",
        "{Item:{pk:\"a\",n:-98765.4321d10}}",
        "{Item:{pk:\"a\",n:1000000000000000000000000000000000000000000}}",
        "{Item:{pk:\"a\",n:1d125}}",
        "{Item:{pk:\"a\",n:1d126}}",
        "{Item:{pk:\"a\",n:1d-130}}",
        "{Item:{pk:\"a\",n:1d-131}}",
        "{Item:{pk:\"a\",n:12345678901234567890123456789012345678}}",
        "{Item:{pk:\"a\",n:123456789012345678901234567890123456789}}",
        "{Item:{pk:\"a\",n:1d999999999}}",
        "{Item:{pk:\"a\",ns:$dynamodb_NS::[1,1.0]}}",
        "{Item:{pk:\"a\",ns:$dynamodb_NS::[1,10d-1,2]}}",
        "{Item:{pk:\"a\",ns:$dynamodb_NS::[-0,0.]}}",
        "{Item:{pk:\"a\",ss:$dynamodb_SS::[]}}",
        "{Item:{pk:\"a\",ss:$dynamodb_SS::[\"x\",\"x\"]}}",
        "{Item:{pk:\"a\",ss:$dynamodb_SS::[\"x\",null]}}",
        "{Item:{pk:\"a\",bs:$dynamodb_BS::[{{AA==}},{{AB==}}]}}",
        "{Item:{pk:\"a\",bs:$dynamodb_BS::[{{QR==}},{{QQ==}}]}}",
        "{Item:{pk:\"a\",b:{{}}}}",
        "{Item:{pk:\"a\",b:{{QQ}}}}",
        "{Item:{pk:\"a\",b:{{ QQ== }}}}",
        "{Item:{pk:\"a\",b:{{AAB=}}}}",
        "{Item:{pk:\"a\",b:{{\"clob\"}}}}",
        "{Item:{pk:\"a\",s:\"\\\" \\\\ \\/ \\' \\? \\0 \\a \\b \\t \\n \\v \\f \\r \\x7f \\u00e9 \\u2028\"}}",
        "{Item:{pk:\"a\",s:\"\\uD83D\\uDE00\"}}",
        "{Item:{pk:\"a\",s:\"\\U0001F600\"}}",
        "{Item:{pk:\"a\",s:\"é ü 日本 😀 \u00a0 \u2028 \ufeff \u0085 \u007f\"}}",
        "{Item:{pk:\"a\",s:\"tab\there\"}}",
        "{Item:{pk:\"a\",s:'''long'''}}",
        "{Item:{pk:\"a\",s:sym}}",
        "{Item:{pk:\"a\",'quoted name':1,\"string name\":2,'':3,'é\\n':4,_a$1:5}}",
        "{Item:{pk:\"a\",'''long''':1}}",
        "{Item:{pk:\"a\",$10:1}}",
        "{Item:{pk:\"a\",$:1}}",
        "{Item:{pk:\"a\",$ion:1}}",
        "{Item:{pk:\"a\",null:1}}",
        "{Item:{pk:\"a\",nan:1}}",
        "{Item:{pk:\"a\",pk:\"b\"}}",
        "{Item:{pk:\"a\",x:null,t:true,f:false}}",
        "{Item:{pk:\"a\",x:null.string}}",
        "{Item:{pk:\"a\",x:null.null}}",
        "{Item:{pk:\"a\",x:foo::1}}",
        "{Item:{pk:\"a\",x:$dynamodb_SS::\"a\"}}",
        "{Item:{pk:\"a\",x:$dynamodb_SS::$dynamodb_SS::[\"a\"]}}",
        "{Item:{pk:\"a\",x:1e5}}",
        "{Item:{pk:\"a\",x:0x10}}",
        "{Item:{pk:\"a\",x:1_000}}",
        "{Item:{pk:\"a\",x:007}}",
        "{Item:{pk:\"a\",x:2007-01-01T}}",
        "{Item:{pk:\"a\",x:(1 2)}}",
        "{Item:{pk:\"a\",x:[1,2,]}}",
        "{Item:{pk:\"a\",x:1,}}",
        "{Item:{pk:\"a\"/*c*/}}",
        "{Item:{pk:\"a\"}}\r",
        "{Item:{pk:\"a\"}}{Item:{pk:\"b\"}}",
        "{Item:{pk:\"a\"}} $ion_1_0",
        "ann::{Item:{pk:\"a\"}}",
        "{Item:ann::{pk:\"a\"}}",
        "{Item:{}}",
        "{}",
        "[]",
        "",
        "{Item:{pk:\"a\"},Item:{pk:\"b\"}}",
        "{Item:{pk:\"a\"},Other:{x:1e5,y:'sym',z:(a b)}}",
        "{\"Item\":{pk:\"a\"}}",
        "{'Item':{pk:\"a\"}}",
    })
    void handWrittenFullLines_decodeAsIonJavaDoes(String line) {
        check(false, line.getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{Metadata:{WriteTimestampMicros:1768385510600593.},Keys:{pk:\"a\"},NewImage:{pk:\"a\",n:1}}",
        "{Metadata:{WriteTimestampMicros:1768385510600593},Keys:{pk:\"a\"}}",
        "{Metadata:{WriteTimestampMicros:17683855106005930d-1},Keys:{pk:\"a\"}}",
        "{Metadata:{WriteTimestampMicros:1768385510600593.5},Keys:{pk:\"a\"}}",
        "{Metadata:{WriteTimestampMicros:1.5},Keys:{pk:\"a\"}}",
        "{Metadata:{WriteTimestampMicros:-1},Keys:{pk:\"a\"}}",
        "{Metadata:{WriteTimestampMicros:99999999999999999999},Keys:{pk:\"a\"}}",
        "{Metadata:{WriteTimestampMicros:9223372036854775807},Keys:{pk:\"a\"}}",
        "{Metadata:{WriteTimestampMicros:9223372036854775807.},Keys:{pk:\"a\"}}",
        "{Metadata:{WriteTimestampMicros:1d18},Keys:{pk:\"a\"}}",
        "{Metadata:{WriteTimestampMicros:\"1\"},Keys:{pk:\"a\"}}",
        "{Metadata:{WriteTimestampMicros:null},Keys:{pk:\"a\"}}",
        "{Metadata:{WriteTimestampMicros:1,WriteTimestampMicros:2},Keys:{pk:\"a\"}}",
        "{Metadata:{WriteTimestampMicros:1},Metadata:{},Keys:{pk:\"a\"}}",
        "{Metadata:{Other:[1,{{AA==}},\"x\",$dynamodb_NS::[1]],WriteTimestampMicros:5},Keys:{pk:\"a\"}}",
        "{Keys:{pk:\"a\"},OldImage:{pk:\"a\",m:{a:[1,2,{b:null}]},s:$dynamodb_BS::[{{AA==}}]}}",
        "{Keys:{pk:\"a\"},OldImage:{pk:\"a\",bad:1e5}}",
        "{Keys:{pk:\"a\"},OldImage:{pk:\"a\",bad:'sym'}}",
        "{Keys:{pk:\"a\"},OldImage:{pk:\"a\",bad:\"\\uD800\"}}",
        "{Keys:{pk:\"a\"},OldImage:{pk:\"a\",bad:{{QQ}}}}",
        "{Keys:{pk:\"a\"},OldImage:{pk:\"a\",ss:$dynamodb_SS::[]}}",
        "{Keys:{pk:\"a\"},OldImage:{pk:\"a\",pk:\"a\"}}",
        "{Keys:{pk:\"a\",sk:1,x:2}}",
        "{Keys:{pk:true}}",
        "{Keys:{}}",
        "{Item:{pk:\"a\"}}",
        "{Keys:{pk:\"a\"},NewImage:{}}",
        "{Keys:{pk:\"a\"},NewImage:null}",
        "{Keys:{pk:\"a\"},NewImage:{pk:\"a\"},NewImage:{pk:\"b\"}}",
    })
    void handWrittenIncrementalLines_decodeAsIonJavaDoes(String line) {
        check(true, line.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void badUtf8_isLeftToIonJava() {
        byte[][] lines = {
            {'{', 'I', 't', 'e', 'm', ':', '{', 'p', 'k', ':', '"', (byte) 0xC3, '"', '}', '}'},
            {'{', 'I', 't', 'e', 'm', ':', '{', 'p', 'k', ':', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', '}', '}'},
            {'{', 'I', 't', 'e', 'm', ':', '{', 'p', 'k', ':', '"', (byte) 0xC0, (byte) 0x80, '"', '}', '}'},
            {'{', 'I', 't', 'e', 'm', ':', '{', 'p', 'k', ':', '"', (byte) 0xF5, (byte) 0x80, (byte) 0x80, (byte) 0x80, '"', '}', '}'},
            {'{', 'I', 't', 'e', 'm', ':', '{', 'p', 'k', ':', '"', (byte) 0xE0, (byte) 0x80, (byte) 0x80, '"', '}', '}'},
        };
        for (byte[] line : lines) {
            assertThat(check(false, line)).isFalse();
            // The same byte sequences in a quoted field name, and in a skipped OldImage.
            String text = new String(line, StandardCharsets.ISO_8859_1);
            String name = text.replace("{pk:\"", "{pk:\"a\",'").replace("\"}}", "':1}}");
            assertThat(check(false, name.getBytes(StandardCharsets.ISO_8859_1))).isFalse();
            String old = "{Keys:{pk:\"a\"},OldImage:" + text.substring("{Item:".length());
            assertThat(check(true, old.getBytes(StandardCharsets.ISO_8859_1))).isFalse();
        }
        // U+FFFD itself is valid: ion-java decodes it, and the decoder ends as ion-java does.
        check(false, "{Item:{pk:\"a\uFFFDb\",'\uFFFD':1}}".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void nestingAtTheLimit_isDecoded_andBeyondIt_decodesAsIonJavaDoes() {
        for (int levels = RecordDecoder.MAX_DEPTH - 1; levels <= RecordDecoder.MAX_DEPTH + 1; levels++) {
            String lists = "[".repeat(levels) + "1" + "]".repeat(levels);
            String maps = "{a:".repeat(levels) + "1" + "}".repeat(levels);
            boolean lt = check(false, ("{Item:{pk:\"a\",x:" + lists + "}}").getBytes(StandardCharsets.UTF_8));
            boolean mt = check(false, ("{Item:{pk:\"a\",x:" + maps + "}}").getBytes(StandardCharsets.UTF_8));
            assertThat(lt).isEqualTo(levels <= RecordDecoder.MAX_DEPTH);
            assertThat(mt).isEqualTo(levels <= RecordDecoder.MAX_DEPTH);
        }
        String deep = "{Keys:{pk:\"a\"},OldImage:{x:" + "[".repeat(500) + "]".repeat(500) + "}}";
        assertThat(check(true, deep.getBytes(StandardCharsets.UTF_8))).isFalse();
    }

    @Test
    void exportLines_takeTheFastPath() {
        String[] lines = {
            "$ion_1_0 {Item:{Authors:$dynamodb_SS::[\"A\"],Id:103.,PageCount:6d2,Title:\"T\",b:{{aGVsbG8=}},n:null}}",
            "{Item:{pk:\"a\",s:\"\\\" \\\\ \\/ \\' \\? \\0 \\a \\b \\t \\n \\v \\f \\r \\x7f \\u00e9 é 😀\"}}",
            "{Item:{pk:\"a\",'größe':2d1,'meta.version':\"0bD\",\"x\":[],m:{},l:[[{}]]}}",
        };
        for (String line : lines) {
            assertThat(check(false, line.getBytes(StandardCharsets.UTF_8))).as(line).isTrue();
        }
    }
}
