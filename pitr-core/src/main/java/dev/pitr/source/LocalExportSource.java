package dev.pitr.source;

import dev.pitr.ExportFileNotFoundException;
import dev.pitr.ExportKeyRefusedException;
import dev.pitr.PitrException;
import dev.pitr.manifest.ExportSummary;
import dev.pitr.manifest.ManifestReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
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
 *
 * <p>Nothing outside the root is read: an empty key, a key with a {@code ..} segment or an absolute
 * key is refused, and so is a file whose real path (links followed) is not under the root's real
 * path, such as a link in the folder to a file elsewhere; links that stay inside the root are
 * followed. A key that names a folder names no file: it is not found.
 * Until the root is known (while the summary is read to find it) the export folder is the limit.
 * Refusals throw {@link ExportKeyRefusedException} before anything is read.
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
     * @throws ExportKeyRefusedException   when the summary, or the files manifest key it gives,
     *                                     leaves the export folder or the root
     * @throws PitrException               when the folder is not where the summary says it is
     */
    public static LocalExportSource of(Path path) {
        Path p = path.toAbsolutePath().normalize();
        Path dir = p.getFileName() != null && p.getFileName().toString().equals(ManifestReader.SUMMARY)
                ? p.getParent() : p;
        LocalExportSource probe = new LocalExportSource(dir, null);
        byte[] summaryBytes = ManifestReader.readSummaryBytes(probe);
        ExportSummary summary = ManifestReader.parseSummary(summaryBytes, probe.nameOfExportFile(ManifestReader.SUMMARY));
        checkKey(dir, summary.manifestFilesS3Key());
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

    /**
     * @throws ExportKeyRefusedException when the file's real path is not under the root's
     */
    @Override
    public Optional<InputStream> openExportFile(String name) {
        Path file = exportDir.resolve(name);
        try {
            return Optional.of(openInside(file, name));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new PitrException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * @throws ExportKeyRefusedException when the key has a {@code ..} segment, is absolute, or
     *                                   leads to a file whose real path is not under the root's
     */
    @Override
    public InputStream open(String key, String what) {
        Path file = resolve(key);
        try {
            return openInside(file, key);
        } catch (NoSuchFileException e) {
            throw new ExportFileNotFoundException(file.toString(), what, e);
        } catch (IOException e) {
            throw new PitrException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** @throws ExportKeyRefusedException when the key has a {@code ..} segment or is absolute */
    @Override
    public String nameOf(String key) {
        return resolve(key).toString();
    }

    @Override
    public String nameOfExportFile(String name) {
        return exportDir.resolve(name).toString();
    }

    private Path resolve(String key) {
        return root.resolve(checkKey(root, key)).normalize();
    }

    /** The key as a relative path; refused when it is empty, absolute or has a {@code ..} segment. */
    private static Path checkKey(Path base, String key) {
        if (key.isEmpty()) {
            throw new ExportKeyRefusedException(key, "it is empty");
        }
        Path relative;
        try {
            relative = base.getFileSystem().getPath(key);
        } catch (InvalidPathException e) {
            throw new ExportKeyRefusedException(key, "it is not a valid local path (" + e.getReason() + ")");
        }
        if (relative.isAbsolute() || relative.getRoot() != null) {
            throw new ExportKeyRefusedException(key, "it leaves the export root (it is an absolute path)");
        }
        for (Path segment : relative) {
            if (segment.toString().equals("..")) {
                throw new ExportKeyRefusedException(key, "it leaves the export root (it has a \"..\" segment)");
            }
        }
        return relative;
    }

    /**
     * Opens {@code file} by its real path, after checking that path is under the root's real path
     * (the export folder's while the root is not known). The last step is opened without
     * following links, so the file checked is the file read. A folder is no file: it is not found.
     */
    private InputStream openInside(Path file, String key) throws IOException {
        Path limit = root != null ? root : exportDir;
        Path real = file.toRealPath();
        Path realLimit = limit.toRealPath();
        if (!real.startsWith(realLimit)) {
            throw new ExportKeyRefusedException(key, "it leaves the " + (root != null ? "export root " : "export folder ")
                    + limit + " (" + file + " is really " + real + ")");
        }
        if (Files.isDirectory(real, LinkOption.NOFOLLOW_LINKS)) {
            throw new NoSuchFileException(file.toString(), null, "a folder, not a file");
        }
        return Files.newInputStream(real, LinkOption.NOFOLLOW_LINKS);
    }

    @Override
    public String toString() {
        return "LocalExportSource[" + exportDir + "]";
    }
}
