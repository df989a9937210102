package dev.pitr.s3;

import dev.pitr.ExportFileNotFoundException;
import dev.pitr.ExportKeyRefusedException;
import dev.pitr.PitrException;
import dev.pitr.internal.Backoff;
import dev.pitr.s3.internal.ExportLocation;
import dev.pitr.s3.internal.ReadCounters;
import dev.pitr.s3.internal.ReadSettings;
import dev.pitr.s3.internal.S3Access;
import dev.pitr.source.ExportSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.io.InputStream;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executor;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/**
 * An export read straight from S3 through the caller's {@link S3AsyncClient}.
 *
 * <p>Each object is opened with a HEAD (size and ETag), then streamed through parallel ranged
 * GETs ({@code Range: bytes=a-b}, never {@code partNumber}): up to {@link Builder#readAhead(int)}
 * parts of {@link Builder#partSize(long)} bytes in flight per stream, so a stream holds at most
 * {@code partSize * readAhead} bytes whatever the object's size. A GET cut by a reset, an I/O
 * error or a 5xx is resumed from the first byte not yet received, with capped exponential
 * backoff and full jitter, up to {@link Builder#maxRetries(int)} times per part. Every GET carries
 * {@code If-Match}: an object replaced while it is read fails the read with an
 * {@link dev.pitr.ExportIntegrityException} instead of mixing two versions.
 *
 * <p>Data files are only ever opened by the keys the manifest lists: {@code data/} is never
 * listed (incremental exports under one prefix share it). The client is never closed by this
 * class. Safe for concurrent use; each returned stream is for one reader.
 *
 * <pre>{@code
 * ExportSource source = S3ExportSource.builder()
 *     .client(s3AsyncClient)
 *     .exportUri("s3://bucket/prefix/AWSDynamoDB/01715685260608-c488b4e1/")
 *     .build();
 * ExportDescriptor export = ManifestReader.read(source);
 * }</pre>
 */
public final class S3ExportSource implements ExportSource {
    /** Default bytes per ranged GET: 8 MiB. */
    public static final long DEFAULT_PART_SIZE = 8L << 20;
    /** Default parts in flight per stream. */
    public static final int DEFAULT_READ_AHEAD = 4;
    /** Default resumes of one part before a read fails. */
    public static final int DEFAULT_MAX_RETRIES = 10;
    /** Default first backoff after a failure that brought no new bytes. */
    public static final Duration DEFAULT_BASE_DELAY = Duration.ofMillis(200);
    /** Default cap on the backoff. */
    public static final Duration DEFAULT_MAX_DELAY = Duration.ofSeconds(10);

    static final long MIN_PART_SIZE = 16L << 10;
    static final long MAX_PART_SIZE = 1L << 30;
    static final int MAX_READ_AHEAD = 64;
    static final long MAX_BYTES_PER_STREAM = 2L << 30;

    private final ExportLocation location;
    private final S3Access access;
    private final ReadCounters counters;

    private S3ExportSource(Builder b) {
        this.location = b.location;
        this.counters = b.registry == null ? new ReadCounters()
                : new ReadCounters(b.registry, Tags.of("bucket", location.folder().bucket(), "export", location.exportId()));
        ReadSettings settings = new ReadSettings((int) b.partSize, b.readAhead, b.maxRetries,
                Backoff.create(b.baseDelay, b.maxDelay), b.executor);
        this.access = new S3Access(b.client, settings, counters);
    }

    /** A builder; {@link Builder#client} and {@link Builder#exportUri} are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** The export folder, {@code s3://bucket/[prefix/]AWSDynamoDB/<exportId>/}. */
    public S3Uri exportFolder() {
        return location.folder();
    }

    /** What this source has fetched so far, over all its streams. */
    public S3ReadStats stats() {
        return counters.snapshot();
    }

    /** The {@code s3://} URI of the export folder, ending in {@code /}. */
    @Override
    public String location() {
        return location.folder().toString();
    }

    /**
     * @throws IllegalArgumentException when {@code name} is not a plain file name
     * @throws PitrException            when the bucket is missing, access is denied, the region is wrong
     */
    @Override
    public Optional<InputStream> openExportFile(String name) {
        return access.open(exportFile(name));
    }

    /**
     * @throws ExportFileNotFoundException naming the {@code s3://} URI when there is no such object
     * @throws ExportKeyRefusedException   when the key is empty, starts with {@code /} or has a
     *                                     {@code ..} segment
     * @throws PitrException               when the bucket is missing, access is denied, the region is wrong
     */
    @Override
    public InputStream open(String key, String what) {
        S3Uri uri = object(key);
        return access.open(uri).orElseThrow(() -> new ExportFileNotFoundException(uri.toString(), what));
    }

    /**
     * {@code s3://bucket/key}.
     *
     * @throws ExportKeyRefusedException when the key is empty, starts with {@code /} or has a
     *                                   {@code ..} segment
     */
    @Override
    public String nameOf(String key) {
        return object(key).toString();
    }

    @Override
    public String nameOfExportFile(String name) {
        return exportFile(name).toString();
    }

    /**
     * @throws ExportKeyRefusedException when {@code key} is empty, names no object of the bucket, or
     *                                   has a {@code ..} segment: S3 takes it literally, but a
     *                                   path-style request may be resolved on the way
     *                                   ({@code /bucket/../other/key}), or refused as s3proxy does
     */
    private S3Uri object(String key) {
        if (key == null || key.isEmpty()) {
            throw new ExportKeyRefusedException("", "an empty key, in the export at " + location());
        }
        for (String segment : key.split("/", -1)) {
            if (segment.equals("..")) {
                throw new ExportKeyRefusedException(key, "it leaves the export root (it has a \"..\" segment)");
            }
        }
        try {
            return location.folder().withKey(key);
        } catch (IllegalArgumentException e) {
            throw new ExportKeyRefusedException(key, "it is not an object key of the export at " + location()
                    + " (" + e.getMessage() + ")");
        }
    }

    private S3Uri exportFile(String name) {
        if (name == null || name.isEmpty() || name.contains("/") || name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException("Not a file name of the export folder: \"" + name + "\"");
        }
        return location.file(name);
    }

    @Override
    public String toString() {
        return "S3ExportSource[" + location() + "]";
    }

    /** Builds an {@link S3ExportSource}; every setter checks its value at once. */
    public static final class Builder {
        private S3AsyncClient client;
        private ExportLocation location;
        private long partSize = DEFAULT_PART_SIZE;
        private int readAhead = DEFAULT_READ_AHEAD;
        private int maxRetries = DEFAULT_MAX_RETRIES;
        private Duration baseDelay = DEFAULT_BASE_DELAY;
        private Duration maxDelay = DEFAULT_MAX_DELAY;
        private Executor executor;
        private MeterRegistry registry;

        private Builder() {
        }

        /** The client to read with; never closed by the source. Required. */
        public Builder client(S3AsyncClient client) {
            if (client == null) {
                throw new IllegalArgumentException("client must not be null");
            }
            this.client = client;
            return this;
        }

        /**
         * The export: {@code s3://bucket/[prefix/]AWSDynamoDB/<exportId>/} or the URI of its
         * {@code manifest-summary.json}. Required.
         *
         * @throws IllegalArgumentException naming the URI when it has another shape
         */
        public Builder exportUri(String exportUri) {
            this.location = ExportLocation.parse(exportUri);
            return this;
        }

        /** Bytes per ranged GET, from 16 KiB to 1 GiB; default 8 MiB. */
        public Builder partSize(long bytes) {
            if (bytes < MIN_PART_SIZE || bytes > MAX_PART_SIZE) {
                throw new IllegalArgumentException("partSize must be between " + MIN_PART_SIZE + " and "
                        + MAX_PART_SIZE + " bytes: " + bytes);
            }
            this.partSize = bytes;
            return this;
        }

        /** Parts in flight or buffered per open stream, 1 to 64; default 4. */
        public Builder readAhead(int parts) {
            if (parts < 1 || parts > MAX_READ_AHEAD) {
                throw new IllegalArgumentException("readAhead must be between 1 and " + MAX_READ_AHEAD + ": " + parts);
            }
            this.readAhead = parts;
            return this;
        }

        /** Resumes allowed per part before a read fails, 0 to 1000; default 10. */
        public Builder maxRetries(int retries) {
            if (retries < 0 || retries > 1000) {
                throw new IllegalArgumentException("maxRetries must be between 0 and 1000: " + retries);
            }
            this.maxRetries = retries;
            return this;
        }

        /**
         * Backoff between attempts that bring no new bytes: a random wait up to {@code base}, the
         * bound doubled each time, at most {@code max} (full jitter). A resume after progress is sent
         * at once. Default 200 ms to 10 s.
         */
        public Builder retryBackoff(Duration base, Duration max) {
            if (base == null || base.isNegative() || base.isZero()) {
                throw new IllegalArgumentException("retry base delay must be positive: " + base);
            }
            if (max == null || max.compareTo(base) < 0) {
                throw new IllegalArgumentException("retry max delay must be at least the base delay " + base + ": " + max);
            }
            this.baseDelay = base;
            this.maxDelay = max;
            return this;
        }

        /**
         * Where GET completions and resumes are handled; by default the SDK's completion threads.
         * Body bytes are delivered to readers without it, but a resume after a failure waits for
         * it: do not pass a pool whose threads may all be blocked reading these streams. Never
         * shut down by the source.
         */
        public Builder executor(Executor executor) {
            if (executor == null) {
                throw new IllegalArgumentException("executor must not be null");
            }
            this.executor = executor;
            return this;
        }

        /**
         * Publishes the read counters as {@code pitr.s3.*} meters tagged with the bucket and the
         * export id. Optional.
         */
        public Builder meterRegistry(MeterRegistry registry) {
            if (registry == null) {
                throw new IllegalArgumentException("meterRegistry must not be null");
            }
            this.registry = registry;
            return this;
        }

        /**
         * @throws IllegalStateException when the client or the export URI is missing, or a stream
         *                               would buffer more than 2 GiB ({@code partSize * readAhead})
         */
        public S3ExportSource build() {
            if (client == null) {
                throw new IllegalStateException("client is required");
            }
            if (location == null) {
                throw new IllegalStateException("exportUri is required");
            }
            if (partSize * readAhead > MAX_BYTES_PER_STREAM) {
                throw new IllegalStateException("partSize " + partSize + " x readAhead " + readAhead
                        + " would buffer more than " + MAX_BYTES_PER_STREAM + " bytes per stream");
            }
            return new S3ExportSource(this);
        }
    }
}
