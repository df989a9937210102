/**
 * Implementation of the DynamoDB writer; not an API. One loop thread ({@code Dispatcher}) owns
 * all state; callers prepare operations on their own threads ({@code WriteEngine}).
 */
@NullMarked
package dev.pitr.dynamodb.internal;

import org.jspecify.annotations.NullMarked;
