/**
 * pitr-testkit: what tests of pitr, and of your own plug-ins, share. Depend on it in test scope.
 *
 * <ul>
 *   <li>{@link dev.pitr.testing.ExportGenerator} writes DynamoDB exports of a simulated table in the
 *       real layout (FULL and incremental, DynamoDB JSON or Ion, manifests and checksums) and knows
 *       the table each chain leaves; {@link dev.pitr.testing.SharedFixtures} finds the real export
 *       samples (bundled in this jar when {@code ../shared/fixtures} is not beside the project).</li>
 *   <li>{@link dev.pitr.testing.contract}: a contract suite per SPI, as abstract JUnit test classes
 *       that every implementation extends.</li>
 *   <li>{@link dev.pitr.testing.dynamodb} and {@link dev.pitr.testing.s3}: DynamoDB Local and an
 *       S3-compatible server (s3proxy) in the test JVM, on the loopback interface only, as JUnit
 *       extensions.</li>
 * </ul>
 */
package dev.pitr.testing;
