package dev.pitr.restore;

import dev.pitr.model.KeySchema;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** What the restorer's tests share: the times, the key schema, a folder, and in-memory sinks closed after each test. */
abstract class RestorerTestBase {
    static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
    static final Duration WINDOW = Duration.ofMinutes(15);
    static final KeySchema SCHEMA = KeySchema.of("pk", KeySchema.ScalarType.S, "sk", KeySchema.ScalarType.N);

    @TempDir
    Path dir;

    private final List<MapItemSink> sinks = new ArrayList<>();

    @AfterEach
    void closeSinks() {
        sinks.forEach(MapItemSink::close);
    }

    /** A new empty sink, closed after the test. */
    MapItemSink sink() {
        return closedAfterTheTest(new MapItemSink(SCHEMA));
    }

    /** {@code sink}, closed after the test. */
    MapItemSink closedAfterTheTest(MapItemSink sink) {
        sinks.add(sink);
        return sink;
    }
}
