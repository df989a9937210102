package dev.pitr.s3;

import dev.pitr.source.LocalExportSource;
import java.nio.file.Path;

/**
 * An export copied from S3 to a local folder in the bucket's layout.
 *
 * @param root            the folder that stands for the bucket root
 * @param exportDir       the export folder inside it, {@code root/[prefix/]AWSDynamoDB/<exportId>}
 * @param filesDownloaded objects downloaded
 * @param filesSkipped    data files already present with the MD5 the manifest gives, not downloaded again
 * @param bytesDownloaded bytes downloaded
 */
public record StagedExport(Path root, Path exportDir, int filesDownloaded, int filesSkipped, long bytesDownloaded) {

    /** The staged export as a source to restore from. */
    public LocalExportSource source() {
        return LocalExportSource.of(exportDir);
    }
}
