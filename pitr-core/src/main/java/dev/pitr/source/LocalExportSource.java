package dev.pitr.source;

import dev.pitr.ExportFileNotFoundException;
import dev.pitr.PitrException;
import dev.pitr.manifest.ExportSummary;
import dev.pitr.manifest.ManifestReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * An export in a local folder laid out like the bucket: the folder that stands for the bucket
 * root holds {@code [prefix/]AWSDynamoDB/<exportId>/} and, for incremental exports, the shared
 * {@code [prefix/]AWSDynamoDB/data/}. Manifest keys resolve against that root, which is found
 * from the export folder and the summary's {@code manifestFilesS3Key}.
 *
 * <p>A copy made with {@code aws s3 sync s3://bucket/ dir/} has this layout.
 */
public final class LocalExportSource implements ExportSource {
    private final Path exportDir;
    private final Path root;

    private LocalExportSource(Path exportDir, Path root) {
        this.exportDir = exportDir;
        this.root = root;
    }

    /**
     * The export in {@code path}: its folder ({@code .../AWSDynamoDB/<exportId>}) or its
     * {@code manifest-summary.json}.
     *
     * @throws ExportFileNotFoundException when there is no {@code manifest-summary.json}
     * @throws PitrException               when the folder is not where the summary says it is
     */
    public static LocalExportSource of(Path path) {
        Path p = path.toAbsolutePath().normalize();
        Path dir = p.getFileName() != null && p.getFileName().toString().equals(ManifestReader.SUMMARY)
                ? p.getParent() : p;
        LocalExportSource probe = new LocalExportSource(dir, null);
        byte[] summaryBytes = ManifestReader.readSummaryBytes(probe);
        ExportSummary summary = ManifestReader.parseSummary(summaryBytes, probe.nameOfExportFile(ManifestReader.SUMMARY));
        return new LocalExportSource(dir, findRoot(dir, summary.manifestFilesS3Key()));
    }

    private static Path findRoot(Path dir, String manifestFilesKey) {
        // manifestFilesS3Key is "<prefix>/AWSDynamoDB/<id>/manifest-files.json": the export folder
        // ends in every segment but the last, and the root is what comes before them.
        String[] segments = manifestFilesKey.split("/");
        Path at = dir;
        for (int i = segments.length - 2; i >= 0; i--) {
            if (segments[i].isEmpty()) {
                continue;
            }
            if (at == null || at.getFileName() == null || !at.getFileName().toString().equals(segments[i])) {
                throw new PitrException("Cannot locate the bucket root for export folder " + dir
                        + ": its manifest says the export lives at \"" + manifestFilesKey.substring(0,
                        manifestFilesKey.lastIndexOf('/') + 1) + "\", so the folder must end in that path."
                        + " Copy the bucket with its layout (for example aws s3 sync s3://bucket/ dir/).");
            }
            at = at.getParent();
        }
        return at;
    }

    /** The export folder. */
    public Path exportDir() {
        return exportDir;
    }

    /** The folder that stands for the bucket root. */
    public Path root() {
        return root;
    }

    @Override
    public String location() {
        return exportDir.toString();
    }

    @Override
    public Optional<InputStream> openExportFile(String name) {
        Path file = exportDir.resolve(name);
        try {
            return Optional.of(Files.newInputStream(file));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new PitrException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public InputStream open(String key, String what) {
        Path file = resolve(key);
        try {
            return Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw new ExportFileNotFoundException(file.toString(), what, e);
        } catch (IOException e) {
            throw new PitrException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String nameOf(String key) {
        return resolve(key).toString();
    }

    @Override
    public String nameOfExportFile(String name) {
        return exportDir.resolve(name).toString();
    }

    private Path resolve(String key) {
        Path file = root.resolve(key).normalize();
        if (!file.startsWith(root)) {
            throw new PitrException("Key \"" + key + "\" points outside the export root " + root);
        }
        return file;
    }

    @Override
    public String toString() {
        return "LocalExportSource[" + exportDir + "]";
    }
}
