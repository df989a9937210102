package dev.pitr.spark;

import dev.pitr.manifest.OutputFormat;
import dev.pitr.model.KeySchema;
import dev.pitr.state.StateExport;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What {@link PitrSpark#compact} turns into one FULL export, and where it goes: the cluster does
 * what {@code pitr compact} does on one machine, and the result loads with ImportTable (or a
 * one-step restore).
 */
public final class SparkCompactOptions extends SparkJobOptions {
    private final KeySchema keySchema;
    private final String to;
    private final @Nullable String prefix;
    private final @Nullable String bucket;
    private final OutputFormat format;
    private final StateExport.Compression compression;
    private final int partitions;

    private SparkCompactOptions(Builder b) {
        super(b);
        this.keySchema = Objects.requireNonNull(b.keySchema);
        this.to = Objects.requireNonNull(b.to);
        this.prefix = b.prefix;
        this.bucket = b.bucket;
        this.format = b.format;
        this.compression = b.compression;
        this.partitions = b.partitions;
    }

    public static Builder builder() {
        return new Builder();
    }

    public KeySchema keySchema() {
        return keySchema;
    }

    /** The folder (any Hadoop path) that stands for the bucket root. */
    public String to() {
        return to;
    }

    public @Nullable String prefix() {
        return prefix;
    }

    public @Nullable String bucket() {
        return bucket;
    }

    public OutputFormat format() {
        return format;
    }

    public StateExport.Compression compression() {
        return compression;
    }

    /** Data files to write (one per partition), or 0 for twice the cluster's parallelism. */
    public int partitions() {
        return partitions;
    }

    /** Builds {@link SparkCompactOptions}; checks each value as it is set. */
    public static final class Builder extends SparkJobOptions.Builder<Builder> {
        private @Nullable KeySchema keySchema;
        private @Nullable String to;
        private @Nullable String prefix;
        private @Nullable String bucket;
        private OutputFormat format = OutputFormat.DYNAMODB_JSON;
        private StateExport.Compression compression = StateExport.Compression.GZIP;
        private int partitions;

        private Builder() {
        }

        @Override
        Builder self() {
            return this;
        }

        /** The table's key schema (exports do not carry it). Required. */
        public Builder keySchema(KeySchema schema) {
            this.keySchema = Objects.requireNonNull(schema, "keySchema");
            return this;
        }

        /**
         * Where the export goes: a Hadoop path standing for the bucket root ({@code s3://bucket} on
         * EMR, {@code s3a://bucket}, {@code hdfs://...}, {@code file:///...}). Required.
         */
        public Builder to(String root) {
            Objects.requireNonNull(root, "to");
            if (root.isBlank()) {
                throw new IllegalArgumentException("to is blank");
            }
            this.to = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
            return this;
        }

        /** The key prefix under the root, like {@code exports/orders} (default none). */
        public Builder prefix(@Nullable String prefix) {
            StateExport.builder().prefix(prefix); // the same rule as pitr compact's
            this.prefix = prefix;
            return this;
        }

        /** The bucket the summary names, for ImportTable (default none). */
        public Builder bucket(@Nullable String bucket) {
            this.bucket = bucket;
            return this;
        }

        /** DynamoDB JSON (default) or Ion lines. */
        public Builder format(OutputFormat format) {
            this.format = Objects.requireNonNull(format, "format");
            return this;
        }

        /** GZIP (default), ZSTD or NONE. */
        public Builder compression(StateExport.Compression compression) {
            this.compression = Objects.requireNonNull(compression, "compression");
            return this;
        }

        /** Data files to write, one per partition (default: twice the cluster's parallelism). */
        public Builder partitions(int partitions) {
            this.partitions = positive("partitions", partitions, 1_000_000);
            return this;
        }

        public SparkCompactOptions build() {
            checkExports();
            if (keySchema == null) {
                throw new IllegalStateException("no key schema: give the table's key with keySchema(...)");
            }
            if (to == null) {
                throw new IllegalStateException("no destination: say where the export goes with to(path)");
            }
            return new SparkCompactOptions(this);
        }
    }
}
