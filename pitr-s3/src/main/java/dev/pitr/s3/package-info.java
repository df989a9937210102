/**
 * Reading DynamoDB exports from Amazon S3 (or an S3-compatible store) through a caller's
 * {@link software.amazon.awssdk.services.s3.S3AsyncClient}.
 *
 * <ul>
 *   <li>{@link dev.pitr.s3.S3ExportSource}: an {@link dev.pitr.source.ExportSource} that streams
 *       objects through parallel, bounded, resumable ranged GETs guarded by {@code If-Match}.</li>
 *   <li>{@link dev.pitr.s3.S3ExportStager}: copies an export to a local folder in the bucket's
 *       layout with the SDK's transfer manager, for {@link dev.pitr.source.LocalExportSource}.</li>
 *   <li>{@link dev.pitr.s3.S3ObjectWriter}: writes small objects (reports) to an {@code s3://} URI.</li>
 *   <li>{@link dev.pitr.s3.S3Uri}: {@code s3://bucket/key} addresses.</li>
 * </ul>
 *
 * <p>Failures are {@link dev.pitr.PitrException}s that name the {@code s3://} URI and say what to
 * check: a missing bucket or object, denied access, a bucket in another region. The caller's
 * clients and executors are never closed.
 */
@NullMarked
package dev.pitr.s3;

import org.jspecify.annotations.NullMarked;
