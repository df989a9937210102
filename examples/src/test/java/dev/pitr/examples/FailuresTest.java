package dev.pitr.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pitr.PitrException;
import dev.pitr.RestoreStoppedException;
import dev.pitr.checkpoint.CheckpointConflictException;
import dev.pitr.plan.ChainException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class FailuresTest {
    @Test
    void of_usageAndChainProblems_areExit2() {
        assertThat(Failures.of(new UsageException("--export x: no such file or folder")))
                .isEqualTo(new Failures.Outcome(ExitCode.USAGE, "bad arguments: --export x: no such file or folder"));
        assertThat(Failures.of(new ChainException("Gap in the chain: ..."))).extracting(Failures.Outcome::code)
                .isEqualTo(ExitCode.USAGE);
    }

    @Test
    void of_failuresWhileRunning_areExit1_unwrappedAndOnOneLine() {
        assertThat(Failures.of(new CompletionException(new PitrException("Cannot read\n  s3://b/k:\tdenied"))))
                .isEqualTo(new Failures.Outcome(ExitCode.FAILURE, "failed: Cannot read s3://b/k: denied"));
        assertThat(Failures.of(new RestoreStoppedException("stopped; checkpoint saved")).message())
                .isEqualTo("stopped: stopped; checkpoint saved");
        assertThat(Failures.of(new CheckpointConflictException("held")).message()).isEqualTo("checkpoint conflict: held");
        assertThat(Failures.of(new IllegalStateException("boom")))
                .isEqualTo(new Failures.Outcome(ExitCode.FAILURE, "failed: IllegalStateException: boom"));
    }
}
