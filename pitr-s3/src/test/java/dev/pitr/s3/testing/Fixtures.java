package dev.pitr.s3.testing;

import dev.pitr.testing.SharedFixtures;
import java.nio.file.Files;
import java.nio.file.Path;

/** The real export samples, found as pitr-testkit's {@link SharedFixtures} finds them. */
public final class Fixtures {
    private Fixtures() {
    }

    /** {@code fixtures/<name>}, e.g. {@code scylla-bucket}; fails when it is not there. */
    public static Path dir(String name) {
        Path p = SharedFixtures.dir().resolve(name);
        if (!Files.isDirectory(p)) {
            throw new IllegalStateException("Fixture folder not found: " + p);
        }
        return p;
    }
}
