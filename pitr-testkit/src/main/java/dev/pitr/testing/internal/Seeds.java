package dev.pitr.testing.internal;

import java.util.SplittableRandom;

/**
 * Derives independent, reproducible random streams from the generator's seed, so that any
 * item, key or export can be produced again from its coordinates alone (no stored state).
 */
public final class Seeds {
    private Seeds() {
    }

    /** The SplitMix64 finaliser: spreads every input bit over the whole output. */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** A hash of the seed and coordinates; different coordinates give unrelated values. */
    public static long hash(long seed, long a, long b, long c) {
        long h = mix(seed ^ 0x9e3779b97f4a7c15L);
        h = mix(h ^ a * 0xc2b2ae3d27d4eb4fL);
        h = mix(h ^ b * 0x165667b19e3779f9L);
        return mix(h ^ c * 0x27d4eb2f165667c5L);
    }

    /** A random stream for the given coordinates. */
    public static SplittableRandom random(long seed, long a, long b, long c) {
        return new SplittableRandom(hash(seed, a, b, c));
    }
}
