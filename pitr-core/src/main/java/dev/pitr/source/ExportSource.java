package dev.pitr.source;

import java.io.InputStream;
import java.util.Optional;

/**
 * Where one export is read from: a local folder laid out like the bucket, an S3 prefix, or
 * anything else that can hand out the export's objects as streams.
 *
 * <p>Keys are object keys from the bucket root, as the manifests write them
 * ({@code manifestFilesS3Key}, {@code dataFileS3Key}): prefix included. The export's own folder
 * ({@code <prefix>/AWSDynamoDB/<exportId>/}) holds the summary and the checksum files.
 *
 * <p>Implementations must be safe for concurrent use: data files are read in parallel. Streams
 * they return are closed by the caller. An implementation never lists {@code data/}: incremental
 * exports under one prefix share that folder, and only the manifest says which files are whose.
 * Implementations pass the contract suite {@code dev.pitr.testing.contract.ExportSourceContract}
 * of pitr-testkit.
 */
public interface ExportSource {

    /**
     * Where the export is, for messages and reports: a path or an {@code s3://} URI of the export
     * folder.
     */
    String location();

    /**
     * Opens a file of the export folder by name ({@code manifest-summary.json},
     * {@code manifest-summary.md5}, {@code manifest-files.md5}, ...).
     *
     * @return the stream, or empty when there is no such file
     * @throws dev.pitr.PitrException when the file exists but cannot be read
     */
    Optional<InputStream> openExportFile(String name);

    /**
     * Opens an object by key from the bucket root, as a stream of its raw (still compressed)
     * bytes.
     *
     * @param what what the object is, for the message if it is missing ("Data file", "Files manifest")
     * @throws dev.pitr.ExportFileNotFoundException when there is no such object
     * @throws dev.pitr.PitrException               when it exists but cannot be read
     */
    InputStream open(String key, String what);

    /** How messages name the object with this key: a path or an {@code s3://} URI. */
    String nameOf(String key);

    /** How messages name a file of the export folder. */
    String nameOfExportFile(String name);
}
