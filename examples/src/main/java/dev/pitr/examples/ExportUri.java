package dev.pitr.examples;

import dev.pitr.manifest.ManifestReader;
import dev.pitr.s3.S3ExportSource;
import dev.pitr.source.ExportSource;
import dev.pitr.source.LocalExportSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where one export is, as given to {@code --export}: a local folder
 * ({@code [prefix/]AWSDynamoDB/<exportId>} of a copy of the bucket), a {@code file://} URI of one,
 * the {@code manifest-summary.json} inside it, or an S3 URI
 * {@code s3://bucket/[prefix/]AWSDynamoDB/<exportId>/} (or of its {@code manifest-summary.json}).
 */
sealed interface ExportUri permits ExportUri.Local, ExportUri.S3 {

    /**
     * Parses and checks what can be checked without reading the export.
     *
     * @throws UsageException naming the value when it has no known shape, or a local path does
     *                        not exist or holds no export
     */
    static ExportUri parse(String text) {
        UriOption value = UriOption.of("--export", text, "an export folder or an s3:// URI");
        if (value.hasScheme("s3")) {
            UsageException.check(() -> S3ExportSource.builder().exportUri(value.text()));
            return new S3(value.text());
        }
        return new Local(checkLocal(value.text(), value.path()));
    }

    /** Opens the export for reading, through {@code clients} when it is in S3. */
    ExportSource open(AwsClients clients);

    /** An export on the local file system. */
    record Local(Path path) implements ExportUri {
        @Override
        public ExportSource open(AwsClients clients) {
            return LocalExportSource.of(path);
        }

        @Override
        public String toString() {
            return path.toString();
        }
    }

    /** An export in S3 (or an S3-compatible store). */
    record S3(String uri) implements ExportUri {
        @Override
        public ExportSource open(AwsClients clients) {
            return S3ExportSource.builder().client(clients.s3()).exportUri(uri).build();
        }

        @Override
        public String toString() {
            return uri;
        }
    }

    private static Path checkLocal(String text, Path path) {
        if (!Files.exists(path)) {
            throw new UsageException("--export " + text + ": no such file or folder");
        }
        if (Files.isRegularFile(path)) {
            if (!path.getFileName().toString().equals(ManifestReader.SUMMARY)) {
                throw new UsageException("--export " + text + ": not an export folder nor its "
                        + ManifestReader.SUMMARY);
            }
            return path;
        }
        if (Files.isRegularFile(path.resolve(ManifestReader.SUMMARY))) {
            return path;
        }
        List<String> inside = exportsUnder(path);
        throw new UsageException("--export " + text + ": no " + ManifestReader.SUMMARY + " in this folder; give"
                + " the folder of one export, <root>/[prefix/]AWSDynamoDB/<exportId>"
                + (inside.isEmpty() ? "" : " (it holds " + String.join(", ", inside) + ": pass each with --export)"));
    }

    /** Export folders right under {@code dir} or under {@code dir/AWSDynamoDB}, to hint at in a message. */
    private static List<String> exportsUnder(Path dir) {
        Path base = Files.isDirectory(dir.resolve("AWSDynamoDB")) ? dir.resolve("AWSDynamoDB") : dir;
        try (Stream<Path> children = Files.list(base)) {
            return children.filter(p -> Files.isRegularFile(p.resolve(ManifestReader.SUMMARY)))
                    .map(p -> base == dir ? p.getFileName().toString() : "AWSDynamoDB/" + p.getFileName())
                    .sorted().limit(5).toList();
        } catch (IOException | InvalidPathException e) {
            return List.of();
        }
    }
}
