package dev.pitr.state;

import dev.pitr.PitrException;
import dev.pitr.manifest.OutputFormat;
import dev.pitr.manifest.internal.ManifestWriter;
import dev.pitr.plan.RestorePlan;
import dev.pitr.state.internal.ExportFileWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Random;
import java.util.zip.CRC32;
import org.jspecify.annotations.Nullable;

/**
 * Writes a {@link ChainState} as one FULL export, in the layout DynamoDB writes
 * ({@code [prefix/]AWSDynamoDB/<export id>/manifest-summary.json}, {@code manifest-files.json},
 * their {@code .md5}, {@code _started} and {@code data/*.json.gz} of {@code {"Item":...}} lines,
 * or {@code data/*.ion.gz} of Ion {@code {Item:...}} lines),
 * so that pitr, ImportTable and any export reader can read it. Its summary names the chain it came
 * from ({@code pitrCompactedFrom}, a field readers ignore).
 *
 * <p>The export id is derived from the chain and its state time, and the manifests are written
 * last: writing again after a crash replaces the same files, and a reader never takes an export
 * without its manifests for a whole one.
 */
public final class StateExport {
    /** How data files are compressed. */
    public enum Compression {
        GZIP, ZSTD, NONE;

        /** ImportTable's name for it: {@code GZIP}, {@code ZSTD} or {@code NONE}. */
        public String importName() {
            return name();
        }
    }

    /**
     * What was written.
     *
     * @param exportId          the new export's id
     * @param exportDirectory   {@code [prefix/]AWSDynamoDB/<export id>} under the root
     * @param keyPrefix         the S3 key prefix of the data, for ImportTable ({@code [prefix/]AWSDynamoDB/<export id>/data/})
     * @param items             items written (deleted keys are not in a FULL export)
     * @param files             data files written
     * @param compressedBytes   bytes of the data files
     * @param uncompressedBytes bytes of their lines
     */
    public record Result(String exportId, Path exportDirectory, String keyPrefix, long items, int files,
                         long compressedBytes, long uncompressedBytes) {
    }

    private final Path root;
    private final @Nullable String prefix;
    private final @Nullable String bucket;
    private final Compression compression;
    private final OutputFormat format;
    private final long maxFileBytes;
    private final Clock clock;

    private StateExport(Builder b) {
        this.root = Objects.requireNonNull(b.root);
        this.prefix = b.prefix;
        this.bucket = b.bucket;
        this.compression = b.compression;
        this.format = b.format;
        this.maxFileBytes = b.maxFileBytes;
        this.clock = b.clock;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Writes {@code state}, the state of {@code plan}, as a FULL export. */
    public Result write(ChainState state, RestorePlan plan) {
        String exportId = exportId(plan);
        String base = exportFolder(plan, prefix);
        Path dir = root.resolve(base);
        Random names = new Random(crc(exportId));
        try {
            ManifestWriter.writeStarted(dir);
            Files.createDirectories(dir.resolve("data"));
            ByteArrayOutputStream manifest = new ByteArrayOutputStream();
            long items = 0;
            long compressed = 0;
            long uncompressed = 0;
            int files = 0;
            try (ChainState.StateCursor cursor = state.cursor()) {
                boolean more = advanceToItem(cursor);
                while (more || files == 0) {
                    String key = base + "/data/" + name(names) + ExportFileWriter.extension(format, compression);
                    ExportFileWriter.Written written;
                    try (ExportFileWriter file = new ExportFileWriter(Files.newOutputStream(root.resolve(key)), format,
                            compression)) {
                        while (more && file.uncompressedBytes() < maxFileBytes) {
                            file.write(Objects.requireNonNull(cursor.item()));
                            more = advanceToItem(cursor);
                        }
                        written = file.finish();
                    }
                    manifest.write(written.manifestLine(key));
                    items += written.lines();
                    compressed += written.compressedBytes();
                    uncompressed += written.uncompressedBytes();
                    files++;
                }
            }
            ManifestWriter.writeManifests(dir, manifest.toByteArray(),
                    summary(plan, prefix, bucket, format, items, clock.instant()));
            return new Result(exportId, dir, base + "/data/", items, files, compressed, uncompressed);
        } catch (IOException e) {
            throw new PitrException("Cannot write the compacted export under " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * The summary of the FULL export compacted from {@code plan}: as of its state time, naming the
     * chain it came from, under {@code [prefix/]AWSDynamoDB/<exportId(plan)>}.
     */
    public static ManifestWriter.Summary summary(RestorePlan plan, @Nullable String prefix, @Nullable String bucket,
                                                 OutputFormat format, long items, Instant endTime) {
        Instant exportTime = plan.stateTime();
        return new ManifestWriter.Summary(ManifestWriter.FULL_VERSION, plan.tableArn() + "/export/" + exportId(plan),
                exportTime, endTime, plan.tableArn(), null, exportTime, null, null, bucket, prefix, "AES256", null,
                exportFolder(plan, prefix) + "/manifest-files.json", 0, items, format.name(), null, "FULL_EXPORT", plan.fingerprint());
    }

    /** The key of the compacted export's folder under the root: {@code [prefix/]AWSDynamoDB/<exportId(plan)>}. */
    public static String exportFolder(RestorePlan plan, @Nullable String prefix) {
        return (prefix == null ? "" : prefix + "/") + "AWSDynamoDB/" + exportId(plan);
    }

    /** {@code <14-digit epoch ms of the state time>-<8 hex of the chain>}, the same for the same chain. */
    public static String exportId(RestorePlan plan) {
        return String.format(Locale.ROOT, "%014d-%08x", plan.stateTime().toEpochMilli(),
                crc(String.join("\n", plan.fingerprint())));
    }

    private static boolean advanceToItem(ChainState.StateCursor cursor) {
        while (cursor.next()) {
            if (!cursor.isDeleted()) {
                return true;
            }
        }
        return false;
    }

    private static String name(Random random) {
        String alphabet = "abcdefghijklmnopqrstuvwxyz234567";
        StringBuilder b = new StringBuilder(26);
        for (int i = 0; i < 26; i++) {
            b.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return b.toString();
    }

    private static long crc(String s) {
        CRC32 crc = new CRC32();
        crc.update(s.getBytes(StandardCharsets.UTF_8));
        return crc.getValue();
    }

    /** Builds a {@link StateExport}. */
    public static final class Builder {
        private @Nullable Path root;
        private @Nullable String prefix;
        private @Nullable String bucket;
        private Compression compression = Compression.GZIP;
        private OutputFormat format = OutputFormat.DYNAMODB_JSON;
        private long maxFileBytes = 256L << 20;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** The folder that stands for the bucket root. Required. */
        public Builder root(Path root) {
            this.root = Objects.requireNonNull(root, "root");
            return this;
        }

        /** The key prefix under the root, like {@code exports/orders}, or {@code null} for none. */
        public Builder prefix(@Nullable String prefix) {
            if (prefix != null && (prefix.isEmpty() || prefix.startsWith("/") || prefix.endsWith("/")
                    || prefix.contains(".."))) {
                throw new IllegalArgumentException("prefix must be segments joined by '/', without leading or trailing"
                        + " '/' or '..', got \"" + prefix + "\"");
            }
            this.prefix = prefix;
            return this;
        }

        /** The bucket the summary names ({@code s3Bucket}), or {@code null}. */
        public Builder bucket(@Nullable String bucket) {
            this.bucket = bucket;
            return this;
        }

        /** How data files are compressed. Default GZIP. */
        public Builder compression(Compression compression) {
            this.compression = Objects.requireNonNull(compression, "compression");
            return this;
        }

        /** The lines' format: DynamoDB JSON (default) or Amazon Ion, both as DynamoDB writes them. */
        public Builder format(OutputFormat format) {
            this.format = Objects.requireNonNull(format, "format");
            return this;
        }

        /** Uncompressed bytes per data file before the next one starts. Default 256 MiB. */
        public Builder maxFileBytes(long bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("maxFileBytes must be positive, got " + bytes);
            }
            this.maxFileBytes = bytes;
            return this;
        }

        /** The clock of the summary's end time. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public StateExport build() {
            if (root == null) {
                throw new IllegalStateException("no root: set the folder that stands for the bucket with root(...)");
            }
            return new StateExport(this);
        }
    }
}
