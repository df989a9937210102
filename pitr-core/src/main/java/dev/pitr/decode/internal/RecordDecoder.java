package dev.pitr.decode.internal;

import dev.pitr.model.Change;
import dev.pitr.model.Origin;
import dev.pitr.model.WriteOp;

/**
 * Turns one data line into a {@link WriteOp}. One instance serves one file at a time (not
 * thread-safe).
 */
public interface RecordDecoder {
    /**
     * Decodes the line in {@code buf[off, off+len)}.
     *
     * @throws dev.pitr.MalformedExportException naming {@code origin}'s file and line
     */
    WriteOp decode(byte[] buf, int off, int len, Origin origin);

    /**
     * Decodes the line in {@code buf[off, off+len)}, an INCREMENTAL record, with its old image.
     *
     * @throws dev.pitr.MalformedExportException naming {@code origin}'s file and line
     */
    Change decodeChange(byte[] buf, int off, int len, Origin origin);

    /** Nesting DynamoDB allows in an item: 32 levels of maps and lists. */
    int MAX_DEPTH = 32;
}
