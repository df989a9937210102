package dev.pitr.spark;

import java.io.Serializable;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/**
 * Makes the AWS clients a Spark job uses, on the driver and in every executor: the factory is
 * serialized with the job and each JVM creates its clients from it once, then shares them among
 * its tasks until the JVM ends.
 *
 * <p>Implementations are small, serializable values with {@code equals} and {@code hashCode}
 * (a record is): a JVM keeps one client per equal factory. {@link AwsClientFactory} covers the
 * region, endpoints and the default credentials chain; implement this to add an
 * {@code ExecutionInterceptor}, a proxy or credentials of your own.
 */
public interface ClientFactory extends Serializable {

    /** A new DynamoDB client, for the target table (and a DynamoDB checkpoint table). */
    DynamoDbAsyncClient createDynamoDb();

    /** A new S3 client, for exports under {@code s3://}. */
    S3AsyncClient createS3();
}
