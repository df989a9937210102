/**
 * An S3-compatible server (s3proxy) in the test JVM, in memory, on the loopback interface only
 * ({@link dev.pitr.testing.s3.S3ProxyServer}, shared by a test run through
 * {@link dev.pitr.testing.s3.S3ProxyExtension}), with clients for it
 * ({@link dev.pitr.testing.s3.S3TestClients}) and test objects ({@link dev.pitr.testing.s3.S3TestData}).
 */
@NullMarked
package dev.pitr.testing.s3;

import org.jspecify.annotations.NullMarked;
