/**
 * DynamoDB as a restore target: {@link dev.pitr.dynamodb.DynamoDbItemSink}, an adaptive,
 * rate-limited BatchWriteItem writer over the caller's {@code DynamoDbAsyncClient}.
 */
@NullMarked
package dev.pitr.dynamodb;

import org.jspecify.annotations.NullMarked;
