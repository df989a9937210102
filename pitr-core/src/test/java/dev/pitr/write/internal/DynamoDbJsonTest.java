package dev.pitr.write.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.pitr.model.AttributeValue;
import dev.pitr.model.Item;
import dev.pitr.model.Key;
import dev.pitr.model.Origin;
import dev.pitr.model.WriteOp;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DynamoDbJsonTest {
    private static final JsonFactory JSON = new JsonFactory();

    private static String written(java.util.function.Consumer<DynamoDbJson> write) {
        DynamoDbJson json = new DynamoDbJson(16);
        write.accept(json);
        assertThat(json.size()).isEqualTo(json.toByteArray().length);
        return new String(json.toByteArray(), StandardCharsets.UTF_8);
    }

    @Test
    void string_escapesQuotesBackslashesControlsAndLoneSurrogates_restIsUtf8() {
        String s = "\"\\\u0000\b\t\n\u000b\f\r\u001f\u007f/é中\u2028😀𝄞\ud800x\udfff";
        assertThat(written(j -> j.string(s))).isEqualTo("\"\\\"\\\\\\u0000\\b\\t\\n\\u000b\\f\\r\\u001f\u007f/é中\u2028😀𝄞"
                + "\\ud800x\\udfff\"");
        // A pair is its four UTF-8 bytes, not two escapes.
        assertThat(written(j -> j.string("😀")).getBytes(StandardCharsets.UTF_8)).hasSize(6);
    }

    @Test
    void value_ofEveryType_isDynamoDbJson() {
        Map<String, AttributeValue> attrs = new LinkedHashMap<>();
        attrs.put("s", new AttributeValue.S(""));
        attrs.put("n", new AttributeValue.N("-1.50E+3"));
        attrs.put("b", AttributeValue.B.of(new byte[] {(byte) 0xfb, (byte) 0xff}));
        attrs.put("e", AttributeValue.B.of(new byte[0]));
        attrs.put("t", AttributeValue.Bool.TRUE);
        attrs.put("f", AttributeValue.Bool.FALSE);
        attrs.put("z", AttributeValue.Null.INSTANCE);
        attrs.put("m", new AttributeValue.M(Map.of("x\"", new AttributeValue.L(List.of()))));
        attrs.put("l", new AttributeValue.L(List.of(new AttributeValue.S("a"), new AttributeValue.N("2"))));
        attrs.put("ss", new AttributeValue.SS(new LinkedHashSet<>(List.of("p", "q\n"))));
        attrs.put("ns", new AttributeValue.NS(new LinkedHashSet<>(List.of("1", "2"))));
        attrs.put("bs", new AttributeValue.BS(new LinkedHashSet<>(List.of(AttributeValue.B.of(new byte[] {1}),
                AttributeValue.B.of(new byte[] {1, 2, 3})))));
        assertThat(written(j -> j.attributes(attrs))).isEqualTo("{\"s\":{\"S\":\"\"},\"n\":{\"N\":\"-1.50E+3\"},"
                + "\"b\":{\"B\":\"+/8=\"},\"e\":{\"B\":\"\"},\"t\":{\"BOOL\":true},\"f\":{\"BOOL\":false},"
                + "\"z\":{\"NULL\":true},\"m\":{\"M\":{\"x\\\"\":{\"L\":[]}}},\"l\":{\"L\":[{\"S\":\"a\"},{\"N\":\"2\"}]},"
                + "\"ss\":{\"SS\":[\"p\",\"q\\n\"]},\"ns\":{\"NS\":[\"1\",\"2\"]},\"bs\":{\"BS\":[\"AQ==\",\"AQID\"]}}");
    }

    @Test
    void writeRequest_isAPutRequestOrADeleteRequest() {
        Key key = Key.of("pk", new AttributeValue.S("k"));
        WriteOp put = new WriteOp.Put(new Item(key.attributes()), new Origin("f", 1), WriteOp.NO_TIMESTAMP);
        WriteOp delete = new WriteOp.Delete(key, new Origin("f", 2), 5);
        assertThat(written(j -> j.writeRequest(put))).isEqualTo("{\"PutRequest\":{\"Item\":{\"pk\":{\"S\":\"k\"}}}}");
        assertThat(written(j -> j.writeRequest(delete))).isEqualTo("{\"DeleteRequest\":{\"Key\":{\"pk\":{\"S\":\"k\"}}}}");
    }

    @Test
    void randomStrings_parseBackExactly_withAStrictParser_throughGrowth() throws IOException {
        Random random = new Random(12);
        for (int round = 0; round < 500; round++) {
            List<String> strings = new ArrayList<>();
            for (int i = 0; i < 1 + random.nextInt(6); i++) {
                strings.add(randomString(random, round < 450 ? 40 : 20_000));
            }
            DynamoDbJson json = new DynamoDbJson(16);
            json.ascii("[");
            for (int i = 0; i < strings.size(); i++) {
                json.ascii(i == 0 ? "" : ",");
                json.string(strings.get(i));
            }
            json.ascii("]");
            assertThat(parseStrings(json.toByteArray())).as("round %d", round).isEqualTo(strings);
        }
    }

    @Test
    void numbers_andAscii_asTheyAre_nonAsciiRefused() {
        assertThat(written(j -> {
            j.number(Long.MIN_VALUE);
            j.ascii(",");
            j.number(0);
        })).isEqualTo("-9223372036854775808,0");
        DynamoDbJson json = new DynamoDbJson();
        assertThatThrownBy(() -> json.ascii("{\"é\":")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("json must be ASCII, got a non-ASCII character at index 2");
        assertThat(json.size()).isZero();
    }

    @Test
    void reset_keepsTheBuffer_andStartsOver() {
        DynamoDbJson json = new DynamoDbJson(16);
        json.string("x".repeat(100));
        int capacity = json.capacity();
        json.reset();
        json.string("y");
        assertThat(json.toByteArray()).isEqualTo("\"y\"".getBytes(StandardCharsets.US_ASCII));
        assertThat(json.capacity()).isEqualTo(capacity).isGreaterThanOrEqualTo(102);
    }

    /** Code points of every kind, drawn from these ranges alike: quotes and backslashes are frequent. */
    private static final int[][] RANGES = {{0, 0x20}, {'"', '"' + 1}, {'\\', '\\' + 1}, {0x20, 0x80},
        {0x80, 0x800}, {0x800, 0x10000}, {0xd800, 0xe000}, {0x10000, 0x110000}};

    /** Characters of every kind, lone surrogates (and pairs they happen to make) included. */
    private static String randomString(Random random, int maxLength) {
        StringBuilder sb = new StringBuilder();
        for (int i = random.nextInt(maxLength + 1); i > 0; i--) {
            int[] range = RANGES[random.nextInt(RANGES.length)];
            sb.appendCodePoint(range[0] + random.nextInt(range[1] - range[0]));
        }
        return sb.toString();
    }

    private static List<String> parseStrings(byte[] json) throws IOException {
        List<String> strings = new ArrayList<>();
        try (JsonParser p = JSON.createParser(json)) {
            assertThat(p.nextToken()).isEqualTo(JsonToken.START_ARRAY);
            while (p.nextToken() == JsonToken.VALUE_STRING) {
                strings.add(p.getText());
            }
            assertThat(p.currentToken()).isEqualTo(JsonToken.END_ARRAY);
            assertThat(p.nextToken()).isNull();
        }
        return strings;
    }
}
