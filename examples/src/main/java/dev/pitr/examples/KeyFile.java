package dev.pitr.examples;

import dev.pitr.PitrException;
import dev.pitr.model.Key;
import dev.pitr.verify.VerifyListener;
import dev.pitr.write.internal.DynamoDbJson;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.jspecify.annotations.Nullable;

/**
 * A file of keys, one JSON line each, keys only (never values), in DynamoDB JSON:
 * {@code {"kind":"missing","key":{"pk":{"S":"a"}}}}. {@code pitr verify --diff} writes the keys
 * that differ (with {@code "afterRepair":true} on a key still different after a repair),
 * {@code pitr revert --conflicts} the keys left alone; {@code pitr revert --keys} reads either.
 * Written as keys are found. {@link #create} truncates the file before the command starts;
 * {@link #resumable} leaves it until {@link #keep} says how many of its lines a resumed command
 * keeps, and flushes each line, so a killed command leaves every line it wrote.
 */
final class KeyFile implements AutoCloseable {
    private final String option;
    private final Path path;
    private final boolean flushEachLine;
    private final DynamoDbJson json = new DynamoDbJson();
    private @Nullable OutputStream out;

    private KeyFile(String option, Path path, @Nullable OutputStream out, boolean flushEachLine) {
        this.option = option;
        this.path = path;
        this.out = out;
        this.flushEachLine = flushEachLine;
    }

    /**
     * Creates the file (truncates it if it exists).
     *
     * @throws UsageException when its folder does not exist or it cannot be created
     */
    static KeyFile create(String option, Path path) {
        checkFolder(option, path);
        try {
            return new KeyFile(option, path, new BufferedOutputStream(Files.newOutputStream(path)), false);
        } catch (IOException e) {
            throw new UsageException(option + " " + path + ": cannot be written: " + e.getMessage(), e);
        }
    }

    /**
     * A file that a resumed command goes on writing: nothing is touched until {@link #keep}.
     *
     * @throws UsageException when its folder does not exist, or the file exists and cannot be written
     */
    static KeyFile resumable(String option, Path path) {
        checkFolder(option, path);
        if (Files.exists(path) && !(Files.isRegularFile(path) && Files.isWritable(path))) {
            throw new UsageException(option + " " + path + ": cannot be written");
        }
        return new KeyFile(option, path, null, true);
    }

    private static void checkFolder(String option, Path path) {
        Path parent = path.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new UsageException(option + " " + path + ": folder " + parent + " does not exist");
        }
    }

    /**
     * Keeps the first {@code lines} whole lines of the file (none for a new command), drops the
     * rest, and opens it to go on writing after them.
     *
     * @return the lines kept: fewer than asked when the file holds fewer (or does not exist)
     */
    synchronized long keep(long lines) {
        if (out != null) {
            throw new IllegalStateException(path + " is open already");
        }
        FileChannel channel;
        try {
            channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new PitrException("Cannot write " + option + " " + path + ": " + e.getMessage(), e);
        }
        try {
            long kept = 0;
            long end = 0;
            if (lines > 0) {
                ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
                long position = 0;
                while (kept < lines && channel.read(buffer, position) > 0) {
                    buffer.flip();
                    while (buffer.hasRemaining() && kept < lines) {
                        if (buffer.get() == '\n') {
                            kept++;
                            end = position + buffer.position();
                        }
                    }
                    position += buffer.position();
                    buffer.clear();
                }
            }
            channel.truncate(end);
            channel.position(end);
            out = new BufferedOutputStream(Channels.newOutputStream(channel));
            return kept;
        } catch (IOException e) {
            try {
                channel.close();
            } catch (IOException closing) {
                e.addSuppressed(closing);
            }
            throw new PitrException("Cannot write " + option + " " + path + ": " + e.getMessage(), e);
        }
    }

    /** The file. */
    Path path() {
        return path;
    }

    /** Writes one difference. */
    void write(VerifyListener.Difference d) {
        write(d.kind().label(), d.key(), d.pass() > 1);
    }

    /** Writes one key of {@code kind}. */
    synchronized void write(String kind, Key key, boolean afterRepair) {
        json.reset();
        json.ascii("{\"kind\":\"" + kind + "\",\"key\":");
        json.attributes(key.attributes());
        json.ascii(afterRepair ? ",\"afterRepair\":true}\n" : "}\n");
        if (out == null) {
            throw new IllegalStateException(path + " is not open: keep() comes first");
        }
        try {
            out.write(json.toByteArray());
            if (flushEachLine) {
                out.flush();
            }
        } catch (IOException e) {
            throw new PitrException("Cannot write " + option + " " + path + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        if (out == null) {
            return;
        }
        try {
            out.close();
        } catch (IOException e) {
            throw new PitrException("Cannot write " + option + " " + path + ": " + e.getMessage(), e);
        }
    }
}
