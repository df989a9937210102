package dev.pitr.write;

import dev.pitr.PitrException;
import dev.pitr.model.WriteOp;
import dev.pitr.write.internal.DynamoDbJson;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * A {@link DeadLetterSink} that appends one JSON object per skipped operation to a file (JSON
 * Lines). Each line is written whole and forced to disk ({@link FileChannel#force}) before
 * {@link #accept} returns, so a line is never lost to a crash once its operation counts as done;
 * that costs one sync per skipped operation. Each line holds the origin, the reason and the
 * operation as a DynamoDB {@code WriteRequest}, ready to fix and replay with
 * {@code aws dynamodb batch-write-item}:
 * <pre>{@code
 * {"file":"data/abc.json.gz","line":12,"reason":"...","writeTimestampMicros":1700000000000000,
 *  "key":{"pk":{"S":"a"}},"request":{"PutRequest":{"Item":{"pk":{"S":"a"},...}}}}
 * }</pre>
 * ({@code writeTimestampMicros} only for operations of incremental exports). The {@code request}
 * is the very entry the DynamoDB sink sends for the operation ({@link DynamoDbJson}, one escaping
 * rule for both). The file is the user's own data and holds attribute values; nothing of it is
 * logged.
 */
public final class JsonLinesDeadLetterSink implements DeadLetterSink {
    private final Path file;
    private final FileChannel channel;
    /** Each line is rendered here whole, then written to the file in one go. */
    private final DynamoDbJson line = new DynamoDbJson();
    private long lines;
    private boolean closed;

    private JsonLinesDeadLetterSink(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    /** Opens files and folders; tests pass one that watches what is forced. */
    @FunctionalInterface
    interface ChannelOpener {
        FileChannel open(Path path, OpenOption... options) throws IOException;
    }

    /**
     * Opens {@code file} for appending, creating it (not its folder) when missing. When it is
     * created, its folder is synced too where the platform allows, so the new file survives a
     * crash.
     *
     * @throws PitrException naming the file when it cannot be opened
     */
    public static JsonLinesDeadLetterSink open(Path file) {
        return open(file, FileChannel::open);
    }

    static JsonLinesDeadLetterSink open(Path file, ChannelOpener opener) {
        Objects.requireNonNull(file, "file");
        FileChannel channel = null;
        try {
            try {
                channel = opener.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                        StandardOpenOption.APPEND);
                forceFolder(file, opener);
            } catch (FileAlreadyExistsException e) {
                // CREATE as well: the name may be a link to a file not made yet.
                channel = opener.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.APPEND);
            }
            return new JsonLinesDeadLetterSink(file, channel);
        } catch (IOException e) {
            closeQuietly(channel, e);
            throw new PitrException("Cannot open dead-letter file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Syncs the folder that holds a newly created file, so its entry is durable too. */
    private static void forceFolder(Path file, ChannelOpener opener) {
        Path folder = file.toAbsolutePath().getParent();
        if (folder == null) {
            return;
        }
        try (FileChannel d = opener.open(folder, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            // Some platforms cannot open a folder for sync; the file itself is still synced on each line.
        }
    }

    /** The file written. */
    public Path file() {
        return file;
    }

    /** Lines written since this sink was opened. */
    public synchronized long linesWritten() {
        return lines;
    }

    @Override
    public synchronized void accept(SkippedOperation skipped) {
        Objects.requireNonNull(skipped, "skipped");
        if (closed) {
            throw new IllegalStateException("dead-letter file " + file + " is closed");
        }
        WriteOp op = skipped.operation();
        line.reset();
        writeLine(line, skipped, op);
        try {
            ByteBuffer bytes = ByteBuffer.wrap(line.toByteArray());
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(false);
            lines++;
        } catch (IOException e) {
            throw new PitrException("Cannot write to dead-letter file " + file + " (operation from "
                    + skipped.origin() + "): " + e.getMessage(), e);
        }
    }

    private static void writeLine(DynamoDbJson json, SkippedOperation skipped, WriteOp op) {
        json.ascii("{\"file\":");
        json.string(skipped.origin().file());
        json.ascii(",\"line\":");
        json.number(skipped.origin().line());
        json.ascii(",\"reason\":");
        json.string(skipped.reason());
        if (op.writeTimestampMicros() != WriteOp.NO_TIMESTAMP) {
            json.ascii(",\"writeTimestampMicros\":");
            json.number(op.writeTimestampMicros());
        }
        json.ascii(",\"key\":");
        json.attributes(skipped.key().attributes());
        json.ascii(",\"request\":");
        json.writeRequest(op);
        json.ascii("}\n");
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            channel.close();
        } catch (IOException e) {
            throw new PitrException("Cannot close dead-letter file " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "JsonLinesDeadLetterSink[" + file + "]";
    }

    private static void closeQuietly(FileChannel channel, IOException failure) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                failure.addSuppressed(e);
            }
        }
    }
}
