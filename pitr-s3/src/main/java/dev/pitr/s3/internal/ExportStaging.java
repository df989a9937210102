package dev.pitr.s3.internal;

import dev.pitr.ExportFileNotFoundException;
import dev.pitr.ExportIntegrityException;
import dev.pitr.MalformedExportException;
import dev.pitr.PitrException;
import dev.pitr.manifest.DataFile;
import dev.pitr.manifest.ExportDescriptor;
import dev.pitr.manifest.ManifestReader;
import dev.pitr.s3.S3ExportSource;
import dev.pitr.s3.S3Uri;
import dev.pitr.s3.StagedExport;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.transfer.s3.S3TransferManager;
import software.amazon.awssdk.transfer.s3.model.DownloadFileRequest;
import software.amazon.awssdk.transfer.s3.model.FileDownload;

/**
 * One staging run: reads the manifests from S3, then downloads the summary, the checksum
 * sidecars, the files manifest and every data file the manifest lists (by key, never by listing)
 * through the transfer manager, at most {@code maxConcurrency} at a time.
 *
 * <p>Each object is fetched with a HEAD, then one GET that carries an explicit byte range
 * covering the whole object and {@code If-Match}: with an explicit range the SDK's Java multipart
 * downloader (used when the client has {@code multipartEnabled(true)}) falls back to a single
 * GET instead of {@code GET ?partNumber=N}, which S3-compatible stores such as s3proxy do not
 * serve for objects uploaded in several parts. Files land under a temporary name, are checked
 * (size, and the manifest's MD5 for data files), then moved into place.
 *
 * <p>Every key the manifests give is mapped to its object and its local path before anything is
 * downloaded; a key that cannot be (one starting with {@code /}, with a {@code ..} segment, or
 * that is no local path) fails the run with a {@link MalformedExportException} naming the
 * manifest, the line and the key.
 */
public final class ExportStaging {
    private static final Logger LOG = LoggerFactory.getLogger(ExportStaging.class);
    private static final String TMP_SUFFIX = ".pitr-staging";
    private static final String[] SIDECARS = {
        "manifest-summary.md5", "manifest-summary.checksum", "manifest-files.md5", "manifest-files.checksum"};

    private final S3AsyncClient client;
    private final Executor executor;
    private final int maxConcurrency;
    private final boolean verifyChecksums;
    private final String clientRegion;

    /** @param executor the transfer manager's executor, or {@code null} for its own */
    public ExportStaging(S3AsyncClient client, Executor executor, int maxConcurrency, boolean verifyChecksums) {
        this.client = client;
        this.executor = executor;
        this.maxConcurrency = maxConcurrency;
        this.verifyChecksums = verifyChecksums;
        this.clientRegion = S3Access.regionOf(client);
    }

    /** One object to stage, and where it lands. */
    private record Item(S3Uri uri, Path target, String what, String md5, boolean required) {
    }

    /** An object's download in flight. */
    private static final class Transfer {
        final Item item;
        final Path target;
        final Path tmp;
        volatile boolean cancelled;
        volatile CompletableFuture<HeadObjectResponse> head;
        volatile FileDownload download;
        long size;

        Transfer(Item item, Path target) {
            this.item = item;
            this.target = target;
            this.tmp = target.resolveSibling(target.getFileName() + TMP_SUFFIX);
        }

        void cancel() {
            cancelled = true;
            CompletableFuture<HeadObjectResponse> h = head;
            if (h != null) {
                h.cancel(true);
            }
            FileDownload d = download;
            if (d != null) {
                d.completionFuture().cancel(true);
            }
        }
    }

    private record Done(Transfer transfer, Throwable error) {
    }

    /** Stages the export at {@code location} under {@code root}. */
    public StagedExport run(ExportLocation location, Path root) {
        Path base = root.toAbsolutePath().normalize();
        S3ExportSource source = S3ExportSource.builder().client(client).exportUri(location.folder().toString()).build();
        ExportDescriptor export = ManifestReader.read(source);
        List<Item> items = items(location, export, base, source);
        Path exportDir = base.resolve(location.folder().key()).normalize();
        LOG.info("Staging {} objects of {} to {}", items.size(), location.folder(), exportDir);

        int downloaded = 0;
        int skipped = 0;
        long bytes = 0;
        List<Transfer> active = new ArrayList<>();
        BlockingQueue<Done> done = new ArrayBlockingQueue<>(maxConcurrency);
        RuntimeException failure = null;
        int next = 0;
        try (S3TransferManager tm = transferManager()) {
            while (true) {
                while (failure == null && active.size() < maxConcurrency && next < items.size()) {
                    Item item = items.get(next++);
                    if (verifyChecksums && item.md5() != null && item.md5().equals(md5IfPresent(item.target()))) {
                        skipped++;
                        continue;
                    }
                    Transfer t = new Transfer(item, item.target());
                    active.add(t);
                    start(tm, t).whenComplete((ignored, error) -> done.add(new Done(t, error)));
                }
                if (active.isEmpty()) {
                    break;
                }
                Done d;
                try {
                    d = done.take();
                } catch (InterruptedException e) {
                    active.forEach(Transfer::cancel);
                    Thread.currentThread().interrupt();
                    throw new PitrException("Interrupted while staging " + location.folder() + " to " + base, e);
                }
                active.remove(d.transfer());
                if (failure != null) {
                    deleteQuietly(d.transfer().tmp);
                    continue;
                }
                try {
                    if (finish(d)) {
                        downloaded++;
                        bytes += d.transfer().size;
                    }
                } catch (RuntimeException e) {
                    failure = e;
                    active.forEach(Transfer::cancel);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
        LOG.info("Staged {}: {} objects ({} bytes) downloaded, {} already present", location.folder(), downloaded,
                bytes, skipped);
        return new StagedExport(base, exportDir, downloaded, skipped, bytes);
    }

    private S3TransferManager transferManager() {
        S3TransferManager.Builder b = S3TransferManager.builder().s3Client(client);
        if (executor != null) {
            b.executor(executor);
        }
        return b.build();
    }

    /**
     * Every object to stage, each key mapped to its object and local path.
     *
     * @throws MalformedExportException naming the manifest, the line and the key that cannot be mapped
     */
    private static List<Item> items(ExportLocation location, ExportDescriptor export, Path base,
                                    S3ExportSource source) {
        List<Item> items = new ArrayList<>();
        S3Uri summary = location.file(ManifestReader.SUMMARY);
        items.add(new Item(summary, base.resolve(summary.key()).normalize(), "Export summary", null, true));
        for (String sidecar : SIDECARS) {
            S3Uri uri = location.file(sidecar);
            items.add(new Item(uri, base.resolve(uri.key()).normalize(), "Checksum file", null, false));
        }
        String filesKey = export.summary().manifestFilesS3Key();
        Path filesTarget = target(base, filesKey, "manifestFilesS3Key", summary.toString(), 0);
        items.add(new Item(location.folder().withKey(filesKey), filesTarget, "Files manifest", null, true));
        String filesManifest = source.nameOf(filesKey);
        Set<String> seen = new HashSet<>();
        List<DataFile> files = export.dataFiles();
        for (int i = 0; i < files.size(); i++) {
            DataFile f = files.get(i);
            // The manifest has one data file per line and no blank lines: file i is on line i + 1.
            Path target = target(base, f.key(), "dataFileS3Key", filesManifest, i + 1);
            if (seen.add(f.key())) {   // a key listed twice is staged once
                items.add(new Item(location.folder().withKey(f.key()), target, "Data file", f.md5Checksum(), true));
            }
        }
        return items;
    }

    /**
     * Where the object {@code key} lands under {@code base}.
     *
     * @param field    the manifest field that gives the key
     * @param manifest the manifest that gives it, and {@code line} its 1-based line (0 for the summary)
     * @throws MalformedExportException naming the manifest, the line and the key when it cannot be
     *                                  mapped: it starts with {@code /} (no {@link S3Uri} takes it),
     *                                  has a {@code ..} segment, or is no local path
     */
    private static Path target(Path base, String key, String field, String manifest, long line) {
        String problem = keyProblem(key);
        if (problem == null) {
            try {
                Path target = base.resolve(key).normalize();
                if (target.startsWith(base) && !target.equals(base)) {
                    return target;
                }
                problem = "leads outside the target folder " + base;
            } catch (InvalidPathException e) {
                problem = "is not a valid local path (" + e.getReason() + ")";
            }
        }
        throw new MalformedExportException(manifest, line, field + " \"" + key + "\" cannot be staged: it " + problem);
    }

    /** Why {@code key} cannot be staged by its text alone, or {@code null}. */
    private static String keyProblem(String key) {
        if (key.startsWith("/")) {
            return "starts with '/'";
        }
        for (String segment : key.split("/", -1)) {
            if (segment.equals("..")) {
                return "has a \"..\" segment";
            }
        }
        return null;
    }

    /** HEAD, then one ranged GET of the whole object through the transfer manager into the temporary file. */
    private CompletableFuture<Void> start(S3TransferManager tm, Transfer t) {
        S3Uri uri = t.item.uri();
        CompletableFuture<HeadObjectResponse> head;
        try {
            Files.createDirectories(t.target.getParent());
        } catch (IOException e) {
            return CompletableFuture.failedFuture(new UncheckedIOException(e));
        }
        try {
            head = client.headObject(b -> b.bucket(uri.bucket()).key(uri.key()));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        t.head = head;
        return head.thenCompose(h -> {
            if (t.cancelled) {
                throw new CancellationException("staging stopped");
            }
            Long length = h.contentLength();
            t.size = length == null ? -1 : length;
            if (t.size <= 0) {
                if (t.size < 0) {
                    throw new PitrException("Cannot read " + uri + ": HEAD gave no Content-Length");
                }
                try {
                    Files.write(t.tmp, new byte[0]);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return CompletableFuture.completedFuture(null);
            }
            DownloadFileRequest request = DownloadFileRequest.builder()
                    .getObjectRequest(b -> {
                        b.bucket(uri.bucket()).key(uri.key()).range("bytes=0-" + (t.size - 1));
                        if (h.eTag() != null) {
                            b.ifMatch(h.eTag());
                        }
                    })
                    .destination(t.tmp)
                    .build();
            FileDownload download = tm.downloadFile(request);
            t.download = download;
            if (t.cancelled) {
                download.completionFuture().cancel(true);
            }
            return download.completionFuture().thenApply(c -> null);
        });
    }

    /**
     * Checks a finished transfer and moves it into place.
     *
     * @return true when a file was staged, false for an optional object that does not exist
     */
    private boolean finish(Done d) {
        Transfer t = d.transfer();
        S3Uri uri = t.item.uri();
        if (d.error() != null) {
            deleteQuietly(t.tmp);
            Throwable error = S3Errors.unwrap(d.error());
            if (error instanceof UncheckedIOException io) {
                throw new PitrException("Cannot write " + t.tmp + ": " + io.getCause().getMessage(), io.getCause());
            }
            if (S3Errors.isMissingObject(error)) {
                if (!t.item.required()) {
                    return false;
                }
                throw new ExportFileNotFoundException(uri.toString(), t.item.what(), error);
            }
            if (S3Errors.isObjectChanged(error)) {
                throw S3Errors.changed(uri, error);
            }
            throw S3Errors.translate(error, uri, clientRegion);
        }
        try {
            long size = Files.size(t.tmp);
            if (size != t.size) {
                throw new PitrException("Cannot stage " + uri + ": downloaded " + size + " bytes, HEAD said " + t.size);
            }
            if (verifyChecksums && t.item.md5() != null) {
                String actual = md5(t.tmp);
                if (!actual.equals(t.item.md5())) {
                    throw new ExportIntegrityException(uri.toString(), "MD5 of the downloaded bytes is " + actual
                            + ", the manifest says " + t.item.md5());
                }
            }
            move(t.tmp, t.target);
            return true;
        } catch (IOException e) {
            throw new PitrException("Cannot stage " + uri + " to " + t.target + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(t.tmp);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Base64 MD5 of the file, or {@code null} when there is no such file. */
    private static String md5IfPresent(Path file) {
        try {
            return md5(file);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new PitrException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static String md5(Path file) throws IOException {
        MessageDigest md5;
        try {
            md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required of every Java platform", e);
        }
        byte[] buf = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buf)) >= 0) {
                md5.update(buf, 0, n);
            }
        }
        return Base64.getEncoder().encodeToString(md5.digest());
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            LOG.debug("Cannot delete {}: {}", p, e.toString());
        }
    }
}
