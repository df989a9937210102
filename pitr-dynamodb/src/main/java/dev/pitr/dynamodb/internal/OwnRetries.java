package dev.pitr.dynamodb.internal;

import java.util.function.Consumer;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkPlugin;

/**
 * The request override of the requests pitr retries itself (the table reader's, the conditional
 * writer's): a per-request plugin that turns the client's retries off for that request only,
 * leaving the client's other settings (endpoint, credentials, HTTP client, interceptors) as they
 * are. With the client's retries on, the SDK would retry a throttled request a few times on its
 * own, unseen, before pitr heard of it; off, every throttle reaches pitr's rate limiter at once
 * and is counted.
 */
final class OwnRetries {
    /** Pass to a request builder's {@code overrideConfiguration}. */
    static final Consumer<AwsRequestOverrideConfiguration.Builder> OVERRIDE;

    static {
        SdkPlugin noRetries = config -> config.overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()));
        OVERRIDE = o -> o.addPlugin(noRetries);
    }

    private OwnRetries() {
    }
}
