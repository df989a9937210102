package dev.pitr.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pitr.manifest.DataFile;
import dev.pitr.manifest.ExportDescriptor;
import dev.pitr.manifest.ExportType;
import dev.pitr.manifest.ManifestReader;
import dev.pitr.manifest.OutputFormat;
import dev.pitr.manifest.OutputView;
import dev.pitr.source.LocalExportSource;
import dev.pitr.manifest.internal.ManifestWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Generated exports have the real layout: pitr-core's manifest reader accepts them, the files
 * sit where DynamoDB puts them, and names, ids, sidecars and checksums have the real form.
 */
class ExportGeneratorLayoutTest {
    private static final Instant T0 = Instant.parse("2026-01-14T10:00:00Z");
    private static final Duration WINDOW = Duration.ofMinutes(15);

    @TempDir
    Path root;

    @Test
    void chain_readByManifestReader_summariesAndFileListsAreAsWritten() {
        ExportGenerator gen = ExportGenerator.builder().bucketRoot(root).tableName("orders").account("210987654321")
                .region("sa-east-1").filesPerExport(5).emptyFileFraction(0.4).build();
        GeneratedChain chain = gen.chain(120, T0, WINDOW, Changes.of(10, 5, 7, 0), Changes.of(3, 2, 1, 4));

        for (GeneratedExport e : chain.exports()) {
            ExportDescriptor d = ManifestReader.read(LocalExportSource.of(e.exportDir()));
            assertThat(d.exportId()).isEqualTo(e.exportId());
            assertThat(d.exportArn()).isEqualTo(e.exportArn())
                    .isEqualTo("arn:aws:dynamodb:sa-east-1:210987654321:table/orders/export/" + e.exportId());
            assertThat(d.tableArn()).isEqualTo(gen.tableArn());
            assertThat(d.type()).isEqualTo(e.type());
            assertThat(d.format()).isEqualTo(OutputFormat.DYNAMODB_JSON);
            assertThat(d.itemCount()).isEqualTo(e.itemCount());
            assertThat(d.summary().startTime()).isEqualTo(e.startTime());
            assertThat(d.summary().endTime()).isEqualTo(e.endTime()).isAfter(e.startTime());
            assertThat(d.summary().s3Bucket()).isEqualTo("pitr-test-bucket");
            assertThat(d.summary().s3Prefix()).isNull();
            assertThat(d.dataFiles()).extracting(DataFile::key, DataFile::itemCount, DataFile::md5Checksum, DataFile::etag)
                    .containsExactlyElementsOf(e.dataFiles().stream().map(f -> org.assertj.core.groups.Tuple.tuple(
                            f.key(), f.itemCount(), f.md5Checksum(), f.etag())).toList());
            assertThat(d.dataFiles()).hasSize(5);
        }
        GeneratedExport full = chain.full();
        assertThat(full.itemCount()).isEqualTo(120);
        assertThat(full.exportTime()).isEqualTo(T0);
        assertThat(full.startTime()).isEqualTo(T0);
        assertThat(chain.incrementals()).extracting(GeneratedExport::itemCount).containsExactly(22L, 10L);
        assertThat(chain.incrementals().get(0).exportFromTime()).isEqualTo(T0);
        assertThat(chain.incrementals().get(0).exportToTime()).isEqualTo(T0.plus(WINDOW));
        assertThat(chain.incrementals().get(1).exportFromTime()).isEqualTo(T0.plus(WINDOW));
        assertThat(chain.incrementals().get(1).view()).isEqualTo(OutputView.NEW_AND_OLD_IMAGES);
        for (GeneratedExport inc : chain.incrementals()) {
            ExportDescriptor d = ManifestReader.read(inc.source());
            assertThat(d.summary().exportFromTime()).isEqualTo(inc.exportFromTime());
            assertThat(d.summary().exportToTime()).isEqualTo(inc.exportToTime());
            assertThat(d.summary().exportTime()).isNull();
            assertThat(d.view()).isEqualTo(OutputView.NEW_AND_OLD_IMAGES);
            assertThat(d.summary().startTime()).isAfter(inc.exportToTime());
        }
    }

    @Test
    void dataFiles_checksumsInManifestMatchTheBytesOnDisk() throws IOException {
        ExportGenerator gen = ExportGenerator.builder().bucketRoot(root).build();
        GeneratedChain chain = gen.chain(60, T0, WINDOW, Changes.of(5, 5, 5, 0));

        for (GeneratedExport e : chain.exports()) {
            for (DataFile f : ManifestReader.read(e.source()).dataFiles()) {
                byte[] bytes = Files.readAllBytes(root.resolve(f.key()));
                assertThat(ManifestWriter.md5Base64(bytes)).as(f.key()).isEqualTo(f.md5Checksum());
                assertThat(IndependentParser.lines(root.resolve(f.key()))).hasSize((int) f.itemCount());
                assertThat(f.etag()).matches("[0-9a-f]{32}-1");
            }
        }
    }

    @Test
    void layout_namesIdsAndSidecars_haveTheRealForm() throws IOException {
        ExportGenerator gen = ExportGenerator.builder().bucketRoot(root).filesPerExport(3).build();
        GeneratedChain chain = gen.chain(30, T0, WINDOW, Changes.of(3, 0, 2, 0));

        for (GeneratedExport e : chain.exports()) {
            assertThat(e.exportId()).matches("\\d{14}-[0-9a-f]{8}")
                    .startsWith(String.format("%014d", e.startTime().toEpochMilli()));
            assertThat(e.exportDir()).isEqualTo(root.resolve("AWSDynamoDB").resolve(e.exportId()));
            assertThat(e.exportDir().resolve("_started")).isEmptyFile();
            byte[] summary = Files.readAllBytes(e.summaryFile());
            assertThat(summary[summary.length - 1]).isEqualTo((byte) '}');
            byte[] files = Files.readAllBytes(e.filesManifest());
            String[] lines = new String(files, StandardCharsets.UTF_8).split("\n", -1);
            assertThat(lines).hasSize(e.dataFiles().size() + 1);
            assertThat(lines[lines.length - 1]).as("every line ends in \\n").isEmpty();
            for (String name : new String[] {"manifest-summary", "manifest-files"}) {
                byte[] md5 = Files.readAllBytes(e.exportDir().resolve(name + ".md5"));
                assertThat(md5).hasSize(24);
                assertThat(new String(md5, StandardCharsets.US_ASCII))
                        .isEqualTo(ManifestWriter.md5Base64(Files.readAllBytes(e.exportDir().resolve(name + ".json"))));
            }
            String summaryText = new String(summary, StandardCharsets.UTF_8);
            if (e.isFull()) {
                assertThat(summaryText).startsWith("{\"version\":\"2020-06-30\",")
                        .doesNotContain("exportType").doesNotContain("outputView").doesNotContain("exportFromTime")
                        .contains("\"exportTime\":\"2026-01-14T10:00:00.000Z\"");
                assertThat(e.dataFiles()).allSatisfy(f -> assertThat(f.key())
                        .matches("AWSDynamoDB/" + e.exportId() + "/data/[a-z2-7]{26}\\.json\\.gz"));
            } else {
                assertThat(summaryText).startsWith("{\"version\":\"2023-08-01\",")
                        .endsWith(",\"outputView\":\"NEW_AND_OLD_IMAGES\",\"exportType\":\"INCREMENTAL_EXPORT\"}")
                        .doesNotContain("\"exportTime\"");
                assertThat(e.dataFiles()).allSatisfy(f -> assertThat(f.key())
                        .matches("AWSDynamoDB/data/[a-z2-7]{26}\\.json\\.gz"));
            }
        }
    }

    @Test
    void incrementals_shareOneDataFolder_holdingOnlyTheirFiles() throws IOException {
        ExportGenerator gen = ExportGenerator.builder().bucketRoot(root).filesPerExport(3).build();
        GeneratedChain chain = gen.chain(40, T0, WINDOW, Changes.of(4, 1, 1, 0), Changes.of(2, 0, 3, 1),
                Changes.none());

        List<String> expected = chain.incrementals().stream().flatMap(e -> e.dataFiles().stream())
                .map(f -> f.path().getFileName().toString()).sorted().toList();
        try (Stream<Path> shared = Files.list(root.resolve("AWSDynamoDB/data"))) {
            assertThat(shared.map(p -> p.getFileName().toString()).sorted().toList())
                    .isEqualTo(expected).hasSize(9);
        }
        GeneratedExport none = chain.incrementals().get(2);
        assertThat(none.itemCount()).isZero();
        assertThat(ManifestReader.read(none.source()).dataFiles()).hasSize(3)
                .allSatisfy(f -> assertThat(f.itemCount()).isZero());
        for (GeneratedDataFile f : none.dataFiles()) {
            assertThat(IndependentParser.uncompressed(f.path())).isEmpty();
        }
    }

    @Test
    void prefixWithSlashes_placesExportsUnderItAndKeysIncludeIt() {
        ExportGenerator gen = ExportGenerator.builder().bucketRoot(root).prefix("a/b/c").bucketName("my-bucket").build();
        GeneratedChain chain = gen.chain(20, T0, WINDOW, Changes.of(2, 2, 2, 0));

        assertThat(gen.exportsDir()).isEqualTo(root.resolve("a/b/c/AWSDynamoDB"));
        for (GeneratedExport e : chain.exports()) {
            assertThat(e.exportDir()).isEqualTo(root.resolve("a/b/c/AWSDynamoDB/" + e.exportId()));
            LocalExportSource source = LocalExportSource.of(e.exportDir());
            assertThat(source.root()).isEqualTo(root);
            ExportDescriptor d = ManifestReader.read(source);
            assertThat(d.summary().s3Prefix()).isEqualTo("a/b/c");
            assertThat(d.summary().s3Bucket()).isEqualTo("my-bucket");
            assertThat(d.summary().manifestFilesS3Key())
                    .isEqualTo("a/b/c/AWSDynamoDB/" + e.exportId() + "/manifest-files.json");
            assertThat(d.dataFiles()).allSatisfy(f -> {
                assertThat(f.key()).startsWith(e.isFull() ? "a/b/c/AWSDynamoDB/" + e.exportId() + "/data/"
                        : "a/b/c/AWSDynamoDB/data/");
                assertThat(root.resolve(f.key())).isRegularFile();
            });
        }
    }

    @ParameterizedTest
    @EnumSource(Compression.class)
    void compression_givesTheExtensionAndReadableFiles(Compression compression) {
        for (OutputFormat format : OutputFormat.values()) {
            Path dir = root.resolve(compression + "-" + format);
            ExportGenerator gen = ExportGenerator.builder().bucketRoot(dir).format(format).compression(compression)
                    .filesPerExport(2).emptyFileFraction(0.5).build();
            GeneratedChain chain = gen.chain(10, T0, WINDOW, Changes.of(2, 1, 1, 0));

            String suffix = (format == OutputFormat.ION ? ".ion" : ".json") + compression.extension();
            for (GeneratedExport e : chain.exports()) {
                ExportDescriptor d = ManifestReader.read(e.source());
                assertThat(d.format()).isEqualTo(format);
                long lines = 0;
                for (DataFile f : d.dataFiles()) {
                    assertThat(f.key()).endsWith(suffix);
                    lines += IndependentParser.lines(dir.resolve(f.key())).size();
                }
                assertThat(lines).isEqualTo(e.itemCount());
            }
        }
    }

    @Test
    void emptyFileFraction_leavesThatShareOfFilesEmpty_butNeverAllWhenThereAreItems() {
        ExportGenerator gen = ExportGenerator.builder().bucketRoot(root).filesPerExport(10).emptyFileFraction(0.7).build();
        GeneratedExport full = gen.full(100, T0);
        assertThat(full.dataFiles()).filteredOn(f -> f.itemCount() == 0).hasSize(7);
        assertThat(full.dataFiles()).filteredOn(f -> f.itemCount() > 0).extracting(GeneratedDataFile::itemCount)
                .allSatisfy(n -> assertThat(n).isBetween(33L, 34L));

        ExportGenerator allEmpty = ExportGenerator.builder().bucketRoot(root.resolve("x")).filesPerExport(4)
                .emptyFileFraction(1.0).build();
        GeneratedExport one = allEmpty.full(1, T0);
        assertThat(one.dataFiles()).extracting(GeneratedDataFile::itemCount).containsExactlyInAnyOrder(0L, 0L, 0L, 1L);
    }

    @Test
    void newImageView_isWrittenInTheSummary_perCallOrByBuilder() {
        ExportGenerator gen = ExportGenerator.builder().bucketRoot(root).view(OutputView.NEW_IMAGE).build();
        gen.full(10, T0);
        GeneratedExport byBuilder = gen.incremental(T0, T0.plus(WINDOW), Changes.of(1, 1, 1, 0));
        GeneratedExport perCall = gen.incremental(T0.plus(WINDOW), T0.plus(WINDOW.multipliedBy(2)),
                Changes.of(1, 1, 1, 1), OutputView.NEW_AND_OLD_IMAGES);

        assertThat(ManifestReader.read(byBuilder.source()).view()).isEqualTo(OutputView.NEW_IMAGE);
        assertThat(ManifestReader.read(perCall.source()).view()).isEqualTo(OutputView.NEW_AND_OLD_IMAGES);
        assertThat(ManifestReader.read(perCall.source()).type()).isEqualTo(ExportType.INCREMENTAL_EXPORT);
    }

    @Test
    void exportIds_areUniqueEvenWhenStartTimesCoincide() {
        ExportGenerator gen = ExportGenerator.builder().bucketRoot(root).build();
        gen.full(5, T0);
        // Same window twice: same start time range, different ids.
        Map<String, Long> ids = Stream.of(
                        gen.incremental(T0, T0.plus(WINDOW), Changes.of(1, 0, 0, 0)),
                        gen.incremental(T0, T0.plus(WINDOW), Changes.of(1, 0, 0, 0)))
                .collect(Collectors.groupingBy(GeneratedExport::exportId, Collectors.counting()));
        assertThat(ids).hasSize(2);
    }
}
