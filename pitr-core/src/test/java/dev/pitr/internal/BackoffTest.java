package dev.pitr.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class BackoffTest {
    /** Always the largest value below the bound, or 0: the two ends of the jitter. */
    private static RandomGenerator fixed(boolean top) {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                throw new UnsupportedOperationException();
            }

            @Override
            public long nextLong(long bound) {
                return top ? bound - 1 : 0;
            }
        };
    }

    @Test
    void ceiling_doublesFromBaseUpToTheCap() {
        Backoff backoff = Backoff.create(Duration.ofMillis(50), Duration.ofSeconds(1));
        assertThat(backoff.ceilingNanos(1)).isEqualTo(Duration.ofMillis(50).toNanos());
        assertThat(backoff.ceilingNanos(2)).isEqualTo(Duration.ofMillis(100).toNanos());
        assertThat(backoff.ceilingNanos(5)).isEqualTo(Duration.ofMillis(800).toNanos());
        assertThat(backoff.ceilingNanos(6)).isEqualTo(Duration.ofSeconds(1).toNanos());
        assertThat(backoff.ceilingNanos(500)).isEqualTo(Duration.ofSeconds(1).toNanos());
        assertThat(backoff.ceilingNanos(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(1).toNanos());
    }

    @Test
    void ceiling_neverOverflows_withALargeBaseAndCap() {
        Backoff backoff = Backoff.create(Duration.ofHours(1), Duration.ofDays(100_000));
        long previous = 0;
        for (int attempt = 1; attempt < 80; attempt++) {
            long ceiling = backoff.ceilingNanos(attempt);
            assertThat(ceiling).as("attempt %d", attempt).isPositive().isGreaterThanOrEqualTo(previous)
                    .isLessThanOrEqualTo(Duration.ofDays(100_000).toNanos());
            previous = ceiling;
        }
        assertThat(previous).isEqualTo(Duration.ofDays(100_000).toNanos());
    }

    @Test
    void attemptZero_waitsNothing() {
        Backoff backoff = Backoff.create(Duration.ofMillis(200), Duration.ofSeconds(10), fixed(true));
        assertThat(backoff.ceilingNanos(0)).isZero();
        assertThat(backoff.delayNanos(0)).isZero();
        assertThat(backoff.delayNanos(-1)).isZero();
    }

    @Test
    void delay_isFullJitter_fromZeroToTheCeilingInclusive() {
        Backoff top = Backoff.create(Duration.ofMillis(200), Duration.ofSeconds(10), fixed(true));
        Backoff bottom = Backoff.create(Duration.ofMillis(200), Duration.ofSeconds(10), fixed(false));
        for (int attempt = 1; attempt < 10; attempt++) {
            assertThat(top.delayNanos(attempt)).isEqualTo(top.ceilingNanos(attempt));
            assertThat(bottom.delayNanos(attempt)).isZero();
        }
    }

    @Test
    void delays_spreadOverTheWholeRange_seededOrEachThreadsOwnRandom() {
        for (Backoff backoff : new Backoff[] {
                Backoff.create(Duration.ofMillis(50), Duration.ofSeconds(1), new SplittableRandom(3)),
                Backoff.create(Duration.ofMillis(50), Duration.ofSeconds(1))}) {
            long max = 0;
            long min = Long.MAX_VALUE;
            for (int i = 0; i < 2000; i++) {
                long d = backoff.delayNanos(3);
                max = Math.max(max, d);
                min = Math.min(min, d);
            }
            long ceiling = Duration.ofMillis(200).toNanos();
            assertThat(max).isLessThanOrEqualTo(ceiling).isGreaterThan(ceiling * 9 / 10);
            assertThat(min).isGreaterThanOrEqualTo(0).isLessThan(ceiling / 10);
        }
    }

    @Test
    void create_refusesANonPositiveBase_andACapBelowIt() {
        assertThatThrownBy(() -> Backoff.create(Duration.ZERO, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("base must be positive, got PT0S");
        assertThatThrownBy(() -> Backoff.create(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("cap must be at least base PT2S, got PT1S");
    }
}
