package dev.pitr.internal;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Splits a byte stream into lines ending in {@code \n} (a final line without one counts too;
 * a {@code \r} before the {@code \n} is dropped), handing each out as a slice of a reused buffer.
 * A line longer than the limit is reported, never buffered whole: memory stays bounded by the
 * limit whatever the input.
 */
public final class LineReader {
    private static final int INITIAL = 64 * 1024;
    private static final VarHandle WORDS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long NEWLINES = 0x0A0A0A0A0A0A0A0AL;
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;

    private final InputStream in;
    private final int maxLineBytes;
    private byte[] buf;
    private int start;      // first byte not yet handed out
    private int end;        // end of the valid bytes in buf
    private boolean eof;
    private int lineStart;
    private int lineLength;
    private long lineNumber;
    private long bytesRead;

    /** Thrown when a line exceeds the limit; {@link #lineNumber()} is the offending line. */
    public static final class LineTooLongException extends IOException {
        private static final long serialVersionUID = 1L;

        LineTooLongException(String message) {
            super(message);
        }
    }

    public LineReader(InputStream in, int maxLineBytes) {
        if (maxLineBytes < 1) {
            throw new IllegalArgumentException("maxLineBytes must be positive: " + maxLineBytes);
        }
        this.in = in;
        this.maxLineBytes = maxLineBytes;
        this.buf = new byte[Math.min(INITIAL, maxLineBytes + 1)];
    }

    /**
     * Advances to the next line.
     *
     * @return false at the end of the stream
     * @throws LineTooLongException when the line is longer than the limit
     */
    public boolean next() throws IOException {
        int scan = start;
        while (true) {
            int nl = indexOfNewline(scan, end);
            if (nl >= 0) {
                checkLength(nl - start);
                setLine(start, nl);
                start = nl + 1;
                return true;
            }
            checkLength(end - start);
            if (eof) {
                if (end > start) {
                    setLine(start, end);
                    start = end;
                    return true;
                }
                return false;
            }
            int scanned = end - start;
            fill();
            scan = start + scanned;
        }
    }

    private void checkLength(int length) throws LineTooLongException {
        if (length > maxLineBytes) {
            throw new LineTooLongException("line " + (lineNumber + 1) + " is longer than the limit of "
                    + maxLineBytes + " bytes");
        }
    }

    private void fill() throws IOException {
        if (start > 0) {
            System.arraycopy(buf, start, buf, 0, end - start);
            end -= start;
            start = 0;
        }
        if (end == buf.length) {
            buf = Arrays.copyOf(buf, (int) Math.min((long) buf.length * 2, (long) maxLineBytes + 1));
        }
        int n = in.read(buf, end, buf.length - end);
        if (n < 0) {
            eof = true;
        } else {
            end += n;
            bytesRead += n;
        }
    }

    private void setLine(int from, int to) {
        int len = to - from;
        if (len > 0 && buf[to - 1] == '\r') {
            len--;
        }
        lineStart = from;
        lineLength = len;
        lineNumber++;
    }

    /**
     * The first {@code \n} in {@code buf[from, to)}: eight bytes at a time (a zero-byte test on
     * the word XORed with newlines; the lowest flagged byte is exact), then byte by byte.
     */
    private int indexOfNewline(int from, int to) {
        byte[] a = buf;
        int i = from;
        for (; i <= to - Long.BYTES; i += Long.BYTES) {
            long x = (long) WORDS.get(a, i) ^ NEWLINES;
            long found = (x - ONES) & ~x & HIGH_BITS;
            if (found != 0) {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (a[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** The buffer holding the current line; valid until the next call to {@link #next()}. */
    public byte[] buffer() {
        return buf;
    }

    /** Where the current line starts in {@link #buffer()}. */
    public int offset() {
        return lineStart;
    }

    /** The current line's length in bytes, without its line end. */
    public int length() {
        return lineLength;
    }

    /** 1-based number of the current line, or of the line being read when an error was thrown. */
    public long lineNumber() {
        return lineNumber;
    }

    /** Bytes taken from the underlying stream so far. */
    public long bytesRead() {
        return bytesRead;
    }
}
