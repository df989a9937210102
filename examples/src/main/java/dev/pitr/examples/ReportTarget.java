package dev.pitr.examples;

import dev.pitr.PitrException;
import dev.pitr.s3.S3ObjectWriter;
import dev.pitr.s3.S3Uri;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Where {@code --report} writes the report JSON: a local file (a path or a {@code file://} URI)
 * or an S3 object {@code s3://bucket/key}. Checked before the restore starts, so a typo does not
 * surface after hours of writing.
 */
sealed interface ReportTarget permits ReportTarget.LocalFile, ReportTarget.S3Object {

    /**
     * Parses {@code text}.
     *
     * @throws UsageException when it names a folder, an S3 folder, or has an unknown scheme
     */
    static ReportTarget parse(String text) {
        UriOption value = UriOption.of("--report", text, "a file or s3://bucket/key");
        if (value.hasScheme("s3")) {
            S3Uri uri = value.s3();
            if (uri.key().isEmpty() || uri.key().endsWith("/")) {
                throw new UsageException(value + ": names an S3 folder; give an object, for example "
                        + uri.withKey(uri.key() + "report.json"));
            }
            return new S3Object(uri);
        }
        Path path = value.path();
        if (Files.isDirectory(path)) {
            throw new UsageException(value + ": is a folder; give a file, for example " + path.resolve("report.json"));
        }
        return new LocalFile(path);
    }

    /**
     * Writes the report.
     *
     * @throws PitrException naming the target when it cannot be written
     */
    void write(byte[] json, AwsClients clients);

    /** A local file, replaced atomically; its folder is created when missing. */
    record LocalFile(Path path) implements ReportTarget {
        @Override
        public void write(byte[] json, AwsClients clients) {
            Path absolute = path.toAbsolutePath();
            Path tmp = absolute.resolveSibling(absolute.getFileName() + ".tmp");
            try {
                Files.createDirectories(absolute.getParent());
                Files.write(tmp, json);
                Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new PitrException("Cannot write the report to " + path + ": " + e.getMessage(), e);
            }
        }

        @Override
        public String toString() {
            return path.toString();
        }
    }

    /** An S3 object, written with one PUT. */
    record S3Object(S3Uri uri) implements ReportTarget {
        @Override
        public void write(byte[] json, AwsClients clients) {
            S3ObjectWriter.write(clients.s3(), uri, json, "application/json");
        }

        @Override
        public String toString() {
            return uri.toString();
        }
    }
}
