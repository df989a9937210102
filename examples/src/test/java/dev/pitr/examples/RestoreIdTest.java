package dev.pitr.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pitr.PitrRestorer;
import dev.pitr.plan.RestorePlan;
import dev.pitr.testing.GeneratedExport;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RestoreIdTest {
    @TempDir
    static Path dir;

    private static RestorePlan plan;
    private static String exportId;

    @BeforeAll
    static void plan() {
        GeneratedExport full = TestChains.chain(TestChains.generator(dir.resolve("bucket"), 3), 10).get(0);
        exportId = full.exportId();
        plan = PitrRestorer.builder().export(full.source()).dryRun(true).build().plan();
    }

    @Test
    void defaultRestoreId_namesTheChainAndTheTable() {
        assertThat(RestoreCommand.defaultRestoreId("orders", plan)).isEqualTo("restore-" + exportId + "-to-orders");
        assertThat(RestoreCommand.defaultRestoreId("arn:aws:dynamodb:eu-west-1:123456789012:table/orders", plan))
                .isEqualTo("restore-" + exportId + "-to-orders");
    }

    @Test
    void defaultRestoreId_longTableNames_fitIn128CharactersAndStayDistinct() {
        String a = RestoreCommand.defaultRestoreId("t".repeat(200) + "a", plan);
        String b = RestoreCommand.defaultRestoreId("t".repeat(200) + "b", plan);

        assertThat(a).hasSize(128).startsWith("restore-" + exportId + "-to-ttt").matches("[A-Za-z0-9._-]+");
        assertThat(b).hasSize(128).isNotEqualTo(a);
    }
}
