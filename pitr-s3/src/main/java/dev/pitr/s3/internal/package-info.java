/**
 * Implementation of the S3 source and stager: ranged streams, retry policy, error translation.
 * Not an API: may change in any release.
 */
package dev.pitr.s3.internal;
