package dev.pitr.s3;

import dev.pitr.ExportFileNotFoundException;
import dev.pitr.ExportIntegrityException;
import dev.pitr.ExportKeyRefusedException;
import dev.pitr.MalformedExportException;
import dev.pitr.PitrException;
import dev.pitr.s3.internal.ExportLocation;
import dev.pitr.s3.internal.ExportStaging;
import java.nio.file.Path;
import java.util.concurrent.Executor;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/**
 * Copies an export from S3 to a local folder in the bucket's layout with the SDK's transfer
 * manager, so that {@link dev.pitr.source.LocalExportSource} can restore from there (for example
 * to restore several times, or from a machine without S3 access later).
 *
 * <p>What is copied: {@code manifest-summary.json}, the {@code .md5}/{@code .checksum} sidecars
 * that exist, the files manifest and every data file the manifest lists, each by its key;
 * {@code data/} is never listed, so the other exports that share it are left alone. The summary
 * and the files manifest are checked against their sidecars before anything is copied, and each
 * data file against the manifest's MD5 after it is (unless {@link Builder#verifyChecksums(boolean)}
 * is off). A data file already staged with the right MD5 is not downloaded again, so a staging
 * that failed half-way can simply be run again.
 *
 * <p>Each object is fetched as one GET with an explicit whole-object byte range: this keeps the
 * SDK's Java multipart downloader (a client built with {@code multipartEnabled(true)}) from
 * fetching by part number, which S3-compatible stores do not all serve. Parallelism comes from
 * fetching several files at once. The client is never closed here.
 *
 * <pre>{@code
 * StagedExport staged = S3ExportStager.builder().client(s3AsyncClient).build()
 *     .stage("s3://bucket/prefix/AWSDynamoDB/01715685260608-c488b4e1/", Path.of("/data/exports"));
 * ExportSource source = staged.source();   // /data/exports/prefix/AWSDynamoDB/01715685260608-c488b4e1
 * }</pre>
 */
public final class S3ExportStager {
    /** Default objects downloaded at once. */
    public static final int DEFAULT_MAX_CONCURRENCY = 8;

    private final S3AsyncClient client;
    private final Executor executor;
    private final int maxConcurrency;
    private final boolean verifyChecksums;

    private S3ExportStager(Builder b) {
        this.client = b.client;
        this.executor = b.executor;
        this.maxConcurrency = b.maxConcurrency;
        this.verifyChecksums = b.verifyChecksums;
    }

    /** A builder; {@link Builder#client} is required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Copies the export at {@code exportUri} under {@code targetRoot}, which stands for the bucket
     * root: the export lands in {@code targetRoot/[prefix/]AWSDynamoDB/<exportId>/}.
     *
     * @param exportUri {@code s3://bucket/[prefix/]AWSDynamoDB/<exportId>/} or its summary's URI
     * @throws IllegalArgumentException    naming the URI when it is not an export URI
     * @throws ExportFileNotFoundException naming the {@code s3://} URI of a missing manifest or data file
     * @throws ExportIntegrityException    when a manifest or a data file does not match its MD5
     * @throws MalformedExportException    naming the manifest, the line and the key, when a key it
     *                                     gives cannot be staged (it starts with {@code /}, has a
     *                                     {@code ..} segment, or is no local path); nothing is
     *                                     downloaded then
     * @throws ExportKeyRefusedException   when the summary's files manifest key starts with {@code /}
     * @throws PitrException               for a missing bucket, denied access, a wrong region, a local I/O error
     */
    public StagedExport stage(String exportUri, Path targetRoot) {
        ExportLocation location = ExportLocation.parse(exportUri);
        if (targetRoot == null) {
            throw new IllegalArgumentException("targetRoot must not be null");
        }
        return new ExportStaging(client, executor, maxConcurrency, verifyChecksums).run(location, targetRoot);
    }

    /** Builds an {@link S3ExportStager}; every setter checks its value at once. */
    public static final class Builder {
        private S3AsyncClient client;
        private Executor executor;
        private int maxConcurrency = DEFAULT_MAX_CONCURRENCY;
        private boolean verifyChecksums = true;

        private Builder() {
        }

        /** The client to download with; never closed by the stager. Required. */
        public Builder client(S3AsyncClient client) {
            if (client == null) {
                throw new IllegalArgumentException("client must not be null");
            }
            this.client = client;
            return this;
        }

        /** The transfer manager's executor; never shut down by the stager. By default its own. */
        public Builder executor(Executor executor) {
            if (executor == null) {
                throw new IllegalArgumentException("executor must not be null");
            }
            this.executor = executor;
            return this;
        }

        /** Objects downloaded at once, 1 to 256; default 8. */
        public Builder maxConcurrency(int objects) {
            if (objects < 1 || objects > 256) {
                throw new IllegalArgumentException("maxConcurrency must be between 1 and 256: " + objects);
            }
            this.maxConcurrency = objects;
            return this;
        }

        /**
         * Whether data files are checked against the manifest's MD5 after download, and files
         * already staged with the right MD5 skipped. Default true.
         */
        public Builder verifyChecksums(boolean verify) {
            this.verifyChecksums = verify;
            return this;
        }

        /** @throws IllegalStateException when the client is missing */
        public S3ExportStager build() {
            if (client == null) {
                throw new IllegalStateException("client is required");
            }
            return new S3ExportStager(this);
        }
    }
}
