package dev.pitr.state.internal;

import com.amazon.ion.IonType;
import com.github.luben.zstd.ZstdOutputStream;
import dev.pitr.internal.CountingOutputStream;
import dev.pitr.manifest.OutputFormat;
import dev.pitr.manifest.internal.ManifestWriter;
import dev.pitr.model.Item;
import dev.pitr.state.StateExport;
import dev.pitr.write.internal.DynamoDbJson;
import dev.pitr.write.internal.IonLines;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.zip.GZIPOutputStream;

/**
 * Writes one data file of a FULL export: {@code {"Item":...}} lines (Ion: {@code {Item:...}}),
 * compressed, while counting the lines and both sizes and taking the MD5 of the stored bytes for
 * the manifest. One writer serves {@code pitr compact} and the Spark job, wherever the bytes go.
 * Not thread-safe.
 */
public final class ExportFileWriter implements Closeable {
    /**
     * What one data file holds.
     *
     * @param lines             items written
     * @param md5               MD5 of the stored (compressed) bytes
     * @param compressedBytes   bytes stored
     * @param uncompressedBytes bytes of the lines
     */
    public record Written(long lines, byte[] md5, long compressedBytes, long uncompressedBytes) {
        public Written {
            md5 = md5.clone();
        }

        /** The file's line of {@code manifest-files.json}, for the data file at {@code key}. */
        public byte[] manifestLine(String key) {
            return ManifestWriter.fileLine(lines, Base64.getEncoder().encodeToString(md5),
                    HexFormat.of().formatHex(md5), key);
        }
    }

    private final OutputFormat format;
    private final MessageDigest md5 = ManifestWriter.md5();
    private final CountingOutputStream stored;
    private final OutputStream out;
    private final DynamoDbJson json = new DynamoDbJson();
    private final IonLines ion = new IonLines();
    private long lines;
    private long uncompressed;
    private boolean finished;

    /** Starts a file that goes to {@code raw}, which {@link #finish()} closes. */
    public ExportFileWriter(OutputStream raw, OutputFormat format, StateExport.Compression compression)
            throws IOException {
        this.format = format;
        this.stored = new CountingOutputStream(new DigestOutputStream(raw, md5));
        this.out = switch (compression) {
            case GZIP -> new GZIPOutputStream(stored, 64 * 1024);
            case ZSTD -> new ZstdOutputStream(stored);
            case NONE -> stored;
        };
    }

    /** The data file's name ending: {@code .json.gz}, {@code .ion.zst}, ... */
    public static String extension(OutputFormat format, StateExport.Compression compression) {
        return (format == OutputFormat.ION ? ".ion" : ".json") + switch (compression) {
            case GZIP -> ".gz";
            case ZSTD -> ".zst";
            case NONE -> "";
        };
    }

    /** Appends one item's line. */
    public void write(Item item) throws IOException {
        if (format == OutputFormat.ION) {
            CountingOutputStream counted = new CountingOutputStream(out);
            ion.writer().stepIn(IonType.STRUCT);
            ion.writer().setFieldName("Item");
            ion.attributes(item.attributes());
            ion.writer().stepOut();
            ion.endLine(counted, lines == 0);
            uncompressed += counted.count();
        } else {
            json.reset();
            json.item(item.attributes());
            json.ascii("\n");
            out.write(json.toByteArray());
            uncompressed += json.size();
        }
        lines++;
    }

    /** Bytes of the lines written so far. */
    public long uncompressedBytes() {
        return uncompressed;
    }

    /** Ends the file (closing the stream it writes to) and says what it holds. */
    public Written finish() throws IOException {
        close();
        return new Written(lines, md5.digest(), stored.count(), uncompressed);
    }

    /** Closes the stream; the file is whole only after {@link #finish()}. */
    @Override
    public void close() throws IOException {
        if (!finished) {
            finished = true;
            out.close();
        }
    }
}
