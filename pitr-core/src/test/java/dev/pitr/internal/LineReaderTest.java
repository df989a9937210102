package dev.pitr.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineReaderTest {

    private static List<String> lines(InputStream in, int max) throws IOException {
        LineReader r = new LineReader(in, max);
        List<String> out = new ArrayList<>();
        while (r.next()) {
            out.add(new String(r.buffer(), r.offset(), r.length(), StandardCharsets.UTF_8));
            assertThat(r.lineNumber()).isEqualTo(out.size());
        }
        return out;
    }

    /** Hands out at most 7 bytes a read, so lines straddle every buffer refill. */
    private static InputStream trickle(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8)) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 7));
            }
        };
    }

    @Test
    void next_splitsOnNewline_dropsCarriageReturn_keepsLastLineWithoutNewline() throws IOException {
        assertThat(lines(trickle("a\r\nbb\n\nccc"), 1024)).containsExactly("a", "bb", "", "ccc");
        assertThat(lines(trickle(""), 1024)).isEmpty();
        assertThat(lines(trickle("x\n"), 1024)).containsExactly("x");
    }

    @Test
    void next_linesLongerThanTheInitialBuffer_comeOutWhole() throws IOException {
        String a = "a".repeat(200_000);
        String b = "b".repeat(70_000);
        assertThat(lines(trickle(a + "\n" + b + "\n"), 300_000)).containsExactly(a, b);
    }

    @Test
    void next_lineOverTheLimit_throwsWithItsNumber() throws IOException {
        LineReader r = new LineReader(trickle("ok\n" + "x".repeat(100) + "\n"), 50);
        assertThat(r.next()).isTrue();
        assertThatThrownBy(r::next).isInstanceOf(LineReader.LineTooLongException.class)
                .hasMessage("line 2 is longer than the limit of 50 bytes");
    }

    @Test
    void next_lineExactlyAtTheLimit_isAccepted() throws IOException {
        assertThat(lines(trickle("y".repeat(50) + "\n" + "z".repeat(50)), 50)).hasSize(2);
    }
}
