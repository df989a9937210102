/**
 * Stage 1, manifest: reads an export's {@code manifest-summary.json} and {@code manifest-files.json}
 * (checksums verified) into an {@link dev.pitr.manifest.ExportDescriptor}: its type, times,
 * format and data files.
 */
@NullMarked
package dev.pitr.manifest;

import org.jspecify.annotations.NullMarked;
