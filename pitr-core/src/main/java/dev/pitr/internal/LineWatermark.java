package dev.pitr.internal;

import java.util.BitSet;

/**
 * The resume point of one data file: the count of leading lines all acknowledged, while later
 * lines are acknowledged in any order. Memory is bounded by the lines in flight, not the file.
 */
public final class LineWatermark {
    private long watermark;     // lines 1..watermark are all acknowledged
    private long base;          // line number of bit 0
    private BitSet acked = new BitSet();
    private long totalLines = -1;

    /** Starts with {@code linesDone} leading lines already done (from a checkpoint). */
    public LineWatermark(long linesDone) {
        this.watermark = linesDone;
        this.base = linesDone + 1;
    }

    /** Records that {@code line} (1-based) is acknowledged. */
    public synchronized void ack(long line) {
        if (line <= watermark) {
            return;
        }
        acked.set(Math.toIntExact(line - base));
        while (acked.get((int) (watermark + 1 - base))) {
            watermark++;
        }
        long shift = watermark + 1 - base;
        if (shift >= 4096) {
            acked = acked.get((int) shift, Math.max((int) shift, acked.length()));
            base += shift;
        }
    }

    /** Records that the file was read to its end and verified: it has {@code lines} lines. */
    public synchronized void readComplete(long lines) {
        this.totalLines = lines;
    }

    /** Leading lines all acknowledged. */
    public synchronized long linesDone() {
        return watermark;
    }

    /** Whether the file was read, verified, and every line acknowledged. */
    public synchronized boolean isDone() {
        return totalLines >= 0 && watermark >= totalLines;
    }
}
