package dev.pitr.model;

import org.jspecify.annotations.Nullable;

/**
 * Checks DynamoDB number text without parsing it: the shape of a decimal number, at most 38
 * significant digits, and a magnitude DynamoDB can store (1E-130 to 9.99...E+125).
 */
public final class Numbers {
    /** Most significant digits DynamoDB keeps. */
    public static final int MAX_DIGITS = 38;

    private Numbers() {
    }

    /**
     * Checks {@code text}.
     *
     * @return {@code null} when it is a number DynamoDB accepts, else why not (without the value)
     */
    public static @Nullable String check(CharSequence text) {
        return isPlainDecimal(text) ? null : checkFully(text);
    }

    /** {@link #check} without the fast path for plain decimals. */
    static String checkFully(CharSequence text) {
        int n = text.length();
        int i = 0;
        if (n == 0) {
            return "number is empty";
        }
        char c = text.charAt(0);
        if (c == '-' || c == '+') {
            i++;
        }
        int intDigits = 0;
        int fracDigits = 0;
        int firstNonZero = -1;   // index among all mantissa digits
        int lastNonZero = -1;
        int digitIndex = 0;
        int pointAt = -1;        // number of mantissa digits before the point
        for (; i < n; i++) {
            c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                if (c != '0') {
                    if (firstNonZero < 0) {
                        firstNonZero = digitIndex;
                    }
                    lastNonZero = digitIndex;
                }
                digitIndex++;
                if (pointAt < 0) {
                    intDigits++;
                } else {
                    fracDigits++;
                }
            } else if (c == '.' && pointAt < 0) {
                pointAt = digitIndex;
            } else {
                break;
            }
        }
        if (intDigits + fracDigits == 0) {
            return "not a number";
        }
        long exponent = 0;
        if (i < n) {
            c = text.charAt(i);
            if (c != 'e' && c != 'E') {
                return "not a number";
            }
            i++;
            boolean negative = false;
            if (i < n && (text.charAt(i) == '-' || text.charAt(i) == '+')) {
                negative = text.charAt(i) == '-';
                i++;
            }
            if (i == n) {
                return "not a number";
            }
            for (; i < n; i++) {
                c = text.charAt(i);
                if (c < '0' || c > '9') {
                    return "not a number";
                }
                if (exponent < 100_000) {
                    exponent = exponent * 10 + (c - '0');
                }
            }
            if (negative) {
                exponent = -exponent;
            }
        }
        if (firstNonZero < 0) {
            return null; // zero
        }
        int significant = lastNonZero - firstNonZero + 1;
        if (significant > MAX_DIGITS) {
            return "number has " + significant + " significant digits, more than " + MAX_DIGITS;
        }
        int pointIndex = pointAt < 0 ? digitIndex : pointAt;
        // value = 0.d1d2... x 10^(pointIndex - firstNonZero + exponent); as d1.d2... x 10^adjusted
        long adjusted = (long) pointIndex - firstNonZero - 1 + exponent;
        if (adjusted > 125) {
            return "number magnitude is above 9.99E+125";
        }
        if (adjusted < -130) {
            return "number magnitude is below 1E-130";
        }
        return null;
    }

    /**
     * The common case, settled in one tight loop: {@code -?digits(.digits)?} with at most 38
     * digits in all. Such a number has at most 38 significant digits, and its magnitude lies
     * between 1E-38 and 1E+38, well inside DynamoDB's range (or it is zero).
     */
    static boolean isPlainDecimal(CharSequence text) {
        int n = text.length();
        int i = n > 0 && text.charAt(0) == '-' ? 1 : 0;
        int digits = 0;
        int point = -1;
        for (; i < n; i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                digits++;
            } else if (c == '.' && point < 0 && digits > 0) {
                point = i;
            } else {
                return false;
            }
        }
        return digits > 0 && digits <= MAX_DIGITS && point != n - 1;
    }
}
