package dev.pitr.testing.internal;

import dev.pitr.internal.CountingOutputStream;
import com.github.luben.zstd.ZstdOutputStream;
import dev.pitr.testing.Compression;
import dev.pitr.testing.GeneratedDataFile;
import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.zip.Deflater;

/**
 * One data file being written: text goes in through {@link #text()}, is compressed, and the
 * compressed bytes go to disk through digests that give the manifest's {@code md5Checksum}
 * (Base64 MD5 of the whole object) and the S3 multipart {@code etag} (hex MD5 of the parts'
 * MD5s, {@code -} and the part count), as an upload in {@value #PART_SIZE}-byte parts has.
 * Buffers are fixed: memory does not grow with the file.
 */
public final class DataFileOutput implements AutoCloseable {
    /** Part size of the simulated multipart upload. */
    static final int PART_SIZE = 8 * 1024 * 1024;

    private final String key;
    private final Path path;
    private final RawSide raw;
    private final CountingOutputStream text;
    private final OutputStream buffered;
    private long lines;
    private GeneratedDataFile done;

    /**
     * Creates the file (and its folders).
     *
     * @param key  the object key from the bucket root
     * @param path where the key lives on disk
     */
    public DataFileOutput(String key, Path path, Compression compression) throws IOException {
        this.key = key;
        this.path = path;
        Files.createDirectories(path.getParent());
        this.raw = new RawSide(new BufferedOutputStream(Files.newOutputStream(path), 64 * 1024));
        OutputStream compressed = switch (compression) {
            case GZIP -> new GzipMemberOutputStream(raw, Deflater.DEFAULT_COMPRESSION);
            case ZSTD -> new ZstdOutputStream(raw, 3);
            case NONE -> raw;
        };
        this.text = new CountingOutputStream(compressed);
        this.buffered = new BufferedOutputStream(text, 64 * 1024);
    }

    /** Where the file's text goes (buffered). Do not close it: {@link #finish()} does. */
    public OutputStream text() {
        return buffered;
    }

    /** Counts one line written to {@link #text()}. */
    public void lineWritten() {
        lines++;
    }

    /** Lines counted so far. */
    public long lines() {
        return lines;
    }

    /** The object key. */
    public String key() {
        return key;
    }

    /** Flushes, compresses the rest, closes the file and describes it. Idempotent. */
    public GeneratedDataFile finish() throws IOException {
        if (done == null) {
            buffered.close(); // closes the compressor, which writes its trailer, then the file
            done = new GeneratedDataFile(key, path, lines, raw.md5Base64(), raw.etag(), raw.count, text.count());
        }
        return done;
    }

    @Override
    public void close() throws IOException {
        finish();
    }


    /** The compressed bytes on their way to disk: whole-object MD5 and per-part MD5s. */
    private static final class RawSide extends FilterOutputStream {
        private final MessageDigest whole = md5();
        private final MessageDigest part = md5();
        private final MessageDigest parts = md5();
        private long count;
        private int partFill;
        private int partCount;
        private boolean closed;

        RawSide(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            whole.update(b, off, len);
            count += len;
            while (len > 0) {
                int n = Math.min(len, PART_SIZE - partFill);
                part.update(b, off, n);
                partFill += n;
                off += n;
                len -= n;
                if (partFill == PART_SIZE) {
                    endPart();
                }
            }
        }

        private void endPart() {
            parts.update(part.digest());
            partCount++;
            partFill = 0;
        }

        @Override
        public void close() throws IOException {
            if (!closed) {
                closed = true;
                if (partFill > 0 || partCount == 0) {
                    endPart();
                }
                super.close();
            }
        }

        String md5Base64() {
            return Base64.getEncoder().encodeToString(whole.digest());
        }

        String etag() {
            return HexFormat.of().formatHex(parts.digest()) + "-" + partCount;
        }

        private static MessageDigest md5() {
            try {
                return MessageDigest.getInstance("MD5");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("MD5 is required of every Java platform", e);
            }
        }
    }
}
