/**
 * Implementation of the DynamoDB writer and reader; not an API. In the writer, one loop thread
 * ({@code Dispatcher}) owns all state; callers prepare operations on their own threads
 * ({@code WriteEngine}). The reader ({@code ReadEngine}) reads on the caller's thread (keyed
 * reads) or on a scan's own segment threads ({@code ParallelScan}). The conditional writer
 * ({@code ConditionalEngine}) prepares and sends each write on the caller's thread, waits out its
 * rate limiter and backoffs on one timer thread, and settles answers on the SDK's threads.
 */
@NullMarked
package dev.pitr.dynamodb.internal;

import org.jspecify.annotations.NullMarked;
