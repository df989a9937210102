/**
 * Where exports are read from: the {@link dev.pitr.source.ExportSource} SPI, and
 * {@link dev.pitr.source.LocalExportSource} for exports on disk (pitr-s3 reads them from S3).
 */
@NullMarked
package dev.pitr.source;

import org.jspecify.annotations.NullMarked;
