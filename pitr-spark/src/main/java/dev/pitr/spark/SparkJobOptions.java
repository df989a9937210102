package dev.pitr.spark;

import dev.pitr.decode.DecodeOptions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What every Spark job of pitr reads: the chain's exports, which part of the chain, and how the
 * driver and executors reach them. {@link SparkRestoreOptions} and {@link SparkCompactOptions} add
 * what their job does with it.
 */
public abstract class SparkJobOptions {
    private final List<String> exports;
    private final boolean allowGaps;
    private final @Nullable Instant until;
    private final ClientFactory clients;
    private final DecodeOptions decodeOptions;

    SparkJobOptions(Builder<?> b) {
        this.exports = List.copyOf(b.exports);
        this.allowGaps = b.allowGaps;
        this.until = b.until;
        this.clients = b.clients;
        this.decodeOptions = b.decodeOptions;
    }

    /** The exports, as given. */
    public List<String> exports() {
        return exports;
    }

    public boolean allowGaps() {
        return allowGaps;
    }

    public @Nullable Instant until() {
        return until;
    }

    public ClientFactory clients() {
        return clients;
    }

    public DecodeOptions decodeOptions() {
        return decodeOptions;
    }

    /** The settings every job's builder has; each setter checks its value as it is set. */
    public abstract static class Builder<B extends Builder<B>> {
        private final List<String> exports = new ArrayList<>();
        private boolean allowGaps;
        private @Nullable Instant until;
        private ClientFactory clients = AwsClientFactory.defaults();
        private DecodeOptions decodeOptions = DecodeOptions.defaults();

        Builder() {
        }

        abstract B self();

        /**
         * An export of the chain, in any order: {@code s3://bucket/[prefix/]AWSDynamoDB/<id>/}
         * (read with the AWS SDK), any other URI a Hadoop file system of the cluster reads
         * ({@code hdfs://}, {@code s3a://}, {@code gs://}, {@code abfs://}, {@code file://}), or a
         * local folder every executor sees. Its {@code manifest-summary.json} may be given instead.
         */
        public B export(String uri) {
            Objects.requireNonNull(uri, "uri");
            if (uri.isBlank()) {
                throw new IllegalArgumentException("export is blank: give the folder of an export,"
                        + " <root>/[prefix/]AWSDynamoDB/<exportId>");
            }
            exports.add(uri);
            return self();
        }

        /** Every export of the chain (added to those given already). */
        public B exports(List<String> uris) {
            uris.forEach(this::export);
            return self();
        }

        /** Apply a chain with gaps between its windows. Default: refused. */
        public B allowGaps(boolean allow) {
            this.allowGaps = allow;
            return self();
        }

        /** Only the part of the chain that ends at {@code until}, an export boundary. */
        public B until(@Nullable Instant until) {
            this.until = until;
            return self();
        }

        /** How the driver and executors make their AWS clients (default: {@link AwsClientFactory#defaults()}). */
        public B clients(ClientFactory clients) {
            this.clients = Objects.requireNonNull(clients, "clients");
            return self();
        }

        /** How data files are read. */
        public B decodeOptions(DecodeOptions options) {
            this.decodeOptions = Objects.requireNonNull(options, "decodeOptions");
            return self();
        }

        /** @throws IllegalStateException when no export was given */
        void checkExports() {
            if (exports.isEmpty()) {
                throw new IllegalStateException("no exports: add each export of the chain with export(uri)");
            }
        }

        static int positive(String what, int n, int max) {
            if (n < 1 || n > max) {
                throw new IllegalArgumentException(what + " must be between 1 and " + max + ", got " + n);
            }
            return n;
        }
    }
}
