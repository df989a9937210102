package dev.pitr.examples;

import dev.pitr.PitrException;
import dev.pitr.model.Key;
import dev.pitr.verify.VerifyListener;
import dev.pitr.write.internal.DynamoDbJson;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A file of keys, one JSON line each, keys only (never values), in DynamoDB JSON:
 * {@code {"kind":"missing","key":{"pk":{"S":"a"}}}}. {@code pitr verify --diff} writes the keys
 * that differ (with {@code "afterRepair":true} on a key still different after a repair),
 * {@code pitr revert --conflicts} the keys left alone; {@code pitr revert --keys} reads either.
 * Written as keys are found; created (or truncated) before the command starts.
 */
final class KeyFile implements AutoCloseable {
    private final Path path;
    private final OutputStream out;
    private final DynamoDbJson json = new DynamoDbJson();

    private KeyFile(Path path, OutputStream out) {
        this.path = path;
        this.out = out;
    }

    /**
     * Creates the file.
     *
     * @throws UsageException when its folder does not exist or it cannot be created
     */
    static KeyFile create(String option, Path path) {
        Path parent = path.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new UsageException(option + " " + path + ": folder " + parent + " does not exist");
        }
        try {
            return new KeyFile(path, new BufferedOutputStream(Files.newOutputStream(path)));
        } catch (IOException e) {
            throw new UsageException(option + " " + path + ": cannot be written: " + e.getMessage(), e);
        }
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
        try {
            out.write(json.toByteArray());
        } catch (IOException e) {
            throw new PitrException("Cannot write the key file " + path + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new PitrException("Cannot write the key file " + path + ": " + e.getMessage(), e);
        }
    }
}
