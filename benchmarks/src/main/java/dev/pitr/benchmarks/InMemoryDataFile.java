package dev.pitr.benchmarks;

import dev.pitr.manifest.DataFile;
import dev.pitr.manifest.ExportDescriptor;
import dev.pitr.manifest.ManifestReader;
import dev.pitr.source.ExportSource;
import dev.pitr.source.LocalExportSource;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * One data file of a generated export, held in memory so that every decoder under comparison
 * reads the same bytes without touching the disk, plus an {@link ExportSource} that serves it
 * to pitr's {@code DataFileReader} (manifests come from disk, the data file from memory).
 *
 * @param export            the export's manifests
 * @param file              the data file, as the manifest lists it
 * @param compressed        its bytes, gzip as DynamoDB writes it
 * @param uncompressedBytes the length of its text
 * @param source            a source serving {@code compressed} for {@code file.key()}
 */
record InMemoryDataFile(ExportDescriptor export, DataFile file, byte[] compressed, long uncompressedBytes,
                        ExportSource source) {

    /** Loads the first data file of the export in {@code exportDir}. */
    static InMemoryDataFile load(Path exportDir) {
        LocalExportSource disk = LocalExportSource.of(exportDir);
        ExportDescriptor export = ManifestReader.read(disk);
        DataFile file = export.dataFiles().get(0);
        try {
            byte[] bytes = Files.readAllBytes(disk.root().resolve(file.key()));
            long text;
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes), 64 * 1024)) {
                text = in.transferTo(OutputSink.INSTANCE);
            }
            return new InMemoryDataFile(export, file, bytes, text, new Source(disk, file.key(), bytes));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot load " + file.key(), e);
        }
    }

    /** Lines (= operations) in the file. */
    long items() {
        return file.itemCount();
    }

    /** A fresh stream of the compressed bytes. */
    InputStream open() {
        return new ByteArrayInputStream(compressed);
    }

    /** Serves one data file from memory, everything else from the export folder on disk. */
    private static final class Source implements ExportSource {
        private final LocalExportSource disk;
        private final String key;
        private final byte[] bytes;

        Source(LocalExportSource disk, String key, byte[] bytes) {
            this.disk = disk;
            this.key = key;
            this.bytes = bytes;
        }

        @Override
        public String location() {
            return disk.location();
        }

        @Override
        public Optional<InputStream> openExportFile(String name) {
            return disk.openExportFile(name);
        }

        @Override
        public InputStream open(String k, String what) {
            return k.equals(key) ? new ByteArrayInputStream(bytes) : disk.open(k, what);
        }

        @Override
        public String nameOf(String k) {
            return disk.nameOf(k);
        }

        @Override
        public String nameOfExportFile(String name) {
            return disk.nameOfExportFile(name);
        }
    }

    /** Counts and drops bytes. */
    private static final class OutputSink extends java.io.OutputStream {
        static final OutputSink INSTANCE = new OutputSink();

        @Override
        public void write(int b) {
        }

        @Override
        public void write(byte[] b, int off, int len) {
        }
    }
}
