package dev.pitr.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The main class's refusals: exit 2, said on stderr, before any Spark session starts. */
class PitrSparkMainTest {
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream saved;

    @BeforeEach
    void captureStderr() {
        saved = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreStderr() {
        System.setErr(saved);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void noCommand_printsUsage_exit2() {
        assertThat(PitrSparkMain.run()).isEqualTo(2);
        assertThat(err()).contains("restore").contains("compact");
    }

    @Test
    void restore_withoutTable_exit2_namingIt() {
        assertThat(PitrSparkMain.run("restore", "--export", "/nowhere")).isEqualTo(2);
        assertThat(err()).contains("--table");
    }

    @Test
    void restore_aCeilingOfZero_exit2_beforeSparkStarts() {
        assertThat(PitrSparkMain.run("--master", "local[1]", "restore", "--table", "t", "--export", "/nowhere",
                "--max-wcu", "0")).isEqualTo(2);
        assertThat(err()).contains("positive");
    }

    @Test
    void compact_aBadKey_exit2_namingIt() {
        assertThat(PitrSparkMain.run("compact", "--export", "/nowhere", "--to", "/tmp/x", "--key", "pk:X"))
                .isEqualTo(2);
        assertThat(err()).contains("--key").contains("S, N or B");
    }

    @Test
    void glue_takesPitrsCommandLineFromItsParameter_andLeavesGluesArgumentsAlone() {
        int exit = PitrSparkMain.glue("--JOB_ID", "j_0123", "--JOB_RUN_ID", "jr_0123", "--TempDir", "s3://tmp/glue",
                "--pitr", "restore --export s3://exports/AWSDynamoDB/01700000000000-abcdefgh/", "--job-bookmark-option",
                "job-bookmark-disable");
        assertThat(exit).as("Glue's arguments are not pitr's: only the missing --table is refused").isEqualTo(2);
        assertThat(err()).contains("--table").doesNotContain("JOB_ID");
    }

    @Test
    void glue_withoutItsParameter_exit2_sayingWhatToGive() {
        assertThat(PitrSparkMain.glue("--JOB_ID", "j_0123")).isEqualTo(2);
        assertThat(err()).contains("--pitr");
    }
}
