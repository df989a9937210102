package dev.pitr.decode;

import dev.pitr.internal.Md5;
import dev.pitr.manifest.DataFile;
import dev.pitr.manifest.ExportDescriptor;
import dev.pitr.manifest.ManifestReader;
import dev.pitr.model.WriteOp;
import dev.pitr.source.LocalExportSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a one-file export from literal lines, for decoder and bad-input tests: the lines are
 * written as given (possibly malformed), and the manifest can be made to lie.
 */
final class CraftedExport {
    static final String EXPORT_ID = "01700000000000-0badc0de";

    enum Codec { GZIP, ZSTD, NONE }

    private final Path root;
    private String format = "DYNAMODB_JSON";
    private boolean incremental;
    private String exportTypeOverride;
    private Codec codec = Codec.GZIP;
    private Long itemCountOverride;
    private String md5Override;
    private int truncateBy;

    CraftedExport(Path root) {
        this.root = root;
    }

    CraftedExport ion() {
        format = "ION";
        return this;
    }

    CraftedExport format(String f) {
        format = f;
        return this;
    }

    CraftedExport incremental() {
        incremental = true;
        return this;
    }

    boolean isIncremental() {
        return incremental;
    }

    CraftedExport exportType(String t) {
        exportTypeOverride = t;
        return this;
    }

    CraftedExport codec(Codec c) {
        codec = c;
        return this;
    }

    CraftedExport claimItemCount(long n) {
        itemCountOverride = n;
        return this;
    }

    CraftedExport claimMd5(String md5) {
        md5Override = md5;
        return this;
    }

    CraftedExport truncateBy(int bytes) {
        truncateBy = bytes;
        return this;
    }

    /** Writes the export with {@code lines} (each gets a trailing newline) and returns its folder. */
    Path write(String... lines) throws IOException {
        Path exportDir = root.resolve("AWSDynamoDB").resolve(EXPORT_ID);
        Path dataDir = incremental ? root.resolve("AWSDynamoDB/data") : exportDir.resolve("data");
        Files.createDirectories(dataDir);
        Files.createDirectories(exportDir);
        String ext = (format.equals("ION") ? ".ion" : ".json")
                + (codec == Codec.GZIP ? ".gz" : codec == Codec.ZSTD ? ".zst" : "");
        String dataKey = root.relativize(dataDir).toString() + "/abcdefghijklmnopqrstuvwxyz" + ext;
        byte[] plain = (lines.length == 0 ? "" : String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] data = compress(plain);
        String md5 = Md5.base64Of(data);
        if (truncateBy > 0) {
            data = Arrays.copyOf(data, data.length - truncateBy);
        }
        Files.write(root.resolve(dataKey), data);
        long count = itemCountOverride != null ? itemCountOverride : lines.length;
        String files = "{\"itemCount\":" + count + ",\"md5Checksum\":\"" + (md5Override != null ? md5Override : md5)
                + "\",\"etag\":\"0-1\",\"dataFileS3Key\":\"" + dataKey + "\"}\n";
        String type = exportTypeOverride != null ? exportTypeOverride : incremental ? "INCREMENTAL_EXPORT" : null;
        String times = incremental
                ? "\"exportFromTime\":\"2026-01-14T10:35:00.000Z\",\"exportToTime\":\"2026-01-14T10:50:00.000Z\","
                + "\"outputView\":\"NEW_AND_OLD_IMAGES\","
                : "\"exportTime\":\"2026-01-14T10:35:00.000Z\",";
        String summary = "{\"version\":\"2023-08-01\",\"exportArn\":\"arn:aws:dynamodb:eu-north-1:123456789012:table/t/export/"
                + EXPORT_ID + "\",\"startTime\":\"2026-01-14T10:56:26.000Z\",\"endTime\":\"2026-01-14T11:01:32.779Z\","
                + "\"tableArn\":\"arn:aws:dynamodb:eu-north-1:123456789012:table/t\",\"tableId\":\"x\"," + times
                + "\"s3Bucket\":\"b\",\"s3Prefix\":null,\"manifestFilesS3Key\":\"AWSDynamoDB/" + EXPORT_ID
                + "/manifest-files.json\",\"itemCount\":" + count + ",\"outputFormat\":\"" + format + "\""
                + (type != null ? ",\"exportType\":\"" + type + "\"" : "") + "}";
        Files.writeString(exportDir.resolve("manifest-files.json"), files);
        Files.writeString(exportDir.resolve("manifest-summary.json"), summary);
        return exportDir;
    }

    private byte[] compress(byte[] plain) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = switch (codec) {
            case GZIP -> new GZIPOutputStream(bytes);
            case ZSTD -> new com.github.luben.zstd.ZstdOutputStream(bytes);
            case NONE -> bytes;
        }) {
            out.write(plain);
        }
        return bytes.toByteArray();
    }

    /** Reads every data file of the export in {@code exportDir} and returns all operations. */
    static List<WriteOp> readAll(Path exportDir) {
        return readAll(exportDir, DecodeOptions.defaults());
    }

    static List<WriteOp> readAll(Path exportDir, DecodeOptions options) {
        LocalExportSource source = LocalExportSource.of(exportDir);
        ExportDescriptor export = ManifestReader.read(source);
        List<WriteOp> ops = new ArrayList<>();
        for (DataFile f : export.dataFiles()) {
            try (DataFileReader r = DataFileReader.open(source, export, f, options)) {
                for (WriteOp op = r.next(); op != null; op = r.next()) {
                    ops.add(op);
                }
            }
        }
        return ops;
    }
}
