package dev.pitr.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pitr.PitrException;
import dev.pitr.RestoreStoppedException;
import dev.pitr.checkpoint.CheckpointConflictException;
import dev.pitr.plan.ChainException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;

class FailuresTest {
    @Test
    void of_usageAndChainProblems_areExit2() {
        assertThat(Failures.of(new UsageException("--export x: no such file or folder")))
                .isEqualTo(new Failures.Outcome(ExitCode.USAGE, "bad arguments: --export x: no such file or folder"));
        assertThat(Failures.of(new ChainException("Gap in the chain: ..."))).extracting(Failures.Outcome::code)
                .isEqualTo(ExitCode.USAGE);
    }

    @Test
    void of_noCredentials_isOneShortLineSayingWhatToSet() {
        SdkClientException none = SdkClientException.create("Unable to load credentials from any of the providers in"
                + " the chain AwsCredentialsProviderChain(credentialsProviders=[...]) : [...]");

        Failures.Outcome outcome = Failures.of(new PitrException("Target table t cannot be described: " + none, none));

        assertThat(outcome.code()).isEqualTo(ExitCode.FAILURE);
        assertThat(outcome.message()).startsWith("failed: no AWS credentials: set AWS_ACCESS_KEY_ID").hasSizeLessThan(200);
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
