/**
 * Stage 2, decode: {@link dev.pitr.decode.DataFileReader} streams one data file (MD5 verified,
 * gzip/zstd/none, DynamoDB JSON or Ion lines) into {@link dev.pitr.model.WriteOp}s.
 */
@NullMarked
package dev.pitr.decode;

import org.jspecify.annotations.NullMarked;
