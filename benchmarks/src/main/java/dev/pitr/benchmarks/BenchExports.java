package dev.pitr.benchmarks;

import dev.pitr.manifest.OutputFormat;
import dev.pitr.testing.Changes;
import dev.pitr.testing.ExportGenerator;
import dev.pitr.testing.GeneratedExport;
import dev.pitr.testing.ItemShape;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Generated exports for the benchmarks, written once and kept on disk: every fork of a run (and
 * every later run) finds them by their parameters instead of generating them again. The
 * generator's output is a function of its settings and seed, so a cached export is the export
 * that would be generated.
 *
 * <p>The cache lives in {@code -Dpitr.bench.dir} (default {@code <java.io.tmpdir>/pitr-bench}).
 * An export is generated into a scratch folder and moved into place only when complete.
 */
final class BenchExports {
    /** When the generated FULL exports are taken; incremental windows follow it. */
    static final Instant EXPORT_TIME = Instant.parse("2026-01-14T10:00:00Z");
    private static final long SEED = 20260114L;
    private static final String LAYOUT_VERSION = "v1";

    private BenchExports() {
    }

    /** Where cached exports live. */
    static Path cacheDir() {
        String dir = System.getProperty("pitr.bench.dir");
        return dir != null ? Path.of(dir) : Path.of(System.getProperty("java.io.tmpdir"), "pitr-bench");
    }

    /**
     * The export folder ({@code .../AWSDynamoDB/<exportId>}) of a generated export, generating it
     * when it is not cached yet.
     *
     * @param items lines of the export: items of a FULL export, changes of an INCREMENTAL one
     *              (half updates, a quarter deletes, a quarter inserts, over a table of as many
     *              items)
     * @param files data files the export is split into
     */
    static Path export(OutputFormat format, ItemShape shape, ExportKind kind, int items, int files) {
        if (items < 4) {
            throw new IllegalArgumentException("items must be at least 4, got " + items);
        }
        String name = String.join("-", LAYOUT_VERSION, format.name(), shape.name(), kind.name(),
                Integer.toString(items), Integer.toString(files));
        Path root = cacheDir().resolve(name);
        Path done = root.resolve("export-dir.txt");
        try {
            if (!Files.exists(done)) {
                generate(root, format, shape, kind, items, files);
            }
            return root.resolve(Files.readString(done).trim());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the benchmark export " + root, e);
        }
    }

    private static void generate(Path root, OutputFormat format, ItemShape shape, ExportKind kind, int items, int files)
            throws IOException {
        Files.createDirectories(root.getParent());
        Path scratch = Files.createTempDirectory(root.getParent(), root.getFileName() + ".tmp");
        try {
            ExportGenerator gen = ExportGenerator.builder()
                    .bucketRoot(scratch.resolve("bucket"))
                    .format(format)
                    .itemShape(shape)
                    .filesPerExport(files)
                    .emptyFileFraction(0)
                    .trackState(false)
                    .seed(SEED)
                    .build();
            GeneratedExport export;
            if (kind == ExportKind.FULL) {
                export = gen.full(items, EXPORT_TIME);
            } else {
                gen.full(items, EXPORT_TIME);
                int updates = items / 2;
                int deletes = items / 4;
                Changes changes = Changes.of(updates, deletes, items - updates - deletes, 0);
                export = gen.incremental(EXPORT_TIME, EXPORT_TIME.plus(Duration.ofMinutes(15)), changes);
            }
            Path relative = scratch.relativize(export.exportDir());
            Files.writeString(scratch.resolve("export-dir.txt"), relative.toString());
            try {
                Files.move(scratch, root, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(scratch, root);
            }
        } finally {
            deleteTree(scratch);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}
