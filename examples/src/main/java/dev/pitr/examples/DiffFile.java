package dev.pitr.examples;

import dev.pitr.PitrException;
import dev.pitr.verify.VerifyListener;
import dev.pitr.write.internal.DynamoDbJson;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code --diff}: one JSON line per key that differs, keys only (never values), in DynamoDB
 * JSON: {@code {"kind":"missing","key":{"pk":{"S":"a"}}}}, with {@code "afterRepair":true} on
 * a key still different after a repair. Written as the verify finds them; created (or
 * truncated) before it starts.
 */
final class DiffFile implements AutoCloseable {
    private final Path path;
    private final OutputStream out;
    private final DynamoDbJson json = new DynamoDbJson();

    private DiffFile(Path path, OutputStream out) {
        this.path = path;
        this.out = out;
    }

    /**
     * Creates the file.
     *
     * @throws UsageException when its folder does not exist or it cannot be created
     */
    static DiffFile create(Path path) {
        Path parent = path.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new UsageException("--diff " + path + ": folder " + parent + " does not exist");
        }
        try {
            return new DiffFile(path, new BufferedOutputStream(Files.newOutputStream(path)));
        } catch (IOException e) {
            throw new UsageException("--diff " + path + ": cannot be written: " + e.getMessage(), e);
        }
    }

    /** Writes one difference. */
    synchronized void write(VerifyListener.Difference d) {
        json.reset();
        json.ascii("{\"kind\":\"" + d.kind().label() + "\",\"key\":");
        json.attributes(d.key().attributes());
        json.ascii(d.pass() > 1 ? ",\"afterRepair\":true}\n" : "}\n");
        try {
            out.write(json.toByteArray());
        } catch (IOException e) {
            throw new PitrException("Cannot write the diff file " + path + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new PitrException("Cannot write the diff file " + path + ": " + e.getMessage(), e);
        }
    }
}
