package dev.pitr.spark;

import dev.pitr.ExportFileNotFoundException;
import dev.pitr.ExportKeyRefusedException;
import dev.pitr.PitrException;
import dev.pitr.manifest.ExportSummary;
import dev.pitr.manifest.ManifestReader;
import dev.pitr.source.ExportSource;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.jspecify.annotations.Nullable;

/**
 * An export read through a Hadoop file system: {@code hdfs://}, {@code s3a://}, {@code gs://},
 * {@code abfs://}, EMRFS's {@code s3://} on EMR, or {@code file://}: whatever the cluster's
 * configuration can read. The folder that stands for the bucket root is found from the export
 * folder and the summary's {@code manifestFilesS3Key}, as for a local copy; keys resolve
 * against it and never leave it (an absolute key, or one with a {@code ..} segment, is refused).
 */
public final class HadoopExportSource implements ExportSource {
    private final FileSystem fs;
    private final Path exportDir;
    private final @Nullable Path root;

    private HadoopExportSource(FileSystem fs, Path exportDir, @Nullable Path root) {
        this.fs = fs;
        this.exportDir = exportDir;
        this.root = root;
    }

    /**
     * The export in the folder {@code uri} ({@code .../AWSDynamoDB/<exportId>}, or its
     * {@code manifest-summary.json}).
     *
     * @throws ExportFileNotFoundException when there is no {@code manifest-summary.json}
     * @throws PitrException               when the file system cannot be reached, or the folder
     *                                     is not where the summary says it is
     */
    public static HadoopExportSource of(String uri, Configuration conf) {
        Path path = new Path(uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri);
        Path dir = path.getName().equals(ManifestReader.SUMMARY) ? path.getParent() : path;
        FileSystem fs;
        try {
            fs = dir.getFileSystem(conf);
        } catch (IOException e) {
            throw new PitrException("Cannot reach the file system of " + uri + ": " + e.getMessage(), e);
        }
        Path qualified = fs.makeQualified(dir);
        HadoopExportSource probe = new HadoopExportSource(fs, qualified, null);
        ExportSummary summary = ManifestReader.parseSummary(ManifestReader.readSummaryBytes(probe),
                probe.nameOfExportFile(ManifestReader.SUMMARY));
        return new HadoopExportSource(fs, qualified, findRoot(qualified, summary.manifestFilesS3Key()));
    }

    /** The root: the export folder less the folders the manifest key names before its file name. */
    private static Path findRoot(Path dir, String manifestFilesKey) {
        checkKey(manifestFilesKey);
        String[] segments = manifestFilesKey.split("/");
        Path at = dir;
        for (int i = segments.length - 2; i >= 0; i--) {
            if (segments[i].isEmpty()) {
                continue;
            }
            if (at == null || !at.getName().equals(segments[i])) {
                throw new PitrException("Cannot locate the bucket root for export folder " + dir
                        + ": its manifest says the export lives at \"" + manifestFilesKey.substring(0,
                        manifestFilesKey.lastIndexOf('/') + 1) + "\", so the folder must end in that path."
                        + " Copy the bucket with its layout.");
            }
            at = at.getParent();
        }
        if (at == null) {
            throw new PitrException("Cannot locate the bucket root for export folder " + dir);
        }
        return at;
    }

    @Override
    public String location() {
        return exportDir.toString();
    }

    @Override
    public Optional<InputStream> openExportFile(String name) {
        Path file = new Path(exportDir, name);
        try {
            return Optional.of(openFile(file));
        } catch (FileNotFoundException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new PitrException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public InputStream open(String key, String what) {
        Path file = resolve(key);
        try {
            return openFile(file);
        } catch (FileNotFoundException e) {
            throw new ExportFileNotFoundException(file.toString(), what, e);
        } catch (IOException e) {
            throw new PitrException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private InputStream openFile(Path file) throws IOException {
        FileStatus status = fs.getFileStatus(file);
        if (status.isDirectory()) {
            throw new FileNotFoundException(file + " is a folder, not a file");
        }
        return fs.open(file);
    }

    @Override
    public String nameOf(String key) {
        return resolve(key).toString();
    }

    @Override
    public String nameOfExportFile(String name) {
        return new Path(exportDir, name).toString();
    }

    private Path resolve(String key) {
        checkKey(key);
        if (root == null) {
            throw new IllegalStateException("the root is not known yet");
        }
        return new Path(root, key);
    }

    private static void checkKey(String key) {
        if (key.isEmpty()) {
            throw new ExportKeyRefusedException(key, "it is empty");
        }
        if (key.startsWith("/") || key.contains("://")) {
            throw new ExportKeyRefusedException(key, "it leaves the export root (it is an absolute path)");
        }
        for (String segment : key.split("/")) {
            if (segment.equals("..")) {
                throw new ExportKeyRefusedException(key, "it leaves the export root (it has a \"..\" segment)");
            }
        }
    }

    @Override
    public String toString() {
        return "HadoopExportSource[" + exportDir + "]";
    }

}
