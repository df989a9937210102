package dev.pitr.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The floor of any decoder: gunzip the file and find its line ends, nothing else (no copy, no
 * checksum, no parsing). A decoder's time over this one is what decoding itself costs.
 */
final class LineFloor {
    private static final int BUFFER = 64 * 1024;

    private LineFloor() {
    }

    /**
     * Splits the gunzipped {@code compressed} stream into lines, handing each line's end to
     * {@code bh}.
     *
     * @return the number of lines (a last line without {@code \n} counts)
     */
    static long lines(InputStream compressed, Blackhole bh) throws IOException {
        long lines = 0;
        long lineStart = 0;
        long position = 0;
        byte[] buf = new byte[BUFFER];
        try (InputStream in = new GZIPInputStream(compressed, BUFFER)) {
            int n;
            while ((n = in.read(buf, 0, buf.length)) >= 0) {
                for (int i = 0; i < n; i++) {
                    if (buf[i] == '\n') {
                        long end = position + i;
                        bh.consume(end - lineStart);
                        lineStart = end + 1;
                        lines++;
                    }
                }
                position += n;
            }
        }
        if (position > lineStart) {
            bh.consume(position - lineStart);
            lines++;
        }
        return lines;
    }
}
