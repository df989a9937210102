package dev.pitr.decode.internal;

/** The strict UTF-8 check both scanners make before they accept text. */
final class Utf8 {
    private Utf8() {
    }

    /**
     * Where the UTF-8 sequence starting at {@code b[i]} ends, checked strictly (no overlong forms,
     * no surrogates, nothing beyond U+10FFFF, all of it before {@code limit}); {@code -1} when it
     * is malformed. An ASCII byte is a sequence of one.
     */
    static int sequenceEnd(byte[] b, int i, int limit) {
        int lead = b[i] & 0xFF;
        if (lead < 0x80) {
            return i + 1;
        }
        int more;
        int lo = 0x80;
        int hi = 0xBF;
        if (lead >= 0xC2 && lead <= 0xDF) {
            more = 1;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            more = 2;
            if (lead == 0xE0) {
                lo = 0xA0;
            } else if (lead == 0xED) {
                hi = 0x9F;
            }
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            more = 3;
            if (lead == 0xF0) {
                lo = 0x90;
            } else if (lead == 0xF4) {
                hi = 0x8F;
            }
        } else {
            return -1;
        }
        if (limit - i <= more) {
            return -1;
        }
        int second = b[i + 1] & 0xFF;
        if (second < lo || second > hi) {
            return -1;
        }
        for (int k = i + 2; k <= i + more; k++) {
            if ((b[k] & 0xC0) != 0x80) {
                return -1;
            }
        }
        return i + more + 1;
    }
}
