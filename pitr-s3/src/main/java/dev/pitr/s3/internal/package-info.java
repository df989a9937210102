/**
 * Implementation of the S3 source and stager: ranged streams, retry policy, error translation.
 * Not an API: may change in any release.
 */
@NullMarked
package dev.pitr.s3.internal;

import org.jspecify.annotations.NullMarked;
