package dev.pitr.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pitr.manifest.ExportDescriptor;
import dev.pitr.manifest.ManifestReader;
import dev.pitr.manifest.OutputFormat;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bundled sample chain is a valid, contiguous chain. */
class SampleExportsTest {

    @Test
    void writeSampleChain_givesContiguousChainOfValidExports(@TempDir Path root) {
        GeneratedChain chain = SampleExports.writeSampleChain(root, OutputFormat.ION);

        assertThat(chain.incrementals()).hasSize(3);
        Instant previous = null;
        for (GeneratedExport e : chain.exports()) {
            ExportDescriptor d = ManifestReader.read(e.source());
            assertThat(d.format()).isEqualTo(OutputFormat.ION);
            assertThat(e.exportDir()).startsWith(root.resolve(SampleExports.PREFIX));
            if (previous != null) {
                assertThat(d.summary().exportFromTime()).isEqualTo(previous);
            }
            previous = d.stateTime();
        }
        assertThat(chain.full().itemCount()).isEqualTo(200);
        assertThat(previous).isEqualTo(SampleExports.FULL_EXPORT_TIME.plus(SampleExports.WINDOW.multipliedBy(3)));
    }
}
