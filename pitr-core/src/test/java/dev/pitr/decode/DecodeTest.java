package dev.pitr.decode;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pitr.decode.CraftedExport.Codec;
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
import dev.pitr.model.Key;
import dev.pitr.model.WriteOp;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The decoding rules of FORMAT.md, for both formats, both views and every compression. */
class DecodeTest {
    @TempDir
    Path root;

    private static final String INSERT = "{\"Metadata\":{\"WriteTimestampMicros\":{\"N\":\"1768386096366933\"}},"
            + "\"Keys\":{\"pk\":{\"S\":\"2\"},\"sk\":{\"S\":\"1\"}},"
            + "\"NewImage\":{\"pk\":{\"S\":\"2\"},\"sk\":{\"S\":\"1\"},\"test\":{\"S\":\"test2\"}}}";
    private static final String UPDATE = "{\"Metadata\":{\"WriteTimestampMicros\":{\"N\":\"1768386096366934\"}},"
            + "\"Keys\":{\"pk\":{\"S\":\"3\"},\"sk\":{\"S\":\"1\"}},"
            + "\"OldImage\":{\"pk\":{\"S\":\"3\"},\"sk\":{\"S\":\"1\"},\"gone\":{\"S\":\"x\"},\"deep\":{\"M\":{\"a\":{\"L\":[]}}}},"
            + "\"NewImage\":{\"pk\":{\"S\":\"3\"},\"sk\":{\"S\":\"1\"},\"test\":{\"N\":\"7\"}}}";
    private static final String DELETE_OLD_AND_NEW = "{\"Metadata\":{\"WriteTimestampMicros\":{\"N\":\"1768387654350448\"}},"
            + "\"Keys\":{\"pk\":{\"S\":\"1\"},\"sk\":{\"S\":\"1\"}},"
            + "\"OldImage\":{\"pk\":{\"S\":\"1\"},\"sk\":{\"S\":\"1\"},\"test\":{\"S\":\"test\"}}}";
    private static final String DELETE_NEW_IMAGE = "{\"Metadata\":{\"WriteTimestampMicros\":{\"N\":\"1768387654350449\"}},"
            + "\"Keys\":{\"pk\":{\"S\":\"4\"},\"sk\":{\"S\":\"1\"}}}";

    @Test
    void decode_incrementalWithNewImage_isPutOfWholeNewImage() throws IOException {
        List<WriteOp> ops = CraftedExport.readAll(new CraftedExport(root).incremental().write(INSERT, UPDATE));

        assertThat(ops.get(0)).isEqualTo(new WriteOp.Put(new Item(Map.of("pk", new S("2"), "sk", new S("1"),
                "test", new S("test2"))), ops.get(0).origin(), 1768386096366933L));
        WriteOp.Put update = (WriteOp.Put) ops.get(1);
        assertThat(update.item()).isEqualTo(new Item(Map.of("pk", new S("3"), "sk", new S("1"), "test", new N("7"))));
        assertThat(update.item().get("gone")).isNull();
        assertThat(update.writeTimestampMicros()).isEqualTo(1768386096366934L);
        assertThat(update.origin().line()).isEqualTo(2);
    }

    @Test
    void decode_incrementalWithoutNewImage_isDelete() throws IOException {
        List<WriteOp> ops = CraftedExport.readAll(new CraftedExport(root).incremental()
                .write(DELETE_OLD_AND_NEW, DELETE_NEW_IMAGE));

        assertThat(ops).hasSize(2).allSatisfy(op -> assertThat(op).isInstanceOf(WriteOp.Delete.class));
        assertThat(((WriteOp.Delete) ops.get(0)).key()).isEqualTo(Key.of("pk", new S("1"), "sk", new S("1")));
        assertThat(ops.get(0).writeTimestampMicros()).isEqualTo(1768387654350448L);
        assertThat(((WriteOp.Delete) ops.get(1)).key()).isEqualTo(Key.of("pk", new S("4"), "sk", new S("1")));
    }

    @ParameterizedTest
    @EnumSource(Codec.class)
    void decode_everyCompression_givesTheSameOperations(Codec codec) throws IOException {
        List<WriteOp> ops = CraftedExport.readAll(new CraftedExport(root).incremental().codec(codec)
                .write(INSERT, UPDATE, DELETE_OLD_AND_NEW));

        assertThat(ops).extracting(op -> op.getClass().getSimpleName()).containsExactly("Put", "Put", "Delete");
        assertThat(ops.get(0).origin().file()).endsWith(codec == Codec.GZIP ? ".json.gz" : codec == Codec.ZSTD ? ".json.zst" : ".json");
    }

    @Test
    void decode_emptyFile_givesNothing() throws IOException {
        assertThat(CraftedExport.readAll(new CraftedExport(root).write())).isEmpty();
    }

    @Test
    void decode_skipLines_readsButDoesNotDecodeLeadingLines() throws IOException {
        Path dir = new CraftedExport(root).incremental().write(INSERT, UPDATE, DELETE_OLD_AND_NEW);

        List<WriteOp> ops = CraftedExport.readAll(dir, DecodeOptions.defaults().withSkipLines(2));

        assertThat(ops).hasSize(1);
        assertThat(ops.get(0).origin().line()).isEqualTo(3);
    }

    @Test
    void decode_numbersKeepTheirExactText() throws IOException {
        String big = "12345678901234567890123456789012345678";
        List<WriteOp> ops = CraftedExport.readAll(new CraftedExport(root).write(
                "{\"Item\":{\"id\":{\"N\":\"" + big + "\"},\"small\":{\"N\":\"-0.000000000000000000000000000001\"},"
                        + "\"e\":{\"N\":\"1E+125\"}}}"));

        Item item = ((WriteOp.Put) ops.get(0)).item();
        assertThat(item.get("id")).isEqualTo(new N(big));
        assertThat(item.get("small")).isEqualTo(new N("-0.000000000000000000000000000001"));
        assertThat(item.get("e")).isEqualTo(new N("1E+125"));
    }

    @Test
    void decode_ionFullExport_everyTypeExactly() throws IOException {
        Path dir = new CraftedExport(root).ion().write(
                "$ion_1_0 {Item:{Authors:$dynamodb_SS::[\"Author1\",\"Author2\"],Id:103.,InPublication:false,"
                        + "PageCount:6d2,Price:2d3,Title:\"Book 103 Title\"}}",
                "{\"Item\":{id:\"x\",bin:{{aGVsbG8=}},n:null,ns:$dynamodb_NS::[1.50,2.],bs:$dynamodb_BS::[{{aGVsbG8=}}],"
                        + "m:{deep:[1,\"two\",{three:true}]},i:42,neg:-1.5d-3}}");

        List<WriteOp> ops = CraftedExport.readAll(dir);

        assertThat(((WriteOp.Put) ops.get(0)).item()).isEqualTo(new Item(Map.of(
                "Authors", new SS(Set.of("Author1", "Author2")),
                "Id", new N("103"),
                "InPublication", Bool.FALSE,
                "PageCount", new N("600"),
                "Price", new N("2000"),
                "Title", new S("Book 103 Title"))));
        Map<String, AttributeValue> second = new LinkedHashMap<>();
        second.put("id", new S("x"));
        second.put("bin", B.of("hello".getBytes(StandardCharsets.US_ASCII)));
        second.put("n", Null.INSTANCE);
        second.put("ns", new NS(Set.of("1.5", "2")));
        second.put("bs", new BS(Set.of(B.of("hello".getBytes(StandardCharsets.US_ASCII)))));
        second.put("m", new M(Map.of("deep", new L(List.of(new N("1"), new S("two"), new M(Map.of("three", Bool.TRUE)))))));
        second.put("i", new N("42"));
        second.put("neg", new N("-0.0015"));
        assertThat(((WriteOp.Put) ops.get(1)).item()).isEqualTo(new Item(second));
    }

    @Test
    void decode_ionIncremental_putsDeletesAndTimestampsAsIntOrDecimal() throws IOException {
        Path dir = new CraftedExport(root).ion().incremental().write(
                "$ion_1_0 {Metadata:{WriteTimestampMicros:1768386096366933},Keys:{pk:\"2\"},"
                        + "OldImage:{pk:\"2\",old:\"x\"},NewImage:{pk:\"2\",v:1.}}",
                "{\"Metadata\":{\"WriteTimestampMicros\":1768386096366934.},\"Keys\":{\"pk\":\"3\"}}");

        List<WriteOp> ops = CraftedExport.readAll(dir);

        assertThat(ops.get(0)).isEqualTo(new WriteOp.Put(new Item(Map.of("pk", new S("2"), "v", new N("1"))),
                ops.get(0).origin(), 1768386096366933L));
        assertThat(ops.get(1)).isEqualTo(new WriteOp.Delete(Key.of("pk", new S("3")), ops.get(1).origin(),
                1768386096366934L));
    }

    @Test
    void decode_unknownTopLevelFields_areIgnored() throws IOException {
        List<WriteOp> ops = CraftedExport.readAll(new CraftedExport(root).write(
                "{\"Future\":{\"x\":[1,2]},\"Item\":{\"id\":{\"S\":\"a\"}},\"Other\":null}"));

        assertThat(((WriteOp.Put) ops.get(0)).item()).isEqualTo(new Item(Map.of("id", new S("a"))));
    }
}
