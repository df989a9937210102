package dev.pitr.testing.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * A single gzip member with the header DynamoDB's exports carry ({@code 1f 8b 08 00, mtime 0,
 * xfl 0, OS 255 "unknown"}), where {@link java.util.zip.GZIPOutputStream} would write OS 0.
 * With mtime 0 the bytes depend on the content alone, so equal seeds give equal files.
 */
final class GzipMemberOutputStream extends DeflaterOutputStream {
    private static final byte[] HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};

    private final CRC32 crc = new CRC32();
    private boolean finished;

    GzipMemberOutputStream(OutputStream out, int level) throws IOException {
        super(out, new Deflater(level, true), 64 * 1024);
        out.write(HEADER);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        super.write(b, off, len);
        crc.update(b, off, len);
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void finish() throws IOException {
        if (finished) {
            return;
        }
        finished = true;
        super.finish();
        long size = def.getBytesRead();
        byte[] trailer = new byte[8];
        putIntLe(trailer, 0, crc.getValue());
        putIntLe(trailer, 4, size);
        out.write(trailer);
        def.end();
    }

    private static void putIntLe(byte[] b, int at, long v) {
        b[at] = (byte) v;
        b[at + 1] = (byte) (v >>> 8);
        b[at + 2] = (byte) (v >>> 16);
        b[at + 3] = (byte) (v >>> 24);
    }
}
