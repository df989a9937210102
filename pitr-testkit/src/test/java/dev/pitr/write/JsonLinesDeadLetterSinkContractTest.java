package dev.pitr.write;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.pitr.model.Origin;
import dev.pitr.testing.contract.DeadLetterSinkContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link JsonLinesDeadLetterSink} passes the contract every dead-letter sink passes: its file,
 * parsed line by line (a line cut short fails the parse), holds each record once.
 */
class JsonLinesDeadLetterSinkContractTest extends DeadLetterSinkContract {
    private static final JsonFactory JSON = new JsonFactory();

    @TempDir
    Path dir;

    private final AtomicInteger files = new AtomicInteger();

    @Override
    protected DeadLetterSink createSink() {
        return JsonLinesDeadLetterSink.open(dir.resolve("dead-letters-" + files.incrementAndGet() + ".jsonl"));
    }

    @Override
    protected List<Origin> recordedOrigins(DeadLetterSink sink) {
        Path file = ((JsonLinesDeadLetterSink) sink).file();
        List<Origin> origins = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                origins.add(originOf(line));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return origins;
    }

    /** The {@code file} and {@code line} of one whole JSON object; fails on anything else. */
    private static Origin originOf(String line) throws IOException {
        String file = null;
        long number = -1;
        try (JsonParser p = JSON.createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not a JSON object: " + line);
            }
            for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
                String name = p.currentName();
                p.nextToken();
                if ("file".equals(name)) {
                    file = p.getText();
                } else if ("line".equals(name)) {
                    number = p.getLongValue();
                } else {
                    p.skipChildren();
                }
            }
            if (p.nextToken() != null) {
                throw new IOException("more than one JSON value on a line: " + line);
            }
        }
        return new Origin(file, number);
    }
}
