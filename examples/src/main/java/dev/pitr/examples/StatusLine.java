package dev.pitr.examples;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * A terminal's last line kept for a status (the progress bar) below the text written through
 * this stream: every write first erases the status, and each flush that ends a line draws it
 * again under the new text. Lines written by anyone (the commands, logback's WARN lines, the
 * signal hook) so scroll above the bar instead of being drawn over, and the last line printed
 * stays the last line once the status is {@linkplain #hide() hidden}.
 *
 * <p>Thread-safe: the bar is drawn from the progress bar's own thread.
 */
final class StatusLine extends OutputStream {
    /** Carriage return, then erase to the end of the line (VT100, which every POSIX terminal speaks). */
    private static final byte[] ERASE = "\r\033[K".getBytes(StandardCharsets.US_ASCII);

    private final OutputStream terminal;
    private final Charset charset;
    private byte[] status;
    private boolean drawn;
    private boolean midLine;

    /**
     * @param terminal where text and status go, usually the process's stderr
     * @param charset  how the terminal reads characters
     */
    StatusLine(OutputStream terminal, Charset charset) {
        this.terminal = terminal;
        this.charset = charset;
    }

    /** How the terminal reads characters. */
    Charset charset() {
        return charset;
    }

    @Override
    public synchronized void write(int b) throws IOException {
        erase();
        terminal.write(b);
        midLine = b != '\n';
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return;
        }
        erase();
        terminal.write(b, off, len);
        midLine = b[off + len - 1] != '\n';
    }

    /** Flushes, and draws the status again under the text when the text ends a line. */
    @Override
    public synchronized void flush() throws IOException {
        if (status != null && !drawn && !midLine) {
            terminal.write(status);
            drawn = true;
        }
        terminal.flush();
    }

    /**
     * Shows {@code text} (one line, no line break, narrower than the terminal) as the status,
     * replacing the one shown; it waits while a line of text is unfinished.
     */
    synchronized void show(String text) {
        status = text.getBytes(charset);
        try {
            if (drawn) {
                terminal.write(ERASE);
                drawn = false;
            }
            flush();
        } catch (IOException e) {
            // stderr is gone: there is no one to show progress to
        }
    }

    /** Erases the status and shows none until the next {@link #show}. */
    synchronized void hide() {
        status = null;
        try {
            erase();
            terminal.flush();
        } catch (IOException e) {
            // stderr is gone
        }
    }

    private void erase() throws IOException {
        if (drawn) {
            terminal.write(ERASE);
            drawn = false;
        }
    }
}
