package dev.pitr.decode;

/**
 * How data files are read.
 *
 * @param maxLineBytes    longest line accepted, in uncompressed bytes; a longer line is an error,
 *                        never an {@link OutOfMemoryError}. Default 32 MiB.
 * @param skipLines       leading lines to read (for the checksum) but not decode: the lines a
 *                        checkpoint says are already applied. Default 0.
 * @param verifyChecksums whether to check each file's MD5 against the manifest. Default true;
 *                        the line count is always checked.
 */
public record DecodeOptions(int maxLineBytes, long skipLines, boolean verifyChecksums) {
    /** Default line limit: 32 MiB. */
    public static final int DEFAULT_MAX_LINE_BYTES = 32 * 1024 * 1024;

    private static final DecodeOptions DEFAULTS = new DecodeOptions(DEFAULT_MAX_LINE_BYTES, 0, true);

    public DecodeOptions {
        if (maxLineBytes < 1024) {
            throw new IllegalArgumentException("maxLineBytes must be at least 1024, got " + maxLineBytes);
        }
        if (skipLines < 0) {
            throw new IllegalArgumentException("skipLines must not be negative, got " + skipLines);
        }
    }

    /** 32 MiB lines, nothing skipped, checksums verified. */
    public static DecodeOptions defaults() {
        return DEFAULTS;
    }

    /** These options with another line limit. */
    public DecodeOptions withMaxLineBytes(int maxLineBytes) {
        return new DecodeOptions(maxLineBytes, skipLines, verifyChecksums);
    }

    /** These options skipping the first {@code skipLines} lines. */
    public DecodeOptions withSkipLines(long skipLines) {
        return new DecodeOptions(maxLineBytes, skipLines, verifyChecksums);
    }

    /** These options with checksum verification on or off. */
    public DecodeOptions withVerifyChecksums(boolean verifyChecksums) {
        return new DecodeOptions(maxLineBytes, skipLines, verifyChecksums);
    }
}
