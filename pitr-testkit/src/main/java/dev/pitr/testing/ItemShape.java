package dev.pitr.testing;

/**
 * What the generated items look like. Every shape carries the key attributes, a {@code rev}
 * number (the item's version), a {@code phaseEven} or {@code phaseOdd} string that swaps on
 * every update (so updates add and remove attributes) and sometimes a {@code note}.
 */
public enum ItemShape {
    /** About 200 bytes: a few strings (some Unicode), numbers, a boolean and a string set. */
    SMALL,
    /**
     * About 2 KB: long Unicode strings with characters that need escaping, numbers of up to 38
     * significant digits and tiny fractions, BOOL, NULL, an empty string, nested maps and lists,
     * empty maps and lists, and all three set types.
     */
    MEDIUM,
    /** About 100 KB, mostly one random binary attribute. */
    LARGE
}
