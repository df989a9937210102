package dev.pitr.examples;

import static dev.pitr.examples.TestChains.SCHEMA;
import static dev.pitr.examples.TestChains.awsEnv;
import static dev.pitr.examples.TestChains.exportArgs;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pitr.model.AttributeValue;
import dev.pitr.model.Item;
import dev.pitr.model.Key;
import dev.pitr.testing.Changes;
import dev.pitr.testing.ExportGenerator;
import dev.pitr.testing.GeneratedExport;
import dev.pitr.testing.dynamodb.DynamoDbLocal;
import dev.pitr.testing.dynamodb.DynamoDbLocalExtension;
import dev.pitr.verify.SameValue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;

/** {@code pitr verify} against DynamoDB Local: equal, tampered behind pitr's back, repaired. */
@ExtendWith(DynamoDbLocalExtension.class)
class VerifyIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private List<String> verify(DynamoDbLocal dynamo, String table, List<GeneratedExport> chain, String... more) {
        List<String> command = new ArrayList<>(List.of("verify", "--table", table, "--dynamodb-endpoint",
                dynamo.endpoint().toString(), "--state-dir", dir.resolve("state").toString()));
        command.addAll(exportArgs(chain));
        command.addAll(List.of(more));
        return command;
    }

    private CliProcess.Result run(List<String> command) throws Exception {
        return CliProcess.run(dir, awsEnv(), command.toArray(String[]::new));
    }

    private CliProcess.Result restore(DynamoDbLocal dynamo, String table, List<GeneratedExport> chain, String... more)
            throws Exception {
        List<String> command = new ArrayList<>(List.of("restore", "--table", table, "--dynamodb-endpoint",
                dynamo.endpoint().toString(), "--checkpoint", dir.resolve("checkpoints").toString()));
        command.addAll(exportArgs(chain));
        command.addAll(List.of(more));
        return run(command);
    }

    @Test
    void verify_restoredChain_isEqual_thenTamperedBehindPitrsBack_reportsExactlyWhatDiffers_andRepairLeavesItExact(
            DynamoDbLocal dynamo) throws Exception {
        ExportGenerator g = TestChains.generator(dir.resolve("bucket"), 41);
        List<GeneratedExport> chain = TestChains.chain(g, 400, Changes.of(80, 20, 20, 0), Changes.of(60, 20, 20, 10));
        String table = DynamoDbLocal.uniqueTableName("cli-verify");
        dynamo.createTable(table, SCHEMA);
        CliProcess.Result restored = restore(dynamo, table, chain);
        assertThat(restored.exitCode()).as(restored.toString()).isZero();
        int size = g.expectedState().size();

        CliProcess.Result equal = run(verify(dynamo, table, chain, "--report", dir.resolve("equal.json").toString()));

        assertThat(equal.exitCode()).as(equal.toString()).isZero();
        assertThat(equal.stdout()).containsExactly("verify " + table + ": " + size
                + " items checked, missing 0, extra 0, different 0");
        JsonNode equalReport = JSON.readTree(dir.resolve("equal.json").toFile());
        assertThat(equalReport.at("/equal").asBoolean()).isTrue();
        assertThat(equalReport.at("/stateFingerprint").asText()).hasSize(32)
                .isEqualTo(equalReport.at("/tableFingerprint").asText());
        assertThat(equalReport.at("/read/items").asLong()).isEqualTo(size);

        Tamper tamper = new Tamper(dynamo.asyncClient(), table, g.expectedState());
        Set<Map.Entry<String, JsonNode>> expectedDiff = tamper.apply();
        Path diff = dir.resolve("diff.jsonl");

        CliProcess.Result differs = run(verify(dynamo, table, chain, "--diff", diff.toString(), "--report",
                dir.resolve("differs.json").toString(), "--segments", "3", "--max-rcu", "5000"));

        assertThat(differs.exitCode()).as(differs.toString()).isEqualTo(4);
        assertThat(differs.stdout()).containsExactly("verify " + table + ": " + (size + 2)
                + " items checked, missing 3, extra 2, different 4");
        assertThat(differs.lastStderrLine()).contains("differs").contains(diff.toString());
        List<String> lines = Files.readAllLines(diff);
        assertThat(lines).hasSize(9);
        Set<Map.Entry<String, JsonNode>> found = new HashSet<>();
        for (String line : lines) {
            JsonNode d = JSON.readTree(line);
            assertThat(d.fieldNames()).toIterable().containsExactly("kind", "key");
            found.add(Map.entry(d.get("kind").asText(), d.get("key")));
        }
        assertThat(found).isEqualTo(expectedDiff);
        JsonNode differsReport = JSON.readTree(dir.resolve("differs.json").toFile());
        assertThat(differsReport.at("/counts/missing").asLong()).isEqualTo(3);
        assertThat(differsReport.at("/counts/extra").asLong()).isEqualTo(2);
        assertThat(differsReport.at("/counts/different").asLong()).isEqualTo(4);
        assertThat(differsReport.at("/stateFingerprint").asText())
                .isNotEqualTo(differsReport.at("/tableFingerprint").asText());

        CliProcess.Result repaired = run(verify(dynamo, table, chain, "--repair"));

        assertThat(repaired.exitCode()).as(repaired.toString()).isZero();
        assertThat(repaired.stdout()).containsExactly(
                "verify " + table + ": " + (size + 2) + " items checked, missing 3, extra 2, different 4",
                "verify " + table + " after repair: " + size + " items checked, missing 0, extra 0, different 0");
        assertThat(String.join("\n", repaired.stderr())).contains("repaired 9 keys (7 puts, 2 deletes)");
        assertSameItems(TableItems.scan(dynamo.asyncClient(), table, SCHEMA), g.expectedState());

        CliProcess.Result again = run(verify(dynamo, table, chain));
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(dir.resolve("state")).doesNotExist();
    }

    @Test
    void restoreAllowNonEmpty_thenVerifyRepair_leavesTheTableExactlyTheChainsState(DynamoDbLocal dynamo)
            throws Exception {
        ExportGenerator g = TestChains.generator(dir.resolve("bucket"), 42);
        List<GeneratedExport> chain = TestChains.chain(g, 300, Changes.of(60, 20, 20, 0));
        String table = DynamoDbLocal.uniqueTableName("cli-verify-nonempty");
        dynamo.createTable(table, SCHEMA);
        for (int i = 0; i < 25; i++) {
            int n = i;
            dynamo.asyncClient().putItem(b -> b.tableName(table).item(Map.of(
                    "pk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("stale-" + n),
                    "sk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromN("7")))).join();
        }
        CliProcess.Result restored = restore(dynamo, table, chain, "--allow-nonempty");
        assertThat(restored.exitCode()).as(restored.toString()).isZero();

        CliProcess.Result repaired = run(verify(dynamo, table, chain, "--repair", "--max-wcu", "2000"));

        assertThat(repaired.exitCode()).as(repaired.toString()).isZero();
        assertThat(repaired.stdout()).first().asString().endsWith("missing 0, extra 25, different 0");
        assertThat(repaired.stdout()).last().asString().endsWith("after repair: " + g.expectedState().size()
                + " items checked, missing 0, extra 0, different 0");
        assertSameItems(TableItems.scan(dynamo.asyncClient(), table, SCHEMA), g.expectedState());
    }

    @Test
    void verifySample_readsTheSampledKeysByKey_andFindsTheSampledDifferences(DynamoDbLocal dynamo) throws Exception {
        ExportGenerator g = TestChains.generator(dir.resolve("bucket"), 43);
        List<GeneratedExport> chain = TestChains.chain(g, 600, Changes.of(100, 30, 30, 0));
        String table = DynamoDbLocal.uniqueTableName("cli-verify-sample");
        dynamo.createTable(table, SCHEMA);
        assertThat(restore(dynamo, table, chain).exitCode()).isZero();
        List<Key> keys = new ArrayList<>(g.expectedState().keySet());
        for (Key k : keys) { // every item of the table differs: what a sample finds is what it read
            dynamo.asyncClient().updateItem(b -> b.tableName(table).key(sdkKey(k)).updateExpression("SET tampered = :t")
                    .expressionAttributeValues(Map.of(":t",
                            software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("yes")))).join();
        }

        CliProcess.Result sampled = run(verify(dynamo, table, chain, "--sample", "0.1", "--report",
                dir.resolve("sample.json").toString()));

        assertThat(sampled.exitCode()).as(sampled.toString()).isEqualTo(4);
        JsonNode report = JSON.readTree(dir.resolve("sample.json").toFile());
        long checked = report.at("/counts/checked").asLong();
        assertThat(checked).isBetween(20L, 110L); // about 10 % of the live keys
        assertThat(report.at("/counts/different").asLong()).isEqualTo(checked);
        assertThat(report.at("/read/items").asLong()).isEqualTo(checked);
        assertThat(report.at("/sample").asDouble()).isEqualTo(0.1);
        assertThat(sampled.stdout().get(0)).endsWith("(a 10 % sample of the keys)");
    }

    @Test
    void verify_badArguments_exit2_beforeReadingAnything(DynamoDbLocal dynamo) throws Exception {
        ExportGenerator g = TestChains.generator(dir.resolve("bucket"), 44);
        List<GeneratedExport> chain = TestChains.chain(g, 20, Changes.of(5, 1, 1, 0));

        CliProcess.Result sample = run(verify(dynamo, "t", chain, "--sample", "2"));
        CliProcess.Result wcu = run(verify(dynamo, "t", chain, "--max-wcu", "10"));

        assertThat(sample.exitCode()).isEqualTo(2);
        assertThat(sample.lastStderrLine()).contains("--sample");
        assertThat(wcu.exitCode()).isEqualTo(2);
        assertThat(wcu.lastStderrLine()).contains("--repair");
        assertThat(dir.resolve("state")).doesNotExist();
    }

    private static void assertSameItems(Map<Key, Item> actual, Map<Key, Item> expected) {
        assertThat(actual.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        for (Map.Entry<Key, Item> e : expected.entrySet()) {
            assertThat(SameValue.items(actual.get(e.getKey()), e.getValue())).as("item %s", e.getKey()).isTrue();
        }
    }

    private static Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> sdkKey(Key k) {
        return Map.of("pk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(
                        ((AttributeValue.S) k.get("pk")).value()),
                "sk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromN(
                        ((AttributeValue.N) k.get("sk")).text()));
    }

    /** Deletes 3 items, adds 2, changes 4, and writes one number another way: the same value. */
    private record Tamper(DynamoDbAsyncClient client, String table, Map<Key, Item> state) {
        Set<Map.Entry<String, JsonNode>> apply() {
            List<Key> keys = new ArrayList<>(state.keySet());
            keys.sort(Comparator.comparing(Key::toString));
            Set<Map.Entry<String, JsonNode>> diff = new HashSet<>();
            for (Key k : keys.subList(0, 3)) {
                client.deleteItem(b -> b.tableName(table).key(sdkKey(k))).join();
                diff.add(Map.entry("missing", keyJson(k)));
            }
            for (int i = 0; i < 2; i++) {
                Key k = Key.of("pk", new AttributeValue.S("added-behind-pitrs-back-" + i), "sk", new AttributeValue.N("1"));
                client.putItem(b -> b.tableName(table).item(sdkKey(k))).join();
                diff.add(Map.entry("extra", keyJson(k)));
            }
            for (Key k : keys.subList(3, 7)) {
                client.updateItem(b -> b.tableName(table).key(sdkKey(k)).updateExpression("SET changed = :c")
                        .expressionAttributeValues(Map.of(":c",
                                software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("yes")))).join();
                diff.add(Map.entry("different", keyJson(k)));
            }
            Key renumbered = keys.subList(7, keys.size()).stream().filter(k -> numberAttribute(state.get(k)) != null)
                    .findFirst().orElseThrow();
            String name = numberAttribute(state.get(renumbered));
            String text = ((AttributeValue.N) state.get(renumbered).get(name)).text();
            String same = text.contains(".") ? text + "0" : text + ".0"; // 1.5 as 1.50, 15 as 15.0
            client.updateItem(b -> b.tableName(table).key(sdkKey(renumbered)).updateExpression("SET #n = :v")
                    .expressionAttributeNames(Map.of("#n", name)).expressionAttributeValues(Map.of(":v",
                            software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromN(same)))).join();
            return diff;
        }

        private static String numberAttribute(Item item) {
            return item.attributes().entrySet().stream()
                    .filter(e -> !e.getKey().equals("sk") && e.getValue() instanceof AttributeValue.N n
                            && !n.text().toUpperCase(java.util.Locale.ROOT).contains("E"))
                    .map(Map.Entry::getKey).findFirst().orElse(null);
        }

        private static JsonNode keyJson(Key k) {
            com.fasterxml.jackson.databind.node.ObjectNode key = JSON.createObjectNode();
            key.putObject("pk").put("S", ((AttributeValue.S) k.get("pk")).value());
            key.putObject("sk").put("N", ((AttributeValue.N) k.get("sk")).text());
            return key;
        }
    }
}
