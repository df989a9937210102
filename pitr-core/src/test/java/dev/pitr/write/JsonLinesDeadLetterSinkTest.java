package dev.pitr.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pitr.PitrException;
import dev.pitr.model.AttributeValue;
import dev.pitr.model.Item;
import dev.pitr.model.Key;
import dev.pitr.model.Origin;
import dev.pitr.model.WriteOp;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesDeadLetterSinkTest {
    @TempDir
    Path dir;

    @Test
    void accept_putAndDelete_writeOneReplayableLineEach_inDynamoDbJson() throws Exception {
        Map<String, AttributeValue> attrs = new LinkedHashMap<>();
        attrs.put("pk", new AttributeValue.S("a\"b"));
        attrs.put("n", new AttributeValue.N("-1.50"));
        attrs.put("b", AttributeValue.B.of(new byte[] {1, 2, 3}));
        attrs.put("t", AttributeValue.Bool.TRUE);
        attrs.put("z", AttributeValue.Null.INSTANCE);
        attrs.put("m", new AttributeValue.M(Map.of("x", new AttributeValue.N("2"))));
        attrs.put("l", new AttributeValue.L(List.of(new AttributeValue.S("e"), AttributeValue.Bool.FALSE)));
        attrs.put("ss", new AttributeValue.SS(new LinkedHashSet<>(List.of("p", "q"))));
        attrs.put("ns", new AttributeValue.NS(new LinkedHashSet<>(List.of("1", "2"))));
        attrs.put("bs", new AttributeValue.BS(Set.of(AttributeValue.B.of(new byte[] {(byte) 0xff}))));
        Item item = new Item(attrs);
        Key putKey = Key.of("pk", new AttributeValue.S("a\"b"));
        WriteOp put = new WriteOp.Put(item, new Origin("data/x.json.gz", 3), WriteOp.NO_TIMESTAMP);
        Key delKey = Key.of("pk", new AttributeValue.S("gone"));
        WriteOp delete = new WriteOp.Delete(delKey, new Origin("data/y.json.gz", 9), 1_700_000_000_000_000L);

        Path file = dir.resolve("dead.jsonl");
        try (JsonLinesDeadLetterSink sink = JsonLinesDeadLetterSink.open(file)) {
            sink.accept(SkippedOperation.of(put, putKey, "Item size has exceeded the maximum allowed size"));
            sink.accept(SkippedOperation.of(delete, delKey, "still throttled after PT1M"));
            assertThat(sink.linesWritten()).isEqualTo(2);
        }

        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(lines).containsExactly(
                "{\"file\":\"data/x.json.gz\",\"line\":3,\"reason\":\"Item size has exceeded the maximum allowed size\","
                        + "\"key\":{\"pk\":{\"S\":\"a\\\"b\"}},\"request\":{\"PutRequest\":{\"Item\":{"
                        + "\"pk\":{\"S\":\"a\\\"b\"},\"n\":{\"N\":\"-1.50\"},\"b\":{\"B\":\"AQID\"},\"t\":{\"BOOL\":true},"
                        + "\"z\":{\"NULL\":true},\"m\":{\"M\":{\"x\":{\"N\":\"2\"}}},"
                        + "\"l\":{\"L\":[{\"S\":\"e\"},{\"BOOL\":false}]},\"ss\":{\"SS\":[\"p\",\"q\"]},"
                        + "\"ns\":{\"NS\":[\"1\",\"2\"]},\"bs\":{\"BS\":[\"/w==\"]}}}}}",
                "{\"file\":\"data/y.json.gz\",\"line\":9,\"reason\":\"still throttled after PT1M\","
                        + "\"writeTimestampMicros\":1700000000000000,\"key\":{\"pk\":{\"S\":\"gone\"}},"
                        + "\"request\":{\"DeleteRequest\":{\"Key\":{\"pk\":{\"S\":\"gone\"}}}}}");
    }

    @Test
    void open_existingFile_appendsAfterWhatIsThere() throws Exception {
        Path file = dir.resolve("dead.jsonl");
        Files.writeString(file, "{\"earlier\":true}\n");
        Key key = Key.of("pk", new AttributeValue.N("7"));
        try (JsonLinesDeadLetterSink sink = JsonLinesDeadLetterSink.open(file)) {
            sink.accept(SkippedOperation.of(new WriteOp.Delete(key, new Origin("f", 1), WriteOp.NO_TIMESTAMP), key, "r"));
        }
        assertThat(Files.readAllLines(file)).hasSize(2).first().isEqualTo("{\"earlier\":true}");
    }

    @Test
    void accept_returnsOnlyOnceTheWholeLineIsForcedToDisk() throws Exception {
        Path file = dir.resolve("dead.jsonl");
        Files.writeString(file, "{\"earlier\":true}\n");
        List<ForceWatchingChannel.Force> forces = new ArrayList<>();
        Key key = Key.of("pk", new AttributeValue.S("k"));
        try (JsonLinesDeadLetterSink sink = JsonLinesDeadLetterSink.open(file, ForceWatchingChannel.opener(forces))) {
            for (int i = 1; i <= 2; i++) {
                sink.accept(SkippedOperation.of(new WriteOp.Delete(key, new Origin("f", i), 1), key, "r"));

                // The last force before accept returned covered every byte the file holds now.
                assertThat(forces).as("forces after line %d", i).hasSize(i)
                        .last().isEqualTo(new ForceWatchingChannel.Force(file, Files.size(file)));
            }
        }
        assertThat(Files.readAllLines(file)).hasSize(3).allSatisfy(l -> assertThat(l).startsWith("{").endsWith("}"));
    }

    @Test
    void open_newFile_syncsItsFolderOnce_existingFile_doesNot() throws Exception {
        List<ForceWatchingChannel.Force> forces = new ArrayList<>();
        Path file = dir.resolve("dead.jsonl");
        JsonLinesDeadLetterSink.open(file, ForceWatchingChannel.opener(forces)).close();
        assertThat(forces).extracting(ForceWatchingChannel.Force::path).containsExactly(dir.toAbsolutePath());

        forces.clear();
        JsonLinesDeadLetterSink.open(file, ForceWatchingChannel.opener(forces)).close();
        assertThat(forces).isEmpty();
    }

    @Test
    void open_missingFolder_namesTheFile() {
        Path file = dir.resolve("no/such/dir/dead.jsonl");
        assertThatThrownBy(() -> JsonLinesDeadLetterSink.open(file))
                .isInstanceOf(PitrException.class)
                .hasMessageContaining(file.toString());
    }

    @Test
    void accept_afterClose_isRefused() {
        JsonLinesDeadLetterSink sink = JsonLinesDeadLetterSink.open(dir.resolve("d.jsonl"));
        sink.close();
        sink.close();
        Key key = Key.of("pk", new AttributeValue.S("k"));
        SkippedOperation skipped = SkippedOperation.of(new WriteOp.Delete(key, new Origin("f", 1), 1), key, "r");
        assertThatThrownBy(() -> sink.accept(skipped)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void skippedOperation_toString_showsNoValues() {
        Key key = Key.of("pk", new AttributeValue.S("personal"));
        SkippedOperation skipped = SkippedOperation.of(
                new WriteOp.Delete(key, new Origin("f", 1), 1), key, "reason");
        assertThat(skipped.toString()).doesNotContain("personal").contains("f line 1").contains("reason");
    }

    @Test
    void writeFailedException_namesTableKeyOriginAndReason() {
        Key key = Key.of("pk", new AttributeValue.S("a"));
        WriteFailedException e = new WriteFailedException("t", key, new Origin("data/f.json.gz", 4), "too big", null);
        assertThat(e).hasMessage("Write to table t failed for key {pk=S:\"a\"} from data/f.json.gz line 4: too big");
        assertThat(e.key()).isEqualTo(key);
        assertThat(e.reason()).isEqualTo("too big");
    }
}
