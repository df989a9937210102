package dev.pitr.decode;

import org.jspecify.annotations.Nullable;
import dev.pitr.ExportIntegrityException;
import dev.pitr.MalformedExportException;
import dev.pitr.PitrException;
import dev.pitr.decode.internal.Compression;
import dev.pitr.decode.internal.IonRecordDecoder;
import dev.pitr.decode.internal.JsonRecordDecoder;
import dev.pitr.decode.internal.RecordDecoder;
import dev.pitr.internal.LineReader;
import dev.pitr.internal.Md5;
import dev.pitr.manifest.DataFile;
import dev.pitr.manifest.ExportDescriptor;
import dev.pitr.manifest.ExportType;
import dev.pitr.manifest.OutputFormat;
import dev.pitr.model.Change;
import dev.pitr.model.Origin;
import dev.pitr.model.WriteOp;
import dev.pitr.source.ExportSource;
import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Streams one data file of an export as {@link WriteOp}s, one line at a time, in constant
 * memory: the raw bytes pass through an MD5 digest, then gzip or zstd (detected by magic bytes)
 * or nothing, then a line splitter with a length limit, then the decoder of the export's format.
 *
 * <p>When the last line has been returned, {@link #next()} checks the line count against the
 * manifest's {@code itemCount} and the MD5 of the compressed bytes against {@code md5Checksum},
 * then returns {@code null}. Operations handed out before a failed check have been decoded from
 * well-formed lines; a dry run ({@code validate}) checks every file before anything is written.
 *
 * <p>Not thread-safe: one reader per file, files in parallel.
 *
 * <pre>{@code
 * try (DataFileReader r = DataFileReader.open(source, export, file, DecodeOptions.defaults())) {
 *     for (WriteOp op = r.next(); op != null; op = r.next()) {
 *         sink.write(op);
 *     }
 * }
 * }</pre>
 */
public final class DataFileReader implements Closeable {
    private final DataFile file;
    private final String name;
    private final DecodeOptions options;
    private final Md5 raw;
    private final InputStream uncompressed;
    private final LineReader lines;
    private final RecordDecoder decoder;
    private boolean finished;

    private DataFileReader(DataFile file, String name, DecodeOptions options, Md5 raw, InputStream uncompressed,
                           RecordDecoder decoder) {
        this.file = file;
        this.name = name;
        this.options = options;
        this.raw = raw;
        this.uncompressed = uncompressed;
        this.lines = new LineReader(uncompressed, options.maxLineBytes());
        this.decoder = decoder;
    }

    /**
     * Opens {@code file} of {@code export} from {@code source}.
     *
     * @throws dev.pitr.ExportFileNotFoundException when the data file is missing
     * @throws ExportIntegrityException             when its compressed data is unreadable
     */
    public static DataFileReader open(ExportSource source, ExportDescriptor export, DataFile file,
                                      DecodeOptions options) {
        String name = source.nameOf(file.key());
        boolean incremental = export.type() == ExportType.INCREMENTAL_EXPORT;
        RecordDecoder decoder = export.format() == OutputFormat.ION
                ? new IonRecordDecoder(incremental)
                : new JsonRecordDecoder(incremental, options.maxLineBytes());
        Md5 raw = new Md5(new SourceStream(source.open(file.key(), "Data file")));
        try {
            return new DataFileReader(file, name, options, raw, Compression.decompress(raw), decoder);
        } catch (IOException e) {
            closeQuietly(raw);
            throw failure(name, 0, e);
        }
    }

    /**
     * The next operation, or {@code null} once the file is done and its line count and checksum
     * have been verified.
     *
     * @throws MalformedExportException naming the file and line of a bad record
     * @throws ExportIntegrityException on a checksum or count mismatch, or truncated data
     */
    public @Nullable WriteOp next() {
        return nextRecord(decoder::decode);
    }

    /**
     * The next record of an INCREMENTAL export with both its images, or {@code null} at the end
     * of the file, checked as {@link #next()} checks. For exports with {@code NEW_AND_OLD_IMAGES}
     * (others carry no old image).
     *
     * @throws MalformedExportException naming the file and line of a bad record
     * @throws ExportIntegrityException on a checksum or count mismatch, or truncated data
     */
    public @Nullable Change nextChange() {
        return nextRecord(decoder::decodeChange);
    }

    /** How one line is decoded. */
    @FunctionalInterface
    private interface Decoding<T> {
        T decode(byte[] buf, int off, int len, Origin origin);
    }

    private <T> @Nullable T nextRecord(Decoding<T> decoding) {
        if (finished) {
            return null;
        }
        try {
            while (lines.next()) {
                long line = lines.lineNumber();
                if (line <= options.skipLines()) {
                    continue;
                }
                if (lines.length() == 0) {
                    throw new MalformedExportException(name, line, "empty line");
                }
                return decoding.decode(lines.buffer(), lines.offset(), lines.length(), new Origin(name, line));
            }
            finish();
            return null;
        } catch (LineReader.LineTooLongException e) {
            throw new MalformedExportException(name, lines.lineNumber() + 1, "longer than the limit of "
                    + options.maxLineBytes() + " bytes (DecodeOptions.maxLineBytes)");
        } catch (IOException e) {
            throw failure(name, lines.lineNumber(), e);
        }
    }

    private void finish() throws IOException {
        finished = true;
        raw.drain(); // bytes after the compressed stream's end count for the checksum too
        long count = lines.lineNumber();
        if (count != file.itemCount()) {
            throw new ExportIntegrityException(name, "holds " + count + " lines, the manifest says itemCount "
                    + file.itemCount());
        }
        if (options.verifyChecksums() && file.md5Checksum() != null) {
            String actual = raw.base64();
            if (!actual.equals(file.md5Checksum())) {
                throw new ExportIntegrityException(name, "MD5 of the data is " + actual + ", the manifest says "
                        + file.md5Checksum());
            }
        }
    }

    /** The data file being read. */
    public DataFile file() {
        return file;
    }

    /** How the source names the file. */
    public String name() {
        return name;
    }

    /** Lines read so far, skipped ones included. */
    public long linesRead() {
        return lines.lineNumber();
    }

    /** Compressed bytes read so far. */
    public long compressedBytesRead() {
        return raw.count();
    }

    /** Uncompressed bytes read so far. */
    public long uncompressedBytesRead() {
        return lines.bytesRead();
    }

    /** Whether the file has been read to its end and verified. */
    public boolean isFinished() {
        return finished;
    }

    @Override
    public void close() {
        closeQuietly(uncompressed);
        closeQuietly(raw);
    }

    private static PitrException failure(String name, long line, IOException e) {
        if (e instanceof SourceIOException s) {
            return new PitrException("Cannot read " + name + " after line " + line + ": " + s.getCause().getMessage(),
                    s.getCause());
        }
        return new ExportIntegrityException(name, "compressed data is truncated or corrupt after line " + line
                + " (" + e.getClass().getSimpleName() + ")", e);
    }

    private static void closeQuietly(Closeable c) {
        try {
            c.close();
        } catch (IOException | RuntimeException ignored) {
            // nothing useful to do: the read already ended or failed
        }
    }

    /** Marks I/O failures of the source itself, to tell them from corrupt compressed data. */
    private static final class SourceIOException extends IOException {
        private static final long serialVersionUID = 1L;

        SourceIOException(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }

    private static final class SourceStream extends FilterInputStream {
        SourceStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            try {
                return in.read();
            } catch (IOException e) {
                throw new SourceIOException(e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return in.read(b, off, len);
            } catch (IOException e) {
                throw new SourceIOException(e);
            }
        }
    }
}
