/**
 * DynamoDB Local in the test JVM, in memory, on the loopback interface only
 * ({@link dev.pitr.testing.dynamodb.DynamoDbLocal}, shared by a test run through
 * {@link dev.pitr.testing.dynamodb.DynamoDbLocalExtension}), and
 * {@link dev.pitr.testing.dynamodb.ExpectedTable} to compare a table with the state it must hold.
 */
@NullMarked
package dev.pitr.testing.dynamodb;

import org.jspecify.annotations.NullMarked;
