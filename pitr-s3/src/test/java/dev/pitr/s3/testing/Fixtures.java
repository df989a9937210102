package dev.pitr.s3.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** The real export samples in the shared folder beside the project. */
public final class Fixtures {
    private Fixtures() {
    }

    /** {@code fixtures/<name>}, e.g. {@code scylla-bucket}; fails when it is not there. */
    public static Path dir(String name) {
        String shared = System.getProperty("pitr.shared.dir", "../../shared");
        Path p = Path.of(shared, "fixtures", name).toAbsolutePath().normalize();
        if (!Files.isDirectory(p)) {
            throw new IllegalStateException("Fixture folder not found: " + p + " (set pitr.shared.dir)");
        }
        return p;
    }
}
