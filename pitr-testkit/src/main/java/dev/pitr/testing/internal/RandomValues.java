package dev.pitr.testing.internal;

import dev.pitr.model.AttributeValue;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Random attribute values of the kinds real tables hold, drawn from a caller's random stream.
 *
 * <p>Strings mix ASCII, accented Latin, Greek, Cyrillic, CJK, emoji (surrogate pairs) and the
 * characters a writer must escape (quote, backslash, newline, carriage return, tab, a control
 * character) plus U+2028, which JSON leaves unescaped: a reader that splits lines on anything but
 * {@code \n} breaks on it. Numbers are always in DynamoDB's canonical text form.
 */
public final class RandomValues {
    private static final String ALNUM = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final String[] WORDS = {
        "alpha", "bravo", "delta", "orbit", "river", "stone", "maple", "cedar", "harbor", "signal",
        "ledger", "window", "export", "table", "record", "vector", "quartz", "ember", "lumen", "tide",
        "grüße", "naïve", "café", "façade", "smørrebrød", "Ελληνικά", "привет", "日本語", "中文字符",
        "한국어", "🙂", "🚀✨", "e\u0301", "Ω≈ç√", "ﬁ", "𝔘𝔫𝔦", "ß", "İstanbul"
    };
    private static final String[] SPECIALS = {
        "\"", "\\", "\n", "\r\n", "\t", "\u0001", "\u2028", "/", "</script>", "{\"S\":\"x\"}", "'"
    };

    private RandomValues() {
    }

    /** A string of {@code minChars..maxChars} UTF-16 units (approximately), never cut in a surrogate pair. */
    public static String text(SplittableRandom r, int minChars, int maxChars) {
        int target = minChars >= maxChars ? minChars : r.nextInt(minChars, maxChars + 1);
        StringBuilder b = new StringBuilder(target + 16);
        while (b.length() < target) {
            if (b.length() > 0) {
                b.append(' ');
            }
            int pick = r.nextInt(100);
            if (pick < 8) {
                b.append(SPECIALS[r.nextInt(SPECIALS.length)]);
            } else if (pick < 45) {
                b.append(WORDS[r.nextInt(WORDS.length)]);
            } else {
                b.append(word(r, 3, 10));
            }
        }
        return b.toString();
    }

    /** A string of plain ASCII letters and digits. */
    public static String word(SplittableRandom r, int minChars, int maxChars) {
        int n = minChars >= maxChars ? minChars : r.nextInt(minChars, maxChars + 1);
        char[] c = new char[n];
        for (int i = 0; i < n; i++) {
            c[i] = ALNUM.charAt(r.nextInt(ALNUM.length()));
        }
        return new String(c);
    }

    /** Random bytes. */
    public static byte[] bytes(SplittableRandom r, int length) {
        byte[] b = new byte[length];
        r.nextBytes(b);
        return b;
    }

    /**
     * The canonical DynamoDB text of {@code value}: no exponent, no leading zeros, no trailing
     * fractional zeros, {@code 0} for zero.
     */
    public static String canonical(BigDecimal value) {
        if (value.signum() == 0) {
            return "0";
        }
        return value.stripTrailingZeros().toPlainString();
    }

    /** A number of one of several kinds: small and large integers, prices, 38-digit values, tiny fractions. */
    public static String number(SplittableRandom r) {
        switch (r.nextInt(8)) {
            case 0:
                return Integer.toString(r.nextInt(-1000, 1000));
            case 1:
                return canonical(BigDecimal.valueOf(r.nextLong(0, 100_000_000L), 2));
            case 2:
                return digits(r, 38, 0, r.nextBoolean());
            case 3:
                return digits(r, 38, r.nextInt(1, 38), r.nextBoolean());
            case 4:
                return digits(r, r.nextInt(1, 20), r.nextInt(20, 40), r.nextBoolean());
            case 5:
                return canonical(new BigDecimal(new BigInteger(digits(r, r.nextInt(1, 12), 0, false)))
                        .scaleByPowerOfTen(r.nextInt(1, 30)));
            case 6:
                return Long.toString(r.nextLong());
            default:
                return "0";
        }
    }

    /**
     * A number with {@code significant} digits (the first and last non-zero) of which
     * {@code fraction} lie after the point, as canonical text.
     */
    public static String digits(SplittableRandom r, int significant, int fraction, boolean negative) {
        char[] d = new char[significant];
        for (int i = 0; i < significant; i++) {
            d[i] = (char) ('0' + r.nextInt(10));
        }
        d[0] = (char) ('1' + r.nextInt(9));
        d[significant - 1] = (char) ('1' + r.nextInt(9));
        BigDecimal v = new BigDecimal(new BigInteger(new String(d)), fraction);
        return canonical(negative ? v.negate() : v);
    }

    /** A string set of {@code n} distinct elements. */
    public static AttributeValue.SS stringSet(SplittableRandom r, int n, int minChars, int maxChars) {
        Set<String> s = new LinkedHashSet<>();
        while (s.size() < n) {
            s.add(r.nextInt(4) == 0 ? text(r, minChars, maxChars) : word(r, minChars, maxChars));
        }
        return new AttributeValue.SS(s);
    }

    /** A number set of {@code n} numerically distinct elements (canonical text makes text and value agree). */
    public static AttributeValue.NS numberSet(SplittableRandom r, int n) {
        Set<String> s = new LinkedHashSet<>();
        while (s.size() < n) {
            s.add(number(r));
        }
        return new AttributeValue.NS(s);
    }

    /** A binary set of {@code n} distinct elements. */
    public static AttributeValue.BS binarySet(SplittableRandom r, int n, int minBytes, int maxBytes) {
        Set<AttributeValue.B> s = new LinkedHashSet<>();
        while (s.size() < n) {
            s.add(AttributeValue.B.wrap(bytes(r, r.nextInt(minBytes, maxBytes + 1))));
        }
        return new AttributeValue.BS(s);
    }

    /** An S value. */
    public static AttributeValue.S s(String value) {
        return new AttributeValue.S(value);
    }

    /** An N value from canonical text. */
    public static AttributeValue.N n(String text) {
        return new AttributeValue.N(text);
    }

    /** An N value. */
    public static AttributeValue.N n(long value) {
        return new AttributeValue.N(Long.toString(value));
    }

    /** A map value from alternating names and values. */
    public static AttributeValue.M m(Object... nameValuePairs) {
        Map<String, AttributeValue> m = new LinkedHashMap<>();
        for (int i = 0; i < nameValuePairs.length; i += 2) {
            m.put((String) nameValuePairs[i], (AttributeValue) nameValuePairs[i + 1]);
        }
        return new AttributeValue.M(m);
    }

    /** A list value. */
    public static AttributeValue.L l(AttributeValue... values) {
        return new AttributeValue.L(List.of(values));
    }

    /** A list of mixed scalar and nested values, as applications store event logs. */
    public static AttributeValue.L mixedList(SplittableRandom r, int n) {
        List<AttributeValue> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            switch (r.nextInt(9)) {
                case 0 -> out.add(s(text(r, 5, 30)));
                case 1 -> out.add(n(number(r)));
                case 2 -> out.add(AttributeValue.Bool.of(r.nextBoolean()));
                case 3 -> out.add(AttributeValue.Null.INSTANCE);
                case 4 -> out.add(AttributeValue.B.wrap(bytes(r, r.nextInt(0, 24))));
                case 5 -> out.add(l(n(number(r)), s(word(r, 2, 8))));
                case 6 -> out.add(m("at", n(r.nextLong(1_600_000_000_000L, 1_900_000_000_000L)),
                        "what", s(text(r, 4, 20)), "ok", AttributeValue.Bool.of(r.nextBoolean())));
                case 7 -> out.add(stringSet(r, r.nextInt(1, 4), 3, 8));
                default -> out.add(new AttributeValue.M(Map.of()));
            }
        }
        return new AttributeValue.L(out);
    }
}
