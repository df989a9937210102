package dev.pitr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pitr.model.KeySchema;
import dev.pitr.source.ExportSource;
import dev.pitr.testing.ExportGenerator;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@link PitrRestorerBuilder#build()} gives each restorer of its own. */
class PitrRestorerBuilderTest {
    @TempDir
    Path dir;

    private ExportSource export(int items) {
        return ExportGenerator.builder().bucketRoot(dir.resolve("bucket"))
                .keySchema(KeySchema.of("pk", KeySchema.ScalarType.S)).filesPerExport(2).seed(7).build()
                .full(items, Instant.parse("2026-03-01T00:00:00Z")).source();
    }

    private static double puts(MeterRegistry registry) {
        return registry.get("pitr.restore.operations").tag("type", "put").counter().count();
    }

    @Test
    void build_twiceWithoutARegistry_givesEachRestorerItsOwnMeters() {
        PitrRestorerBuilder builder = PitrRestorer.builder().export(export(40)).dryRun(true);
        PitrRestorer first = builder.build();
        PitrRestorer second = builder.build();

        first.run();

        assertThat(second.meterRegistry()).isNotSameAs(first.meterRegistry());
        assertThat(puts(first.meterRegistry())).isEqualTo(40);
        assertThat(puts(second.meterRegistry())).as("the second restorer has done nothing yet").isZero();
    }

    @Test
    void build_twiceWithARegistry_putsBothRestorersInIt() {
        SimpleMeterRegistry shared = new SimpleMeterRegistry();
        PitrRestorerBuilder builder = PitrRestorer.builder().export(export(40)).dryRun(true).meterRegistry(shared);

        assertThat(builder.build().meterRegistry()).isSameAs(shared);
        assertThat(builder.build().meterRegistry()).isSameAs(shared);
    }
}
