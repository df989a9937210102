package dev.pitr.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** The line loop of the naive decoders: gunzip, {@code BufferedReader.readLine()}, one request a line. */
final class GzipLines {
    private GzipLines() {
    }

    /** What a naive decoder makes of one line. */
    interface LineDecoder {
        WriteRequest decode(String line) throws IOException;
    }

    /** Decodes every line of the gzip stream with {@code decoder}, handing each request to {@code out}. */
    static long decode(InputStream compressed, LineDecoder decoder, Consumer<? super WriteRequest> out)
            throws IOException {
        long n = 0;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(compressed, 64 * 1024),
                StandardCharsets.UTF_8), 64 * 1024)) {
            String line;
            while ((line = r.readLine()) != null) {
                out.accept(decoder.decode(line));
                n++;
            }
        }
        return n;
    }
}
