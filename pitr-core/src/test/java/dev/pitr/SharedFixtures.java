package dev.pitr;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Locates the real export samples in {@code ../shared/fixtures} beside the project. */
public final class SharedFixtures {
    private SharedFixtures() {
    }

    /** The fixtures folder; fails loudly when it is not there (never skips silently). */
    public static Path dir() {
        String configured = System.getProperty("pitr.shared.dir");
        Path[] candidates = {
            configured == null ? null : Paths.get(configured, "fixtures"),
            Paths.get("../shared/fixtures"),
            Paths.get("../../shared/fixtures"),
        };
        for (Path p : candidates) {
            if (p != null && Files.isDirectory(p)) {
                return p.toAbsolutePath().normalize();
            }
        }
        throw new IllegalStateException("The shared fixtures are missing: expected ../shared/fixtures beside the project"
                + " (pitr.shared.dir=" + configured + ")");
    }

    /** The FULL export of the scylla-bucket sample: 3 items covering every type. */
    public static Path scyllaExport() {
        return dir().resolve("scylla-bucket/dynamodb-export/AWSDynamoDB/01715685260608-c488b4e1");
    }

    /** The sabuat-bucket sample: manifests and .md5 files, its data file absent. */
    public static Path sabuatExport() {
        return dir().resolve("sabuat-bucket/AWSDynamoDB/01668227450456-b6733290");
    }
}
