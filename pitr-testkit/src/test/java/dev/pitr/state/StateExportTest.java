package dev.pitr.state;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.pitr.PitrRestorer;
import dev.pitr.checkpoint.InMemoryCheckpointStore;
import dev.pitr.decode.DataFileReader;
import dev.pitr.decode.DecodeOptions;
import dev.pitr.manifest.DataFile;
import dev.pitr.manifest.ExportDescriptor;
import dev.pitr.manifest.ExportType;
import dev.pitr.manifest.ManifestReader;
import dev.pitr.model.Item;
import dev.pitr.model.Key;
import dev.pitr.model.KeySchema;
import dev.pitr.model.WriteOp;
import dev.pitr.plan.RestorePlan;
import dev.pitr.restore.MapItemSink;
import dev.pitr.source.LocalExportSource;
import dev.pitr.testing.Changes;
import dev.pitr.testing.ExportGenerator;
import dev.pitr.testing.GeneratedChain;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A chain compacted into one FULL export, read back three ways. */
class StateExportTest {
    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
    private static final KeySchema SCHEMA = KeySchema.of("pk", KeySchema.ScalarType.S, "sk", KeySchema.ScalarType.N);
    private static final JsonFactory JSON = new JsonFactory();

    @TempDir
    Path dir;

    @Test
    void write_chainState_isAFullExportHoldingExactlyTheFinalState() throws Exception {
        ExportGenerator g = ExportGenerator.builder().bucketRoot(dir.resolve("bucket")).prefix("exports")
                .keySchema(SCHEMA).filesPerExport(3).seed(21).build();
        List<Changes> windows = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            windows.add(Changes.of(80, 25, 20, i == 0 ? 0 : 10));
        }
        GeneratedChain chain = g.chain(300, T0, Duration.ofMinutes(15), windows);
        PitrRestorer restorer = PitrRestorer.builder().exports(chain.exports().stream().map(e -> e.source()).toList())
                .dryRun(true).build();
        RestorePlan plan = restorer.plan();
        StateExport.Result result;
        try (ChainState state = ChainState.builder().directory(dir.resolve("state")).build()) {
            state.ingest(plan, SCHEMA);
            result = StateExport.builder().root(dir.resolve("out")).prefix("compacted").maxFileBytes(16 * 1024)
                    .build().write(state, plan);
        }
        Map<Key, Item> expected = g.expectedState();

        // 1. pitr's own reader: a FULL export of the chain's table at its state time, every item once.
        ExportDescriptor export = ManifestReader.read(LocalExportSource.of(result.exportDirectory()));
        assertThat(export.type()).isEqualTo(ExportType.FULL_EXPORT);
        assertThat(export.tableArn()).isEqualTo(plan.tableArn());
        assertThat(export.stateTime()).isEqualTo(plan.stateTime());
        assertThat(export.itemCount()).isEqualTo(expected.size()).isEqualTo(result.items());
        assertThat(result.files()).isGreaterThan(1);
        Map<Key, Item> read = new HashMap<>();
        for (DataFile f : export.dataFiles()) {
            try (DataFileReader r = DataFileReader.open(LocalExportSource.of(result.exportDirectory()), export, f,
                    DecodeOptions.defaults())) {
                for (WriteOp op = r.next(); op != null; op = r.next()) {
                    assertThat(read.put(op.key(SCHEMA), ((WriteOp.Put) op).item())).as("each key once").isNull();
                }
            }
        }
        assertThat(read).isEqualTo(expected);

        // 2. Line by line, without pitr: gzip members of {"Item":{...}} lines, as many as the manifest says.
        Path root = dir.resolve("out");
        Set<String> keys = new HashSet<>();
        for (String line : Files.readAllLines(result.exportDirectory().resolve("manifest-files.json"))) {
            Map<String, String> entry = flat(line);
            long count = 0;
            try (InputStream in = new GZIPInputStream(Files.newInputStream(root.resolve(entry.get("dataFileS3Key"))));
                 BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String l = r.readLine(); l != null; l = r.readLine()) {
                    assertThat(l).startsWith("{\"Item\":{").endsWith("}}");
                    Map<String, String> item = flat(l);
                    keys.add(item.get("Item.pk.S") + "|" + item.get("Item.sk.N"));
                    count++;
                }
            }
            assertThat(count).isEqualTo(Long.parseLong(entry.get("itemCount")));
        }
        assertThat(keys).hasSize(expected.size()).doesNotContain("null|null");
        String summary = Files.readString(result.exportDirectory().resolve("manifest-summary.json"));
        for (String arn : plan.fingerprint()) {
            assertThat(summary).contains("\"" + arn + "\"");
        }
        assertThat(flat(summary)).containsEntry("exportType", "FULL_EXPORT").containsEntry("outputFormat", "DYNAMODB_JSON")
                .containsEntry("itemCount", Long.toString(expected.size()));
        assertThat(summary).doesNotEndWith("\n");

        // 3. Restored as a chain of its own into a fresh table: the same table the chain gives.
        try (MapItemSink sink = new MapItemSink(SCHEMA)) {
            PitrRestorer.builder().export(LocalExportSource.of(result.exportDirectory())).sink(sink)
                    .checkpointStore(new InMemoryCheckpointStore()).build().run();
            assertThat(sink.table).isEqualTo(expected);
        }
    }

    @Test
    void write_asIonAndZstd_readsBackAsTheFinalState() throws Exception {
        ExportGenerator g = ExportGenerator.builder().bucketRoot(dir.resolve("bucket")).prefix("exports")
                .keySchema(SCHEMA).format(dev.pitr.manifest.OutputFormat.ION).filesPerExport(2).seed(22).build();
        GeneratedChain chain = g.chain(200, T0, Duration.ofMinutes(15), Changes.of(40, 10, 10, 0),
                Changes.of(30, 10, 10, 5));
        RestorePlan plan = PitrRestorer.builder().exports(chain.exports().stream().map(e -> e.source()).toList())
                .dryRun(true).build().plan();
        StateExport.Result result;
        try (ChainState state = ChainState.builder().directory(dir.resolve("state")).build()) {
            state.ingest(plan, SCHEMA);
            result = StateExport.builder().root(dir.resolve("out")).format(dev.pitr.manifest.OutputFormat.ION)
                    .compression(StateExport.Compression.ZSTD).build().write(state, plan);
        }

        ExportDescriptor export = ManifestReader.read(LocalExportSource.of(result.exportDirectory()));
        assertThat(export.summary().outputFormat()).isEqualTo(dev.pitr.manifest.OutputFormat.ION);
        assertThat(export.dataFiles()).allMatch(f -> f.key().endsWith(".ion.zst"));
        String first;
        try (InputStream in = new com.github.luben.zstd.ZstdInputStream(Files.newInputStream(dir.resolve("out")
                .resolve(export.dataFiles().get(0).key())))) {
            first = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(first).startsWith("$ion_1_0 {Item:{");
        try (MapItemSink sink = new MapItemSink(SCHEMA)) {
            PitrRestorer.builder().export(LocalExportSource.of(result.exportDirectory())).sink(sink)
                    .checkpointStore(new InMemoryCheckpointStore()).build().run();
            assertThat(sink.table).isEqualTo(g.expectedState());
        }
    }

    /** Every scalar of a JSON document by its dotted path (arrays flattened into their parent's path). */
    private static Map<String, String> flat(String json) throws java.io.IOException {
        Map<String, String> out = new HashMap<>();
        List<String> path = new ArrayList<>();
        try (JsonParser p = JSON.createParser(json)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                switch (t) {
                    case FIELD_NAME -> path.add(p.currentName());
                    case START_OBJECT, START_ARRAY -> { }
                    case END_OBJECT -> {
                        if (!path.isEmpty()) {
                            path.remove(path.size() - 1);
                        }
                    }
                    case END_ARRAY -> {
                        if (!path.isEmpty()) {
                            path.remove(path.size() - 1);
                        }
                    }
                    default -> {
                        out.put(String.join(".", path), p.getText());
                        if (!p.getParsingContext().inArray() && !path.isEmpty()) {
                            path.remove(path.size() - 1);
                        }
                    }
                }
            }
        }
        return out;
    }
}
