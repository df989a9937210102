package dev.pitr.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pitr.manifest.OutputFormat;
import dev.pitr.model.Item;
import dev.pitr.model.Key;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generator's books: the expected state follows the changes, output depends on the seed
 * alone, and misuse is refused with messages that name the value.
 */
class ExportGeneratorStateTest {
    private static final Instant T0 = Instant.parse("2026-01-14T10:00:00Z");
    private static final Duration WINDOW = Duration.ofMinutes(15);

    @TempDir
    Path root;

    @Test
    void expectedState_afterChain_isFullPlusEveryLineAppliedInOrder() {
        ExportGenerator gen = ExportGenerator.builder().bucketRoot(root).filesPerExport(3).build();
        GeneratedChain chain = gen.chain(100, T0, WINDOW, Changes.of(20, 10, 5, 0), Changes.of(10, 10, 10, 8),
                Changes.of(0, 30, 0, 12));

        Map<Key, Item> replayed = new HashMap<>();
        for (GeneratedExport e : chain.exports()) {
            for (GeneratedRecord r : e.records()) {
                if (r.isDelete()) {
                    assertThat(replayed.remove(r.key())).as("deleted key existed").isNotNull();
                } else {
                    replayed.put(r.key(), r.newImage());
                }
            }
        }
        Map<Key, Item> expected = gen.expectedState();
        assertThat(expected).hasSize(100 - 10 + 5 - 10 + 10 + 8 - 30 + 12).isEqualTo(replayed);
        assertThat(gen.liveItemCount()).isEqualTo(expected.size());
        assertThat(gen.reinsertableCount()).isEqualTo(10 + 10 + 30 - 8 - 12);
    }

    @Test
    void snapshot_afterIncrementals_isAFullExportOfTheExpectedState() {
        ExportGenerator gen = ExportGenerator.builder().bucketRoot(root).build();
        gen.chain(50, T0, WINDOW, Changes.of(10, 10, 10, 0), Changes.of(5, 5, 5, 5));
        GeneratedExport snap = gen.snapshot(T0.plus(WINDOW.multipliedBy(2)));

        Map<Key, Item> fromFile = new HashMap<>();
        for (GeneratedRecord r : snap.records()) {
            fromFile.put(r.key(), r.newImage());
        }
        assertThat(snap.isFull()).isTrue();
        assertThat(snap.itemCount()).isEqualTo(55);
        assertThat(fromFile).isEqualTo(gen.expectedState());
    }

    @Test
    void sameSeedAndCalls_giveByteIdenticalExports_otherSeedDiffers() throws IOException {
        Map<String, byte[]> a = generate(root.resolve("a"), 42);
        Map<String, byte[]> b = generate(root.resolve("b"), 42);
        Map<String, byte[]> c = generate(root.resolve("c"), 43);

        assertThat(a).hasSizeGreaterThan(20).containsOnlyKeys(b.keySet());
        a.forEach((name, bytes) -> assertThat(b.get(name)).as(name).isEqualTo(bytes));
        assertThat(c.keySet()).isNotEqualTo(a.keySet());
    }

    private static Map<String, byte[]> generate(Path dir, long seed) throws IOException {
        ExportGenerator gen = ExportGenerator.builder().bucketRoot(dir).seed(seed).format(OutputFormat.ION)
                .itemShape(ItemShape.MEDIUM).build();
        gen.chain(40, T0, WINDOW, Changes.of(5, 5, 5, 0), Changes.of(5, 5, 5, 5));
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.filter(Files::isRegularFile).sorted().toList()) {
                files.put(dir.relativize(p).toString(), Files.readAllBytes(p));
            }
        }
        return files;
    }

    @Test
    void changes_needingMoreKeysThanExist_areRefused() {
        ExportGenerator gen = ExportGenerator.builder().bucketRoot(root).build();
        gen.full(10, T0);

        assertThatThrownBy(() -> gen.incremental(T0, T0.plus(WINDOW), Changes.of(6, 5, 0, 0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("6 updates and 5 deletes").hasMessageContaining("holds 10 items");
        assertThatThrownBy(() -> gen.incremental(T0, T0.plus(WINDOW), Changes.of(0, 0, 0, 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 re-inserts");
        // Updating and deleting every key at once is fine.
        assertThat(gen.incremental(T0, T0.plus(WINDOW), Changes.of(6, 4, 0, 0)).itemCount()).isEqualTo(10);
        assertThat(gen.liveItemCount()).isEqualTo(6);
    }

    @Test
    void keysDeletedInAnExport_areNotReinsertedByTheSameExport() {
        ExportGenerator gen = ExportGenerator.builder().bucketRoot(root).build();
        gen.full(10, T0);
        assertThatThrownBy(() -> gen.incremental(T0, T0.plus(WINDOW), Changes.of(0, 3, 0, 1)))
                .isInstanceOf(IllegalArgumentException.class);
        gen.incremental(T0, T0.plus(WINDOW), Changes.of(0, 3, 0, 0));
        GeneratedExport next = gen.incremental(T0.plus(WINDOW), T0.plus(WINDOW.multipliedBy(2)), Changes.of(0, 0, 0, 3));
        assertThat(next.records()).allSatisfy(r -> assertThat(r.oldImage()).isNull());
        assertThat(gen.liveItemCount()).isEqualTo(10);
    }

    @Test
    void misuse_isRefusedNamingTheValue() {
        ExportGenerator.Builder b = ExportGenerator.builder();
        assertThatThrownBy(() -> b.prefix("/lead")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("/lead");
        assertThatThrownBy(() -> b.prefix("trail/")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.prefix("a//b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.prefix("a/../b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.prefix("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.filesPerExport(0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0");
        assertThatThrownBy(() -> b.emptyFileFraction(1.5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1.5");
        assertThatThrownBy(() -> b.emptyFileFraction(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.account("12345")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("12345");
        assertThatThrownBy(() -> b.region("Mars")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Mars");
        assertThatThrownBy(() -> b.tableName("a")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.bucketName("Bad_Bucket")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(b::build).isInstanceOf(IllegalStateException.class).hasMessageContaining("bucketRoot");
        assertThatThrownBy(() -> Changes.of(1, -2, 0, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("deletes").hasMessageContaining("-2");

        ExportGenerator gen = b.bucketRoot(root).prefix(null).build();
        assertThatThrownBy(() -> gen.full(5, T0.plusNanos(1000))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("milliseconds");
        gen.full(5, T0);
        assertThatThrownBy(() -> gen.full(5, T0)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("snapshot");
        assertThatThrownBy(() -> gen.incremental(T0, T0, Changes.none())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> gen.chain(1, T0, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void withoutStateTracking_generationWorks_butStateAndRecordsAreRefused() {
        ExportGenerator gen = ExportGenerator.builder().bucketRoot(root).trackState(false).build();
        GeneratedChain chain = gen.chain(200, T0, WINDOW, Changes.of(20, 20, 20, 0), Changes.of(10, 10, 10, 10));

        assertThat(chain.last().itemCount()).isEqualTo(40);
        assertThat(gen.liveItemCount()).isEqualTo(200 - 20 + 20 - 10 + 10 + 10);
        assertThatThrownBy(gen::expectedState).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("trackState");
        assertThatThrownBy(() -> chain.full().records()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void trackingOnOrOff_writesTheSameBytes() throws IOException {
        ExportGenerator on = ExportGenerator.builder().bucketRoot(root.resolve("on")).build();
        ExportGenerator off = ExportGenerator.builder().bucketRoot(root.resolve("off")).trackState(false).build();
        GeneratedChain a = on.chain(50, T0, WINDOW, Changes.of(5, 5, 5, 0), Changes.of(5, 5, 5, 5));
        GeneratedChain b = off.chain(50, T0, WINDOW, Changes.of(5, 5, 5, 0), Changes.of(5, 5, 5, 5));

        for (int i = 0; i < a.exports().size(); i++) {
            for (int f = 0; f < a.exports().get(i).dataFiles().size(); f++) {
                assertThat(Files.readAllBytes(b.exports().get(i).dataFiles().get(f).path()))
                        .isEqualTo(Files.readAllBytes(a.exports().get(i).dataFiles().get(f).path()));
            }
        }
    }
}
