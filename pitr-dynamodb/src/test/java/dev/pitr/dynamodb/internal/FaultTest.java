package dev.pitr.dynamodb.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.InternalServerErrorException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.RequestLimitExceededException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

class FaultTest {
    private static AwsErrorDetails details(String code, String message) {
        return AwsErrorDetails.builder().errorCode(code).errorMessage(message).serviceName("DynamoDb").build();
    }

    @Test
    void of_throttlingErrors_areThrottled() {
        assertThat(Fault.of(ProvisionedThroughputExceededException.builder().statusCode(400)
                .awsErrorDetails(details("ProvisionedThroughputExceededException", "slow down")).build()))
                .isEqualTo(Fault.THROTTLED);
        assertThat(Fault.of(RequestLimitExceededException.builder().statusCode(400)
                .awsErrorDetails(details("RequestLimitExceeded", "account limit")).build()))
                .isEqualTo(Fault.THROTTLED);
        assertThat(Fault.of(DynamoDbException.builder().statusCode(400)
                .awsErrorDetails(details("ThrottlingException", "control plane")).build()))
                .isEqualTo(Fault.THROTTLED);
    }

    @Test
    void of_serverErrorsAndTransportErrors_areTransient() {
        assertThat(Fault.of(InternalServerErrorException.builder().statusCode(500)
                .awsErrorDetails(details("InternalServerError", "oops")).build())).isEqualTo(Fault.TRANSIENT);
        assertThat(Fault.of(DynamoDbException.builder().statusCode(503)
                .awsErrorDetails(details("ServiceUnavailable", "busy")).build())).isEqualTo(Fault.TRANSIENT);
        assertThat(Fault.of(new CompletionException(SdkClientException.create("Unable to execute HTTP request",
                new IOException("Connection reset"))))).isEqualTo(Fault.TRANSIENT);
    }

    @Test
    void of_validationError_isValidation_andOthersAreFatal() {
        assertThat(Fault.of(DynamoDbException.builder().statusCode(400)
                .awsErrorDetails(details("ValidationException", "Item size has exceeded the maximum allowed size"))
                .build())).isEqualTo(Fault.VALIDATION);
        assertThat(Fault.of(ResourceNotFoundException.builder().statusCode(400)
                .awsErrorDetails(details("ResourceNotFoundException", "Requested resource not found")).build()))
                .isEqualTo(Fault.FATAL);
        assertThat(Fault.of(SdkClientException.create("Unable to load credentials"))).isEqualTo(Fault.FATAL);
        assertThat(Fault.of(new IllegalStateException("bug"))).isEqualTo(Fault.FATAL);
    }

    @Test
    void describe_namesTheCodeTheStatusAndTheServiceMessage() {
        Throwable e = new CompletionException(DynamoDbException.builder().statusCode(400)
                .awsErrorDetails(details("ValidationException", "One or more parameter values were invalid")).build());
        assertThat(Fault.describe(e)).isEqualTo("ValidationException (HTTP 400): One or more parameter values were invalid");
        assertThat(Fault.code(e)).isEqualTo("ValidationException");
    }
}
