/**
 * DynamoDB for pitr: {@link dev.pitr.dynamodb.DynamoDbItemSink}, an adaptive, rate-limited
 * BatchWriteItem writer (the restore target), {@link dev.pitr.dynamodb.DynamoDbTableReader}, an
 * adaptive, rate-limited reader of a table back (parallel Scan, BatchGetItem) for the verifier,
 * {@link dev.pitr.dynamodb.DynamoDbConditionalSink}, the conditional PutItem/DeleteItem writer of a
 * revert, and {@link dev.pitr.dynamodb.DynamoDbCheckpointStore}; all over the caller's
 * {@code DynamoDbAsyncClient}.
 */
@NullMarked
package dev.pitr.dynamodb;

import org.jspecify.annotations.NullMarked;
