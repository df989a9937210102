package dev.pitr.testing.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pitr.ExportFileNotFoundException;
import dev.pitr.ExportKeyRefusedException;
import dev.pitr.decode.DataFileReader;
import dev.pitr.decode.DecodeOptions;
import dev.pitr.manifest.DataFile;
import dev.pitr.manifest.ExportDescriptor;
import dev.pitr.manifest.ManifestReader;
import dev.pitr.model.KeySchema;
import dev.pitr.model.Origin;
import dev.pitr.model.WriteOp;
import dev.pitr.source.ExportSource;
import dev.pitr.testing.Changes;
import dev.pitr.testing.ExportGenerator;
import dev.pitr.testing.GeneratedChain;
import dev.pitr.testing.GeneratedDataFile;
import dev.pitr.testing.GeneratedExport;
import dev.pitr.testing.ItemShape;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The behaviour every {@link ExportSource} must have, checked on exports the {@link ExportGenerator}
 * writes in the real layout: a FULL export and an incremental one (its data files in the shared
 * {@code data/} folder) under a prefix, in a folder standing for the bucket root.
 *
 * <p>A source's test extends this class and implements {@link #sourceOf}: make the bucket root,
 * as it is on disk when called, readable where the implementation reads (for S3: upload it to a new
 * bucket), and return a source for the export asked for.
 *
 * <pre>{@code
 * class MyExportSourceContractTest extends ExportSourceContract {
 *     protected ExportSource sourceOf(GeneratedExport export) {
 *         String bucket = uploadToANewBucket(export.bucketRoot());
 *         return MyExportSource.of("my://" + bucket + "/" + export.bucketRoot().relativize(export.exportDir()));
 *     }
 * }
 * }</pre>
 *
 * <p>What it checks: the export's files and objects read through the source have their exact
 * bytes, and the manifests and data files read and decode through it as a restore reads them,
 * from several threads at once; a missing object throws {@link ExportFileNotFoundException}
 * naming it as {@link ExportSource#nameOf} does (a key that names a folder names no object), and
 * a missing export-folder file is empty; an empty key, an absolute one and one with a {@code ..}
 * segment are refused ({@link ExportKeyRefusedException}) before anything is read.
 */
public abstract class ExportSourceContract {
    private static final Instant T0 = Instant.parse("2026-02-01T00:00:00Z");
    private static final int THREADS = 8;

    /** Holds the bucket root ({@code bucket/}) and, beside it, a file no source may read ({@code outside/}). */
    @TempDir
    protected Path workDir;

    private GeneratedExport full;
    private GeneratedExport incremental;

    /**
     * Makes {@code export.bucketRoot()}, as it is on disk now, readable by the implementation and
     * returns a source for {@code export} (its folder is {@code export.exportDir()}, under the
     * root). Called after the test has changed what it changes on disk; may be called more than
     * once per test.
     */
    protected abstract ExportSource sourceOf(GeneratedExport export);

    @BeforeEach
    void writeExports() {
        ExportGenerator generator = ExportGenerator.builder()
                .bucketRoot(workDir.resolve("bucket"))
                .prefix("exports/orders")
                .keySchema(KeySchema.of("pk", KeySchema.ScalarType.S, "sk", KeySchema.ScalarType.N))
                .itemShape(ItemShape.MEDIUM)
                .filesPerExport(3)
                .emptyFileFraction(0)
                .seed(11)
                .build();
        GeneratedChain chain = generator.chain(150, T0, Duration.ofMinutes(15), Changes.of(30, 10, 10, 0));
        full = chain.full();
        incremental = chain.incrementals().get(0);
    }

    /** The FULL export written for this test. */
    protected GeneratedExport fullExport() {
        return full;
    }

    /** The incremental export written for this test, its data files in the shared {@code data/}. */
    protected GeneratedExport incrementalExport() {
        return incremental;
    }

    @Test
    void location_namesTheExport() {
        assertThat(sourceOf(full).location()).contains(full.exportId());
    }

    @Test
    void openExportFile_theSummary_givesItsBytes() throws IOException {
        Optional<InputStream> summary = sourceOf(full).openExportFile("manifest-summary.json");

        assertThat(summary).isPresent();
        try (InputStream in = summary.get()) {
            assertThat(in.readAllBytes()).isEqualTo(Files.readAllBytes(full.summaryFile()));
        }
    }

    @Test
    void openExportFile_aFileTheFolderDoesNotHold_isEmpty() {
        assertThat(sourceOf(full).openExportFile("manifest-none.json")).isEmpty();
    }

    @Test
    void manifests_readThroughTheSource_describeTheExport() {
        for (GeneratedExport export : List.of(full, incremental)) {
            ExportDescriptor d = ManifestReader.read(sourceOf(export));

            assertThat(d.exportId()).isEqualTo(export.exportId());
            assertThat(d.type()).isEqualTo(export.type());
            assertThat(d.itemCount()).isEqualTo(export.itemCount());
            assertThat(d.dataFiles()).extracting(DataFile::key)
                    .containsExactlyElementsOf(export.dataFiles().stream().map(GeneratedDataFile::key).toList());
        }
    }

    @Test
    void open_everyDataFile_givesItsExactBytes() throws IOException {
        for (GeneratedExport export : List.of(full, incremental)) {
            ExportSource source = sourceOf(export);
            for (GeneratedDataFile f : export.dataFiles()) {
                try (InputStream in = source.open(f.key(), "Data file")) {
                    assertThat(in.readAllBytes()).as(f.key()).isEqualTo(Files.readAllBytes(f.path()));
                }
            }
        }
    }

    @Test
    void dataFiles_decodeThroughTheSource_toEveryRecordWritten() {
        for (GeneratedExport export : List.of(full, incremental)) {
            ExportSource source = sourceOf(export);
            ExportDescriptor d = ManifestReader.read(source);
            List<WriteOp> ops = new ArrayList<>();
            for (DataFile f : d.dataFiles()) {
                try (DataFileReader r = DataFileReader.open(source, d, f, DecodeOptions.defaults())) {
                    for (WriteOp op = r.next(); op != null; op = r.next()) {
                        ops.add(op);
                    }
                }
            }
            assertThat(ops).extracting(WriteOp::origin).containsExactlyElementsOf(export.records().stream()
                    .map(r -> new Origin(source.nameOf(r.dataFileKey()), r.line())).toList());
        }
    }

    @Test
    void open_fromManyThreadsAtOnce_givesEachReaderTheWholeObject() throws Exception {
        ExportSource source = sourceOf(full);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> reads = new ArrayList<>();
            for (int i = 0; i < THREADS * 2; i++) {
                GeneratedDataFile f = full.dataFiles().get(i % full.dataFiles().size());
                Callable<Boolean> read = () -> {
                    start.await();
                    try (InputStream in = source.open(f.key(), "Data file")) {
                        return Arrays.equals(in.readAllBytes(), Files.readAllBytes(f.path()));
                    }
                };
                reads.add(pool.submit(read));
            }
            start.countDown();
            for (Future<Boolean> r : reads) {
                assertThat(r.get(60, TimeUnit.SECONDS)).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void open_aDataFileThatIsMissing_throwsExportFileNotFound_namingIt() throws IOException {
        GeneratedDataFile gone = full.dataFiles().get(1);
        Files.delete(gone.path());
        ExportSource source = sourceOf(full);

        assertThatThrownBy(() -> source.open(gone.key(), "Data file"))
                .isInstanceOf(ExportFileNotFoundException.class)
                .hasMessage("Data file missing: " + source.nameOf(gone.key()))
                .satisfies(e -> assertThat(((ExportFileNotFoundException) e).file()).isEqualTo(source.nameOf(gone.key())));
    }

    @Test
    void nameOf_namesTheObjectByItsKey_andTheExportFolderFileByItsName() {
        ExportSource source = sourceOf(incremental);
        String key = incremental.dataFiles().get(0).key();

        assertThat(source.nameOf(key)).endsWith(key);
        assertThat(source.nameOfExportFile("manifest-summary.json")).contains(incremental.exportId())
                .endsWith("manifest-summary.json");
    }

    @Test
    void open_anAbsoluteKey_isRefused_namingIt() {
        ExportSource source = sourceOf(full);
        String key = "/" + full.dataFiles().get(0).key();

        assertThatThrownBy(() -> source.open(key, "Data file"))
                .isInstanceOf(ExportKeyRefusedException.class)
                .satisfies(e -> assertThat(((ExportKeyRefusedException) e).key()).isEqualTo(key));
    }

    @Test
    void open_anEmptyKey_isRefused() {
        ExportSource source = sourceOf(full);

        assertThatThrownBy(() -> source.open("", "Data file")).isInstanceOf(ExportKeyRefusedException.class);
    }

    @Test
    void open_aKeyWithADotDotSegment_isRefused_andWhatLiesOutsideIsNotRead() throws IOException {
        Path outside = Files.createDirectories(workDir.resolve("outside"));
        Files.copy(full.dataFiles().get(0).path(), outside.resolve("secret.json.gz"));
        ExportSource source = sourceOf(full);

        for (String key : List.of("../outside/secret.json.gz",
                "exports/orders/AWSDynamoDB/data/../../../../outside/secret.json.gz",
                "exports/orders/AWSDynamoDB/data/../" + full.exportId() + "/manifest-files.json")) {
            assertThatThrownBy(() -> source.open(key, "Data file")).as(key)
                    .isInstanceOf(ExportKeyRefusedException.class)
                    .satisfies(e -> assertThat(((ExportKeyRefusedException) e).key()).isEqualTo(key));
        }
    }

    @Test
    void open_aKeyNamingAFolder_isNotFound() {
        ExportSource source = sourceOf(incremental);
        String folder = "exports/orders/AWSDynamoDB/data";

        assertThatThrownBy(() -> source.open(folder, "Data file"))
                .isInstanceOf(ExportFileNotFoundException.class)
                .hasMessage("Data file missing: " + source.nameOf(folder));
    }
}
