package dev.pitr.examples;

import static dev.pitr.examples.TestChains.SCHEMA;
import static dev.pitr.examples.TestChains.T0;
import static dev.pitr.examples.TestChains.WINDOW;
import static dev.pitr.examples.TestChains.awsEnv;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pitr.manifest.OutputView;
import dev.pitr.model.AttributeValue;
import dev.pitr.model.Item;
import dev.pitr.model.Key;
import dev.pitr.testing.Changes;
import dev.pitr.testing.ExportGenerator;
import dev.pitr.testing.GeneratedExport;
import dev.pitr.testing.ItemShape;
import dev.pitr.testing.dynamodb.DynamoDbLocal;
import dev.pitr.testing.dynamodb.DynamoDbLocalExtension;
import dev.pitr.verify.SameValue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;

/** {@code pitr revert} against DynamoDB Local: a bad window undone, later writes kept. */
@ExtendWith(DynamoDbLocalExtension.class)
class RevertIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static software.amazon.awssdk.services.dynamodb.model.AttributeValue s(String v) {
        return software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(v);
    }

    private static Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> sdkKey(Key k) {
        return Map.of("pk", s(((AttributeValue.S) k.get("pk")).value()),
                "sk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromN(
                        ((AttributeValue.N) k.get("sk")).text()));
    }

    /** Writes {@code k} as a small item of its own, as an application would after the window. */
    private static void writeLater(DynamoDbAsyncClient client, String table, Key k, String value) {
        Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> item = new HashMap<>(sdkKey(k));
        item.put("later", s(value));
        client.putItem(b -> b.tableName(table).item(item)).join();
    }

    private static Item laterItem(Key k, String value) {
        Map<String, AttributeValue> m = new HashMap<>(k.attributes());
        m.put("later", new AttributeValue.S(value));
        return new Item(m);
    }

    private CliProcess.Result cli(String... args) throws Exception {
        return CliProcess.run(dir, awsEnv(), args);
    }

    private List<String> command(String verb, DynamoDbLocal dynamo, String table, List<GeneratedExport> exports,
                                 String... more) {
        List<String> c = new ArrayList<>(List.of(verb, "--table", table, "--dynamodb-endpoint", dynamo.endpoint().toString(),
                "--checkpoint", dir.resolve("checkpoints").toString()));
        for (GeneratedExport e : exports) {
            c.add("--export");
            c.add(e.exportDir().toString());
        }
        c.addAll(List.of(more));
        return c;
    }

    private static Set<Key> keysOf(GeneratedExport... exports) {
        Set<Key> keys = new HashSet<>();
        for (GeneratedExport e : exports) {
            e.records().forEach(r -> keys.add(r.key()));
        }
        return keys;
    }

    private static void assertSameItems(Map<Key, Item> actual, Map<Key, Item> expected) {
        assertThat(actual.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        expected.forEach((k, v) -> assertThat(SameValue.items(actual.get(k), v)).as("item %s", k).isTrue());
    }

    @Test
    void revert_putsTheWindowBack_keepsTheTenLaterWrites_andExits3WithFiveConflicts(DynamoDbLocal dynamo)
            throws Exception {
        ExportGenerator g = TestChains.generator(dir.resolve("bucket"), 51);
        GeneratedExport full = g.full(400, T0.minusSeconds(70));
        Map<Key, Item> atStart = new HashMap<>(g.expectedState());
        GeneratedExport w = g.incremental(T0, T0.plus(WINDOW), Changes.of(60, 15, 20, 0));
        String table = DynamoDbLocal.uniqueTableName("cli-revert");
        dynamo.createTable(table, SCHEMA);
        CliProcess.Result restored = cli(command("restore", dynamo, table, List.of(full, w), "--allow-gap")
                .toArray(String[]::new));
        assertThat(restored.exitCode()).as(restored.toString()).isZero();
        List<Key> changed = new ArrayList<>(keysOf(w));
        changed.sort(Comparator.comparing(Key::toString));
        List<Key> untouched = new ArrayList<>(atStart.keySet());
        untouched.removeAll(changed);
        untouched.sort(Comparator.comparing(Key::toString));
        Map<Key, Item> later = new HashMap<>();
        for (Key k : changed.subList(0, 5)) {
            writeLater(dynamo.asyncClient(), table, k, "after the window");
            later.put(k, laterItem(k, "after the window"));
        }
        for (Key k : untouched.subList(0, 5)) {
            writeLater(dynamo.asyncClient(), table, k, "after the window");
            later.put(k, laterItem(k, "after the window"));
        }
        Path conflicts = dir.resolve("conflicts.jsonl");

        CliProcess.Result revert = cli(command("revert", dynamo, table, List.of(w), "--conflicts", conflicts.toString(),
                "--report", dir.resolve("revert.json").toString()).toArray(String[]::new));

        assertThat(revert.exitCode()).as(revert.toString()).isEqualTo(3);
        long inserted = w.records().stream().filter(r -> r.oldImage() == null).count();
        long deletedBack = w.records().stream().filter(r -> r.newImage() == null).count();
        assertThat(revert.stdout()).hasSize(1);
        assertThat(revert.stdout().get(0)).startsWith("revert " + table + ": ").endsWith(", conflicts 5");
        JsonNode report = JSON.readTree(dir.resolve("revert.json").toFile());
        assertThat(report.at("/conflicts").asLong()).isEqualTo(5);
        assertThat(report.at("/keys").asLong()).isEqualTo(changed.size());
        long conflictedInserts = changed.subList(0, 5).stream().filter(k -> !atStart.containsKey(k)).count();
        assertThat(report.at("/deleted").asLong()).isEqualTo(inserted - conflictedInserts);
        assertThat(report.at("/restored").asLong() + report.at("/deleted").asLong() + report.at("/unchanged").asLong()
                + 5).isEqualTo(changed.size());
        assertThat(deletedBack).isEqualTo(15);
        Map<Key, Item> expected = new HashMap<>(atStart);
        expected.putAll(later);
        assertSameItems(TableItems.scan(dynamo.asyncClient(), table, SCHEMA), expected);
        List<String> lines = Files.readAllLines(conflicts);
        assertThat(lines).hasSize(5).allSatisfy(l -> assertThat(l).startsWith("{\"kind\":\"conflict\",\"key\":"));
        assertThat(revert.lastStderrLine()).contains("5 keys changed since the window").contains(conflicts.toString());

        CliProcess.Result again = cli(command("revert", dynamo, table, List.of(w), "--conflicts", conflicts.toString())
                .toArray(String[]::new));
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(again.lastStderrLine()).contains("complete already");
        assertThat(Files.readAllLines(conflicts)).as("the completed revert's conflicts, left as they were")
                .isEqualTo(lines);
    }

    @Test
    void revert_ofTwoExports_withKeysChangedInBoth_returnsToTheStartOfTheFirst_andDryRunWritesNothing(
            DynamoDbLocal dynamo) throws Exception {
        ExportGenerator g = TestChains.generator(dir.resolve("bucket"), 52);
        GeneratedExport full = g.full(300, T0);
        Map<Key, Item> atStart = new HashMap<>(g.expectedState());
        GeneratedExport w1 = g.incremental(T0, T0.plus(WINDOW), Changes.of(80, 10, 20, 0));
        GeneratedExport w2 = g.incremental(T0.plus(WINDOW), T0.plus(WINDOW.multipliedBy(2)), Changes.of(80, 10, 20, 5));
        Set<Key> both = keysOf(w1);
        both.retainAll(keysOf(w2));
        assertThat(both).hasSizeGreaterThan(10);
        String table = DynamoDbLocal.uniqueTableName("cli-revert-two");
        dynamo.createTable(table, SCHEMA);
        assertThat(cli(command("restore", dynamo, table, List.of(full, w1, w2)).toArray(String[]::new)).exitCode())
                .isZero();
        Map<Key, Item> afterWindow = TableItems.scan(dynamo.asyncClient(), table, SCHEMA);

        CliProcess.Result dry = cli(command("revert", dynamo, table, List.of(w2, w1), "--dry-run").toArray(String[]::new));

        assertThat(dry.exitCode()).as(dry.toString()).isZero();
        assertThat(dry.stdout().get(0)).contains("(dry run, nothing written)").endsWith("conflicts 0");
        assertSameItems(TableItems.scan(dynamo.asyncClient(), table, SCHEMA), afterWindow);

        CliProcess.Result revert = cli(command("revert", dynamo, table, List.of(w2, w1)).toArray(String[]::new));

        assertThat(revert.exitCode()).as(revert.toString()).isZero();
        assertThat(revert.stdout().get(0)).isEqualTo(dry.stdout().get(0).replace(" (dry run, nothing written)", ""));
        assertSameItems(TableItems.scan(dynamo.asyncClient(), table, SCHEMA), atStart);
    }

    @Test
    void revert_whileAThreadWritesTheTable_neverLosesOneOfItsWrites(DynamoDbLocal dynamo) throws Exception {
        ExportGenerator g = TestChains.generator(dir.resolve("bucket"), 53);
        GeneratedExport full = g.full(500, T0);
        GeneratedExport w = g.incremental(T0, T0.plus(WINDOW), Changes.of(250, 50, 50, 0));
        String table = DynamoDbLocal.uniqueTableName("cli-revert-live");
        dynamo.createTable(table, SCHEMA);
        assertThat(cli(command("restore", dynamo, table, List.of(full, w)).toArray(String[]::new)).exitCode()).isZero();
        List<Key> keys = new ArrayList<>(g.expectedState().keySet());
        keys.addAll(keysOf(w));
        List<Key> pool = List.copyOf(new HashSet<>(keys));
        Map<Key, String> lastWritten = new ConcurrentHashMap<>();
        AtomicBoolean stop = new AtomicBoolean();
        DynamoDbAsyncClient client = dynamo.asyncClient();
        Thread writer = new Thread(() -> {
            long n = 0;
            while (!stop.get()) {
                Key k = pool.get(ThreadLocalRandom.current().nextInt(pool.size()));
                String value = "live-" + n++;
                writeLater(client, table, k, value);
                lastWritten.put(k, value);
            }
        }, "live-writer");
        writer.start();
        CliProcess.Result revert;
        try {
            revert = cli(command("revert", dynamo, table, List.of(w), "--max-wcu", "200").toArray(String[]::new));
        } finally {
            stop.set(true);
            writer.join(TimeUnit.SECONDS.toMillis(30));
        }

        assertThat(revert.exitCode()).as(revert.toString()).isIn(0, 3);
        assertThat(lastWritten).hasSizeGreaterThan(20);
        Map<Key, Item> table1 = TableItems.scan(client, table, SCHEMA);
        lastWritten.forEach((k, v) -> assertThat(SameValue.items(table1.get(k), laterItem(k, v)))
                .as("the live write of %s", k).isTrue());
    }

    @Test
    void revert_ofLargeItems_isExact(DynamoDbLocal dynamo) throws Exception {
        ExportGenerator g = ExportGenerator.builder().bucketRoot(dir.resolve("bucket")).keySchema(SCHEMA)
                .itemShape(ItemShape.LARGE).filesPerExport(2).seed(54).build();
        GeneratedExport full = g.full(40, T0);
        Map<Key, Item> atStart = new HashMap<>(g.expectedState());
        GeneratedExport w = g.incremental(T0, T0.plus(WINDOW), Changes.of(15, 5, 5, 0));
        String table = DynamoDbLocal.uniqueTableName("cli-revert-large");
        dynamo.createTable(table, SCHEMA);
        assertThat(cli(command("restore", dynamo, table, List.of(full, w)).toArray(String[]::new)).exitCode()).isZero();

        CliProcess.Result revert = cli(command("revert", dynamo, table, List.of(w)).toArray(String[]::new));

        assertThat(revert.exitCode()).as(revert.toString()).isZero();
        assertSameItems(TableItems.scan(dynamo.asyncClient(), table, SCHEMA), atStart);
    }

    @Test
    void revert_keysFromAConflictsFile_withForce_writesJustThoseOverTheLaterWrites(DynamoDbLocal dynamo)
            throws Exception {
        ExportGenerator g = TestChains.generator(dir.resolve("bucket"), 55);
        GeneratedExport full = g.full(200, T0);
        Map<Key, Item> atStart = new HashMap<>(g.expectedState());
        GeneratedExport w = g.incremental(T0, T0.plus(WINDOW), Changes.of(40, 0, 0, 0));
        String table = DynamoDbLocal.uniqueTableName("cli-revert-force");
        dynamo.createTable(table, SCHEMA);
        assertThat(cli(command("restore", dynamo, table, List.of(full, w)).toArray(String[]::new)).exitCode()).isZero();
        List<Key> changed = new ArrayList<>(keysOf(w));
        for (Key k : changed.subList(0, 3)) {
            writeLater(dynamo.asyncClient(), table, k, "later");
        }
        Path conflicts = dir.resolve("conflicts.jsonl");
        assertThat(cli(command("revert", dynamo, table, List.of(w), "--dry-run", "--conflicts", conflicts.toString())
                .toArray(String[]::new)).exitCode()).isEqualTo(3);

        CliProcess.Result forced = cli(command("revert", dynamo, table, List.of(w), "--keys", conflicts.toString(),
                "--force", "--revert-id", "forced-3").toArray(String[]::new));

        assertThat(forced.exitCode()).as(forced.toString()).isZero();
        assertThat(forced.stdout().get(0)).isEqualTo("revert " + table + ": 3 restored, 0 deleted, 0 unchanged,"
                + " conflicts 0, not in the key list 37");
        Map<Key, Item> now = TableItems.scan(dynamo.asyncClient(), table, SCHEMA);
        for (Key k : changed.subList(0, 3)) {
            assertThat(SameValue.items(now.get(k), atStart.get(k))).isTrue();
        }
    }

    @Test
    void revert_ofANewImageExport_isRefusedWithExit2_andHowToExportOne(DynamoDbLocal dynamo) throws Exception {
        ExportGenerator g = TestChains.generator(dir.resolve("bucket"), 56);
        g.full(20, T0);
        GeneratedExport w = g.incremental(T0, T0.plus(WINDOW), Changes.of(5, 1, 1, 0), OutputView.NEW_IMAGE);
        String table = DynamoDbLocal.uniqueTableName("cli-revert-newimage");
        dynamo.createTable(table, SCHEMA);

        CliProcess.Result revert = cli(command("revert", dynamo, table, List.of(w)).toArray(String[]::new));

        assertThat(revert.exitCode()).isEqualTo(2);
        assertThat(revert.lastStderrLine()).contains("NEW_IMAGE").contains("ExportViewType=NEW_AND_OLD_IMAGES");
    }
}
