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

    @Test
    void next_findsEveryNewline_whateverTheBytesAroundIt() throws IOException {
        // Bytes that differ from '\n' by one bit or a borrow (0x0B, 0x09, 0x8A, 0x00, 0xFF) sit
        // beside newlines at every offset of the eight-byte words the scan reads.
        byte[] alphabet = {'a', 0x0B, 0x09, (byte) 0x8A, 0x00, (byte) 0xFF, 0x0A, 0x0A};
        java.util.Random random = new java.util.Random(42);
        for (int round = 0; round < 200; round++) {
            byte[] data = new byte[random.nextInt(120)];
            for (int k = 0; k < data.length; k++) {
                data[k] = alphabet[random.nextInt(alphabet.length)];
            }
            List<byte[]> expected = new ArrayList<>();
            int start = 0;
            for (int k = 0; k <= data.length; k++) {
                if (k == data.length ? k > start : data[k] == '\n') {
                    expected.add(java.util.Arrays.copyOfRange(data, start, k));
                    start = k + 1;
                }
            }
            LineReader r = new LineReader(new ByteArrayInputStream(data) {
                @Override
                public synchronized int read(byte[] b, int off, int len) {
                    return super.read(b, off, Math.min(len, 1 + random.nextInt(20)));
                }
            }, 1000);
            List<byte[]> actual = new ArrayList<>();
            while (r.next()) {
                actual.add(java.util.Arrays.copyOfRange(r.buffer(), r.offset(), r.offset() + r.length()));
            }
            // a '\r' before a newline is dropped: none in the alphabet, so lines come out as they are
            assertThat(actual).as("round %d", round).containsExactlyElementsOf(expected);
        }
    }
}
