package dev.pitr.spark.internal;

import dev.pitr.PitrException;
import dev.pitr.decode.internal.JsonRecordDecoder;
import dev.pitr.manifest.OutputFormat;
import dev.pitr.state.StateExport;
import dev.pitr.state.internal.ExportFileWriter;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SerializableWritable;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.broadcast.Broadcast;
import scala.Tuple2;

/**
 * The compaction's write task: the items of one partition (keys the chain deletes are left out,
 * as a FULL export has no deletes) as one data file of the new export, named after the export and
 * the partition so that a retried task writes the same file again. Partition 0 always writes a
 * file, so an export of an empty state still has one.
 */
public final class PartitionExport
        implements Function2<Integer, Iterator<Tuple2<StateKey, KeyRecord>>, Iterator<PartitionExport.File>> {
    private static final long serialVersionUID = 1L;

    /** One data file written (a plain class: task results go through Kryo on many clusters). */
    public static final class File implements Serializable {
        private static final long serialVersionUID = 1L;
        private final int partition;
        private final String key;
        private final long lines;
        private final byte[] md5;
        private final long compressedBytes;
        private final long uncompressedBytes;

        File(int partition, String key, ExportFileWriter.Written written) {
            this.partition = partition;
            this.key = key;
            this.lines = written.lines();
            this.md5 = written.md5();
            this.compressedBytes = written.compressedBytes();
            this.uncompressedBytes = written.uncompressedBytes();
        }

        public int partition() {
            return partition;
        }

        public String key() {
            return key;
        }

        public ExportFileWriter.Written written() {
            return new ExportFileWriter.Written(lines, md5, compressedBytes, uncompressedBytes);
        }
    }

    private final String root;
    private final String dataPrefix;
    private final String exportId;
    private final OutputFormat format;
    private final StateExport.Compression compression;
    private final int maxLineBytes;
    private final Broadcast<SerializableWritable<Configuration>> hadoop;
    private final Broadcast<List<String>> files;

    /**
     * @param root       the folder (a Hadoop path) that stands for the bucket root
     * @param dataPrefix the data files' key prefix, {@code [prefix/]AWSDynamoDB/<id>/data/}
     */
    public PartitionExport(String root, String dataPrefix, String exportId, OutputFormat format,
                           StateExport.Compression compression, int maxLineBytes,
                           Broadcast<SerializableWritable<Configuration>> hadoop, Broadcast<List<String>> files) {
        this.root = root;
        this.dataPrefix = dataPrefix;
        this.exportId = exportId;
        this.format = format;
        this.compression = compression;
        this.maxLineBytes = maxLineBytes;
        this.hadoop = hadoop;
        this.files = files;
    }

    @Override
    public Iterator<File> call(Integer partition, Iterator<Tuple2<StateKey, KeyRecord>> records) throws IOException {
        String key = dataPrefix + name(exportId, partition) + ExportFileWriter.extension(format, compression);
        Path path = new Path(root, key);
        FileSystem fs = path.getFileSystem(hadoop.value().value());
        JsonRecordDecoder decoder = new JsonRecordDecoder(false, maxLineBytes);
        ExportFileWriter.Written written = null;
        ExportFileWriter out = null;
        try {
            while (records.hasNext()) {
                KeyRecord r = records.next()._2();
                if (!r.put()) {
                    continue;
                }
                if (out == null) {
                    out = new ExportFileWriter(fs.create(path, true), format, compression);
                }
                out.write(r.item(decoder, files.value()));
            }
            if (out == null && partition == 0) {
                out = new ExportFileWriter(fs.create(path, true), format, compression);
            }
            if (out != null) {
                written = out.finish();
            }
        } finally {
            if (out != null) {
                out.close();
            }
        }
        if (written == null) {
            return List.<File>of().iterator();
        }
        return List.of(new File(partition, key, written)).iterator();
    }

    /** 26 letters of base32 from the export id and the partition, like DynamoDB's data file names. */
    static String name(String exportId, int partition) {
        String alphabet = "abcdefghijklmnopqrstuvwxyz234567";
        byte[] digest;
        try {
            digest = MessageDigest.getInstance("SHA-256")
                    .digest((exportId + "/" + partition).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new PitrException("SHA-256 is required of every Java platform", e);
        }
        StringBuilder b = new StringBuilder(26);
        for (int i = 0; i < 26; i++) {
            b.append(alphabet.charAt((digest[i] & 0xff) % 32));
        }
        return b.toString();
    }
}
