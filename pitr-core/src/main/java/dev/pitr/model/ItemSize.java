package dev.pitr.model;

import java.util.List;
import java.util.Map;

/**
 * Item size as DynamoDB computes it for capacity and the 400 KB limit: UTF-8 bytes of each name
 * and string, raw bytes of binaries, about one byte per two significant digits of a number plus
 * one, one byte for BOOL and NULL, and three bytes plus one per element of a list or map.
 */
final class ItemSize {
    private ItemSize() {
    }

    static long of(Map<String, AttributeValue> attributes) {
        long size = 0;
        for (Map.Entry<String, AttributeValue> e : attributes.entrySet()) {
            size += utf8Length(e.getKey()) + of(e.getValue());
        }
        return size;
    }

    static long of(AttributeValue v) {
        if (v instanceof AttributeValue.S s) {
            return utf8Length(s.value());
        } else if (v instanceof AttributeValue.N n) {
            return numberSize(n.text());
        } else if (v instanceof AttributeValue.B b) {
            return b.length();
        } else if (v instanceof AttributeValue.Bool || v instanceof AttributeValue.Null) {
            return 1;
        } else if (v instanceof AttributeValue.M m) {
            long size = 3;
            for (Map.Entry<String, AttributeValue> e : m.value().entrySet()) {
                size += 1 + utf8Length(e.getKey()) + of(e.getValue());
            }
            return size;
        } else if (v instanceof AttributeValue.L l) {
            List<AttributeValue> list = l.value();
            long size = 3;
            for (AttributeValue e : list) {
                size += 1 + of(e);
            }
            return size;
        } else if (v instanceof AttributeValue.SS ss) {
            long size = 0;
            for (String s : ss.value()) {
                size += utf8Length(s);
            }
            return size;
        } else if (v instanceof AttributeValue.NS ns) {
            long size = 0;
            for (String s : ns.value()) {
                size += numberSize(s);
            }
            return size;
        } else {
            long size = 0;
            for (AttributeValue.B b : ((AttributeValue.BS) v).value()) {
                size += b.length();
            }
            return size;
        }
    }

    static long numberSize(String text) {
        int digits = 0;
        int first = -1;
        int last = -1;
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (c == 'e' || c == 'E') {
                break;
            }
            if (c >= '0' && c <= '9') {
                if (c != '0') {
                    if (first < 0) {
                        first = digits;
                    }
                    last = digits;
                }
                digits++;
            }
        }
        int significant = first < 0 ? 1 : last - first + 1;
        return (significant + 1) / 2 + 1;
    }

    static int utf8Length(String s) {
        int n = s.length();
        int bytes = n;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                if (c < 0x800) {
                    bytes += 1;
                } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    bytes += 2; // 4 bytes for the pair, 2 chars counted already
                    i++;
                } else {
                    bytes += 2;
                }
            }
        }
        return bytes;
    }
}
