package dev.pitr.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Locates the real export samples: {@code ../shared/fixtures} beside the project when it is there
 * (the project's shared folder, authoritative), else the copy bundled in this jar under
 * {@code dev/pitr/testing/fixtures} (with its PROVENANCE.txt), so a clone on its own runs the
 * same tests.
 */
public final class SharedFixtures {
    /** Where the bundled copy sits on the classpath: under this package, clear of a user's own {@code /fixtures}. */
    private static final String BUNDLED = "/dev/pitr/testing/fixtures";

    private static Path bundled;

    private SharedFixtures() {
    }

    /** The fixtures folder. */
    public static synchronized Path dir() {
        String configured = System.getProperty("pitr.shared.dir");
        Path[] candidates = {
            configured == null ? null : Paths.get(configured, "fixtures"),
            Paths.get("../shared/fixtures"),
            Paths.get("../../shared/fixtures"),
        };
        for (Path p : candidates) {
            if (p != null && Files.isDirectory(p.resolve("scylla-bucket"))) {
                return p.toAbsolutePath().normalize();
            }
        }
        if (bundled == null) {
            bundled = extractBundled();
        }
        return bundled;
    }

    private static Path extractBundled() {
        URL marker = SharedFixtures.class.getResource(BUNDLED + "/PROVENANCE.txt");
        if (marker == null) {
            throw new IllegalStateException("No fixtures: neither ../shared/fixtures nor the bundled copy is there");
        }
        try {
            URI uri = marker.toURI();
            if ("file".equals(uri.getScheme())) {
                return Paths.get(uri).getParent();
            }
            // Inside the jar: copy the samples out once, to a real folder.
            Path target = Files.createTempDirectory("pitr-fixtures");
            try (FileSystem jar = FileSystems.newFileSystem(URI.create(uri.toString().split("!")[0]), Map.of());
                 Stream<Path> files = Files.walk(jar.getPath(BUNDLED))) {
                for (Path p : (Iterable<Path>) files::iterator) {
                    Path out = target.resolve(jar.getPath(BUNDLED).relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(out);
                    } else {
                        Files.copy(p, out);
                    }
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The FULL export of the scylla-bucket sample: 3 items covering every type. */
    public static Path scyllaExport() {
        return dir().resolve("scylla-bucket/dynamodb-export/AWSDynamoDB/01715685260608-c488b4e1");
    }

    /** The sabuat-bucket sample: manifests and .md5 files, its data file absent. */
    public static Path sabuatExport() {
        return dir().resolve("sabuat-bucket/AWSDynamoDB/01668227450456-b6733290");
    }

    /**
     * The real chain sample, laid out as a bucket root: table {@code test} (pk S, sk S), a FULL
     * export at 10:18:50.622 and incrementals 10:20-10:35 and 10:35-10:50 (NEW_AND_OLD_IMAGES),
     * with a 69.378 s gap between the FULL export and the first window.
     */
    public static Path realChainBucket() {
        return dir().resolve("real-chain-bucket");
    }

    /** The exports of {@link #realChainBucket()}, in chain order: FULL, then the two incrementals. */
    public static java.util.List<Path> realChainExports() {
        Path root = realChainBucket().resolve("AWSDynamoDB");
        return java.util.List.of(root.resolve("01768385930622-efd1a093"), root.resolve("01768386924000-d339e52d"),
                root.resolve("01768388186000-4a2fc3ff"));
    }
}
