package dev.pitr.examples;

import static dev.pitr.examples.TestChains.awsEnv;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pitr.model.KeySchema;
import dev.pitr.testing.Changes;
import dev.pitr.testing.ExportGenerator;
import dev.pitr.testing.GeneratedExport;
import dev.pitr.testing.SharedFixtures;
import dev.pitr.testing.dynamodb.DynamoDbLocal;
import dev.pitr.testing.dynamodb.DynamoDbLocalExtension;
import dev.pitr.testing.s3.S3ProxyExtension;
import dev.pitr.testing.s3.S3ProxyServer;
import dev.pitr.testing.s3.S3TestClients;
import dev.pitr.testing.s3.S3TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/**
 * The real export chain of {@code ../shared/fixtures/real-chain-bucket} (FULL at 10:18:50.622,
 * windows 10:20-10:35 and 10:35-10:50) restored with {@code pitr restore} into DynamoDB Local,
 * from a folder and from s3proxy, the exports given in shuffled order: refused for its 69 s gap,
 * applied with {@code --allow-gap}, and applied exactly with an overlapping window 10:05-10:20
 * made by the test kit's generator. The table is compared item by item with the state worked
 * out below from the sample's records, by hand.
 */
@ExtendWith({DynamoDbLocalExtension.class, S3ProxyExtension.class})
class RealChainIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final KeySchema SCHEMA = KeySchema.of("pk", KeySchema.ScalarType.S, "sk", KeySchema.ScalarType.S);
    private static final String FULL = "01768385930622-efd1a093";
    private static final String FIRST = "01768386924000-d339e52d";
    private static final String SECOND = "01768388186000-4a2fc3ff";
    private static final String STATE_TIME = "2026-01-14T10:50:00Z";
    private static final String RICH = "\"b\":{\"B\":\"0000\"},\"bset\":{\"BS\":[\"0000\",\"1111\"]},"
            + "\"list\":{\"L\":[{\"S\":\"test\"},{\"S\":\"1\"}]},\"mapp\":{\"M\":{\"test\":{\"B\":\"test\"}}},"
            + "\"nset\":{\"NS\":[\"1\",\"2\"]},\"null\":{\"NULL\":true},";

    /**
     * The table at 10:50, worked out from the sample's lines: the FULL export's three items; the
     * first window puts (2,1) (2,2) (2,3) (3,1) (3,2) (3,3); the second deletes (2,3) and (1,1),
     * replaces (1,3) and (3,2) (which loses "number"), and puts (4,2).
     */
    private static final List<String> EXPECTED = List.of(
            "{\"pk\":{\"S\":\"1\"},\"sk\":{\"S\":\"2\"},\"test\":{\"S\":\"test2\"}}",
            "{\"pk\":{\"S\":\"1\"},\"sk\":{\"S\":\"3\"},\"test1\":{\"S\":\"1\"},\"test2\":{\"S\":\"2\"},"
                    + "\"bin_update\":{\"BS\":[\"0000\",\"0001\"]}}",
            "{\"pk\":{\"S\":\"2\"},\"sk\":{\"S\":\"1\"},\"test\":{\"S\":\"test2\"}}",
            "{\"pk\":{\"S\":\"2\"},\"sk\":{\"S\":\"2\"},\"test\":{\"S\":\"test\"}}",
            "{\"pk\":{\"S\":\"3\"},\"sk\":{\"S\":\"1\"}," + RICH + "\"number\":{\"N\":\"12\"},"
                    + "\"sset\":{\"SS\":[\"test\",\"test2\"]},\"string\":{\"S\":\"test\"}}",
            "{\"pk\":{\"S\":\"3\"},\"sk\":{\"S\":\"2\"}," + RICH
                    + "\"sset\":{\"SS\":[\"test\",\"test2\"]},\"string\":{\"S\":\"test\"}}",
            "{\"pk\":{\"S\":\"3\"},\"sk\":{\"S\":\"3\"}," + RICH + "\"number\":{\"N\":\"12\"},"
                    + "\"sset\":{\"SS\":[\"test\",\"test2\"]},\"string\":{\"S\":\"test\"}}",
            "{\"pk\":{\"S\":\"4\"},\"sk\":{\"S\":\"2\"},\"b\":{\"B\":\"0000\"},\"bset\":{\"BS\":[\"0000\",\"1111\"]},"
                    + "\"null\":{\"NULL\":true},\"number\":{\"N\":\"12\"},\"sset\":{\"SS\":[\"test\",\"test2\"]},"
                    + "\"string\":{\"S\":\"test\"}}");

    private static S3ProxyServer s3;
    private static S3AsyncClient s3Client;
    private static S3TestData s3Data;

    @TempDir
    Path dir;

    @BeforeAll
    static void clientOfS3(S3ProxyServer server) {
        s3 = server;
        s3Client = S3TestClients.client(server.endpoint());
        s3Data = new S3TestData(s3Client);
    }

    @AfterAll
    static void closeClientOfS3() {
        s3Client.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"folder", "s3"})
    void restore_realChain_isRefusedForItsGap_thenAppliedWithAllowGap(String from, DynamoDbLocal dynamo)
            throws Exception {
        Path bucket = copyOfTheSample();
        String table = DynamoDbLocal.uniqueTableName("real-gap");
        dynamo.createTable(table, SCHEMA);
        List<String> command = command(dynamo, table, exports(bucket, from, List.of(SECOND, FULL, FIRST)));

        CliProcess.Result refused = CliProcess.run(dir, awsEnv(), command.toArray(String[]::new));

        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(refused.lastStderrLine()).startsWith("pitr: the exports do not form a chain, nothing was written: ")
                .contains("Gap in the chain").contains("1 min 09 s")
                .contains("starts at or before 2026-01-14T10:18:50.622Z")
                .contains("for example 2026-01-14T10:05:00Z to 2026-01-14T10:20:00Z")
                .contains("FULL export at 2026-01-14T10:20:00Z").contains("--allow-gap");
        assertThat(dynamo.countItems(table)).isZero();

        command.add("--allow-gap");
        CliProcess.Result run = CliProcess.run(dir, awsEnv(), command.toArray(String[]::new));

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.stderr()).anyMatch(l -> l.startsWith("pitr: WARNING: the chain has a gap of 1 min 09 s between "
                + "2026-01-14T10:18:50.622Z and 2026-01-14T10:20:00Z"));
        assertThat(run.lastStderrLine()).contains("may not hold exactly that state")
                .contains("writes between 2026-01-14T10:18:50.622Z and 2026-01-14T10:20:00Z");
        JsonNode report = JSON.readTree(dir.resolve("report.json").toFile());
        assertThat(report.get("exactState").asBoolean()).isFalse();
        assertThat(report.at("/gaps/0/millis").asLong()).isEqualTo(69_378);
        assertThat(table(dynamo, table)).isEqualTo(canonical(EXPECTED));
    }

    @ParameterizedTest
    @ValueSource(strings = {"folder", "s3"})
    void restore_realChain_withAnOverlappingWindowInsteadOfTheGap_isExact(String from, DynamoDbLocal dynamo)
            throws Exception {
        Path bucket = copyOfTheSample();
        // The remedy the refusal names: an incremental window 10:05-10:20, overlapping the FULL
        // export, here with five items written in it (the sample's own items untouched).
        ExportGenerator g = ExportGenerator.builder().bucketRoot(bucket).tableName("test").region("eu-north-1")
                .account("123456789123").keySchema(SCHEMA).filesPerExport(2).seed(1_768_386_000L).build();
        GeneratedExport overlap = g.incremental(Instant.parse("2026-01-14T10:05:00Z"),
                Instant.parse("2026-01-14T10:20:00Z"), Changes.of(0, 0, 5, 0));
        List<String> expected = new ArrayList<>(EXPECTED);
        g.expectedState().values().forEach(item -> expected.add(json(item)));
        String table = DynamoDbLocal.uniqueTableName("real-overlap");
        dynamo.createTable(table, SCHEMA);
        List<String> command = command(dynamo, table,
                exports(bucket, from, List.of(FIRST, SECOND, overlap.exportId(), FULL)));

        CliProcess.Result run = CliProcess.run(dir, awsEnv(), command.toArray(String[]::new));

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.stderr()).anyMatch(l -> l.startsWith("pitr: the chain has an overlap of 13 min 50 s: export " + overlap.exportId()
                + " starts at 2026-01-14T10:05:00Z, before the 2026-01-14T10:18:50.622Z the chain reached"));
        assertThat(run.lastStderrLine()).isEqualTo("pitr: restore completed: table " + table + " holds the state of "
                + STATE_TIME);
        JsonNode report = JSON.readTree(dir.resolve("report.json").toFile());
        assertThat(report.get("exactState").asBoolean()).isTrue();
        List<String> order = new ArrayList<>();
        report.get("exports").forEach(e -> order.add(e.get("exportId").asText()));
        assertThat(order).containsExactly(FULL, overlap.exportId(), FIRST, SECOND);
        assertThat(expected).hasSize(EXPECTED.size() + 5);
        assertThat(table(dynamo, table)).isEqualTo(canonical(expected));
    }

    @Test
    void restore_sameCommandAgainstAnotherEndpoint_restoresThatTableToo(DynamoDbLocal dynamo) throws Exception {
        Path bucket = copyOfTheSample();
        String table = "Orders";
        try (DynamoDbLocal staging = DynamoDbLocal.start()) {
            dynamo.createTable(table, SCHEMA);
            staging.createTable(table, SCHEMA);
            List<String> exports = exports(bucket, "folder", List.of(FULL, FIRST, SECOND));
            // Same table name, same default checkpoint folder (pitr-checkpoints in the working
            // directory), two endpoints: as staging and production tables in two accounts.
            List<String> first = command(dynamo, table, exports);
            first.add("--allow-gap");
            List<String> second = new ArrayList<>(first);
            second.set(second.indexOf(dynamo.endpoint().toString()), staging.endpoint().toString());

            CliProcess.Result a = CliProcess.run(dir, awsEnv(), first.toArray(String[]::new));
            CliProcess.Result b = CliProcess.run(dir, awsEnv(), second.toArray(String[]::new));

            assertThat(a.exitCode()).as(a.toString()).isZero();
            assertThat(b.exitCode()).as(b.toString()).isZero();
            assertThat(b.stdoutText()).contains("COMPLETED").doesNotContain("ALREADY_COMPLETE");
            assertThat(table(dynamo, table)).isEqualTo(canonical(EXPECTED));
            assertThat(table(staging, table)).isEqualTo(canonical(EXPECTED));
            try (Stream<Path> files = Files.list(dir.resolve("pitr-checkpoints"))) {
                assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")))
                        .as("one checkpoint per physical table").hasSize(2);
            }
            dynamo.deleteTable(table);
        }
    }

    @Test
    void restore_fullChainOntoATableThatHoldsItems_exits2_thenAppliesWithAllowNonempty(DynamoDbLocal dynamo)
            throws Exception {
        Path bucket = copyOfTheSample();
        String table = DynamoDbLocal.uniqueTableName("real-nonempty");
        dynamo.createTable(table, SCHEMA);
        String stranger = "{\"pk\":{\"S\":\"9\"},\"sk\":{\"S\":\"9\"},\"kept\":{\"S\":\"yes\"}}";
        dynamo.syncClient().putItem(b -> b.tableName(table).item(sdkItem(stranger)));
        List<String> command = command(dynamo, table, exports(bucket, "folder", List.of(FULL, FIRST, SECOND)));
        command.add("--allow-gap");

        CliProcess.Result refused = CliProcess.run(dir, awsEnv(), command.toArray(String[]::new));

        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(refused.lastStderrLine()).startsWith("pitr: the table is not empty, nothing was written: ")
                .contains("--allow-nonempty");
        assertThat(dynamo.countItems(table)).isEqualTo(1);

        command.add("--allow-nonempty");
        CliProcess.Result run = CliProcess.run(dir, awsEnv(), command.toArray(String[]::new));

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.lastStderrLine()).contains("may not hold exactly that state")
                .contains("those the chain does not hold were left as they were");
        List<String> expected = new ArrayList<>(EXPECTED);
        expected.add(stranger);
        assertThat(table(dynamo, table)).isEqualTo(canonical(expected));
    }

    /** A generated item as DynamoDB JSON text. */
    private static String json(dev.pitr.model.Item item) {
        dev.pitr.write.internal.DynamoDbJson out = new dev.pitr.write.internal.DynamoDbJson();
        out.attributes(item.attributes());
        return new String(out.toByteArray(), java.nio.charset.StandardCharsets.UTF_8);
    }

    private List<String> command(DynamoDbLocal dynamo, String table, List<String> exports) {
        List<String> command = new ArrayList<>(List.of("restore", "--table", table,
                "--dynamodb-endpoint", dynamo.endpoint().toString(), "--s3-endpoint", s3.endpoint().toString(),
                "--report", dir.resolve("report.json").toString()));
        command.addAll(exports);
        return command;
    }

    /** {@code --export} for each export id, from the folder or from a bucket holding a copy of it. */
    private static List<String> exports(Path bucket, String from, List<String> ids) throws IOException {
        String root;
        if (from.equals("s3")) {
            String name = s3Data.newBucket("real-chain");
            s3Data.uploadFolder(name, bucket);
            root = "s3://" + name + "/AWSDynamoDB/";
        } else {
            root = bucket.resolve("AWSDynamoDB") + "/";
        }
        List<String> args = new ArrayList<>();
        for (String id : ids) {
            args.add("--export");
            args.add(root + id);
        }
        return args;
    }

    private Path copyOfTheSample() throws IOException {
        Path source = SharedFixtures.realChainBucket();
        Path target = dir.resolve("bucket");
        try (Stream<Path> walk = Files.walk(source)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path out = target.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(out);
                } else {
                    Files.copy(p, out);
                }
            }
        }
        return target;
    }

    /** Every item of the table, each as canonical DynamoDB JSON (sets sorted), sorted. */
    private static List<JsonNode> table(DynamoDbLocal dynamo, String table) {
        List<JsonNode> items = new ArrayList<>();
        DynamoDbClient client = dynamo.syncClient();
        client.scanPaginator(b -> b.tableName(table).consistentRead(true))
                .items().forEach(item -> items.add(node(item)));
        items.sort((a, b) -> a.toString().compareTo(b.toString()));
        return items;
    }

    private static List<JsonNode> canonical(List<String> items) {
        List<JsonNode> nodes = new ArrayList<>();
        for (String item : items) {
            nodes.add(node(sdkItem(item)));
        }
        nodes.sort((a, b) -> a.toString().compareTo(b.toString()));
        return nodes;
    }

    /** DynamoDB JSON text into SDK values, by this test's own reading of the format. */
    private static Map<String, AttributeValue> sdkItem(String json) {
        try {
            Map<String, AttributeValue> item = new HashMap<>();
            JSON.readTree(json).fields().forEachRemaining(e -> item.put(e.getKey(), sdkValue(e.getValue())));
            return item;
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static AttributeValue sdkValue(JsonNode typed) {
        var e = typed.fields().next();
        JsonNode v = e.getValue();
        List<String> texts = new ArrayList<>();
        if (v.isArray()) {
            v.forEach(x -> texts.add(x.asText()));
        }
        return switch (e.getKey()) {
            case "S" -> AttributeValue.fromS(v.asText());
            case "N" -> AttributeValue.fromN(v.asText());
            case "B" -> AttributeValue.fromB(SdkBytes.fromByteArray(Base64.getDecoder().decode(v.asText())));
            case "BOOL" -> AttributeValue.fromBool(v.asBoolean());
            case "NULL" -> AttributeValue.fromNul(true);
            case "SS" -> AttributeValue.fromSs(texts);
            case "NS" -> AttributeValue.fromNs(texts);
            case "BS" -> AttributeValue.fromBs(texts.stream()
                    .map(t -> SdkBytes.fromByteArray(Base64.getDecoder().decode(t))).toList());
            case "L" -> {
                List<AttributeValue> list = new ArrayList<>();
                v.forEach(x -> list.add(sdkValue(x)));
                yield AttributeValue.fromL(list);
            }
            case "M" -> {
                Map<String, AttributeValue> m = new HashMap<>();
                v.fields().forEachRemaining(f -> m.put(f.getKey(), sdkValue(f.getValue())));
                yield AttributeValue.fromM(m);
            }
            default -> throw new IllegalArgumentException("type " + e.getKey());
        };
    }

    /** An SDK item as canonical JSON: attributes by name, sets sorted, binary as Base64. */
    private static JsonNode node(Map<String, AttributeValue> item) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        new TreeMap<>(item).forEach((name, value) -> o.set(name, node(value)));
        return o;
    }

    private static JsonNode node(AttributeValue v) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        Base64.Encoder b64 = Base64.getEncoder();
        switch (v.type()) {
            case S -> o.put("S", v.s());
            case N -> o.put("N", new java.math.BigDecimal(v.n()).stripTrailingZeros().toPlainString());
            case B -> o.put("B", b64.encodeToString(v.b().asByteArray()));
            case BOOL -> o.put("BOOL", v.bool());
            case NUL -> o.put("NULL", true);
            case SS -> o.set("SS", sorted(v.ss()));
            case NS -> o.set("NS", sorted(v.ns().stream()
                    .map(n -> new java.math.BigDecimal(n).stripTrailingZeros().toPlainString()).toList()));
            case BS -> o.set("BS", sorted(v.bs().stream().map(b -> b64.encodeToString(b.asByteArray())).toList()));
            case L -> {
                ArrayNode a = o.putArray("L");
                v.l().forEach(x -> a.add(node(x)));
            }
            case M -> o.set("M", node(v.m()));
            default -> throw new IllegalArgumentException("type " + v.type());
        }
        return o;
    }

    private static ArrayNode sorted(List<String> values) {
        List<String> copy = new ArrayList<>(values);
        Collections.sort(copy);
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        copy.forEach(a::add);
        return a;
    }
}
