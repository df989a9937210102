package dev.pitr.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WriteRateLimiterTest {
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private final FakeTicker ticker = new FakeTicker();

    private WriteRateLimiter limiter(double ceiling) {
        return WriteRateLimiter.builder().maxWriteCapacityUnitsPerSecond(ceiling).ticker(ticker).build();
    }

    @Test
    void reserve_withinTheOneSecondBurst_doesNotWait() {
        WriteRateLimiter l = limiter(500);
        for (int i = 0; i < 20; i++) {
            assertThat(l.reserve(25)).isZero();
        }
        assertThat(l.reserve(1)).isEqualTo(SECOND / 500);
    }

    @Test
    void reserve_oneProducerOver60Seconds_holds500WcuPerSecondWithin10Percent() {
        WriteRateLimiter l = limiter(500);
        Random random = new Random(42);
        long start = ticker.read();
        long consumed = 0;
        while (ticker.read() - start < 60 * SECOND) {
            int wcu = 1 + random.nextInt(25);
            ticker.advance(l.reserve(wcu));
            consumed += wcu;
        }
        double seconds = (ticker.read() - start) / (double) SECOND;
        double rate = consumed / seconds;
        assertThat(rate).isCloseTo(500, within(50.0));
        // Beyond the initial 1 s burst the rate is exact to a permit.
        assertThat((consumed - 500) / seconds).isCloseTo(500, within(1.0));
    }

    @Test
    void reserve_sixteenConcurrentProducers_shareTheRateWithin10Percent() {
        WriteRateLimiter l = limiter(500);
        // Each producer reserves, waits its turn, sends, and reserves again: an event simulation.
        // Entries: {time the producer is ready, producer, arrival sequence}; ties go first come first served.
        PriorityQueue<long[]> ready = new PriorityQueue<>((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0])
                : Long.compare(a[2], b[2]));
        long start = ticker.read();
        long sequence = 0;
        for (int p = 0; p < 16; p++) {
            ready.add(new long[] {start, p, sequence++});
        }
        long consumed = 0;
        long[] perProducer = new long[16];
        while (true) {
            long[] next = ready.poll();
            if (next[0] - start >= 30 * SECOND) {
                break;
            }
            ticker.advance(next[0] - ticker.read());
            long wait = l.reserve(25);
            consumed += 25;
            perProducer[(int) next[1]] += 25;
            ready.add(new long[] {ticker.read() + wait, next[1], sequence++});
        }
        double rate = consumed / 30.0;
        assertThat(rate).isCloseTo(500, within(50.0));
        for (long share : perProducer) {
            assertThat(share / 30.0).isCloseTo(500 / 16.0, within(500 / 16.0 * 0.2));
        }
    }

    @Test
    void reserve_afterTheBurst_queuesCallersBehindEachOther() {
        WriteRateLimiter l = limiter(500);
        assertThat(l.reserve(500)).isZero();
        // Nothing left: the k-th reservation of 25 waits for 25 * k tokens.
        for (int k = 1; k <= 5; k++) {
            assertThat(l.reserve(25)).isEqualTo(25L * k * SECOND / 500);
        }
    }

    @Test
    void reserve_permitLargerThanTheBurst_isGrantedFromAFullBucketAndLeavesDebt() {
        WriteRateLimiter l = limiter(100);
        assertThat(l.reserve(400)).isZero();
        assertThat(l.availableTokens()).isCloseTo(-300, within(1e-9));
        assertThat(l.reserve(1)).isEqualTo(301L * SECOND / 100);
    }

    @Test
    void tryAcquire_emptyBucket_refusesUntilTokensAccrue() {
        WriteRateLimiter l = limiter(10);
        assertThat(l.tryAcquire(10)).isTrue();
        assertThat(l.tryAcquire(1)).isFalse();
        ticker.advance(SECOND / 10);
        assertThat(l.tryAcquire(1)).isTrue();
        assertThat(l.tryAcquire(1)).isFalse();
    }

    @Test
    void adjust_consumedMoreThanEstimated_takesTheDifference_andRefundsNeverOverfill() {
        WriteRateLimiter l = limiter(100);
        assertThat(l.reserve(100)).isZero();
        l.adjust(50);
        assertThat(l.availableTokens()).isCloseTo(-50, within(1e-9));
        l.adjust(-1000);
        assertThat(l.availableTokens()).isCloseTo(100, within(1e-9));
        assertThatThrownBy(() -> l.adjust(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void onThrottle_decreasesMultiplicatively_oncePerRoundTrip() {
        WriteRateLimiter l = limiter(500);
        long sentBefore = ticker.read();
        ticker.advance(SECOND / 100);
        assertThat(l.onThrottle(sentBefore)).isTrue();
        assertThat(l.currentRate()).isCloseTo(350, within(1e-9));
        // Another answer to a request sent before that decrease: same congestion event.
        assertThat(l.onThrottle(sentBefore)).isFalse();
        assertThat(l.currentRate()).isCloseTo(350, within(1e-9));
        ticker.advance(SECOND / 100);
        long sentAfter = ticker.read();
        ticker.advance(SECOND / 100);
        // Sent after the decrease, but answered within the minimum interval (500 ms): ignored.
        assertThat(l.onThrottle(sentAfter)).isFalse();
        ticker.advance(SECOND / 2);
        assertThat(l.onThrottle(sentAfter)).isTrue();
        assertThat(l.currentRate()).isCloseTo(245, within(1e-9));
        assertThat(l.decreases()).isEqualTo(2);
    }

    @Test
    void onThrottle_partlyHandedBack_decreasesByTheShareRefused() {
        WriteRateLimiter l = limiter(1000);
        assertThat(l.onThrottle(ticker.read(), 0.3)).isTrue();
        assertThat(l.currentRate()).isCloseTo(1000 * (1 - 0.3 * 0.3), within(1e-9));
        ticker.advance(SECOND);
        assertThat(l.onThrottle(ticker.read(), 0)).isFalse();
        assertThat(l.onThrottle(ticker.read(), 5)).isTrue();
        assertThat(l.currentRate()).isCloseTo(910 * 0.7, within(1e-9));
    }

    @Test
    void onThrottle_withoutMinimumInterval_decreasesForEveryRoundTrip() {
        WriteRateLimiter l = WriteRateLimiter.builder().maxWriteCapacityUnitsPerSecond(1000)
                .minDecreaseInterval(Duration.ZERO).ticker(ticker).build();
        for (int i = 0; i < 3; i++) {
            ticker.advance(1);
            assertThat(l.onThrottle(ticker.read())).isTrue();
        }
        assertThat(l.currentRate()).isCloseTo(1000 * 0.7 * 0.7 * 0.7, within(1e-9));
    }

    @Test
    void onThrottle_repeatedly_neverGoesBelowTheFloor() {
        WriteRateLimiter l = WriteRateLimiter.builder().maxWriteCapacityUnitsPerSecond(500).floor(20)
                .ticker(ticker).build();
        for (int i = 0; i < 50; i++) {
            ticker.advance(SECOND);
            l.onThrottle(ticker.read());
        }
        assertThat(l.currentRate()).isEqualTo(20);
    }

    @Test
    void onThrottle_shrinksTheBurstWithTheRate() {
        WriteRateLimiter l = limiter(1000);
        l.onThrottle(ticker.read());
        assertThat(l.availableTokens()).isCloseTo(700, within(1e-9));
    }

    @Test
    void onSuccess_whileSaturated_growsByTheAdditiveStepPerSecond_andStopsAtTheCeiling() {
        WriteRateLimiter l = limiter(500);
        l.onThrottle(ticker.read());
        assertThat(l.currentRate()).isCloseTo(350, within(1e-9));
        assertThat(l.reserve(350)).isZero(); // drain the burst: from here on the caller is saturated
        // One simulated second of full use: reserve 25-WCU batches back to back, each succeeding.
        long start = ticker.read();
        while (ticker.read() - start < SECOND) {
            ticker.advance(l.reserve(25));
            l.onSuccess(25);
        }
        // Step = 0.1 x 350 = 35 WCU/s per second of full use.
        assertThat(l.currentRate()).isCloseTo(385, within(4.0));
        for (int i = 0; i < 100_000; i++) {
            ticker.advance(l.reserve(25));
            l.onSuccess(25);
        }
        assertThat(l.currentRate()).isEqualTo(500);
    }

    @Test
    void onSuccess_whileTheBucketIsMoreThanHalfFull_doesNotGrowTheRate() {
        WriteRateLimiter l = limiter(500);
        l.onThrottle(ticker.read());
        for (int i = 0; i < 1000; i++) {
            ticker.advance(SECOND);
            assertThat(l.tryAcquire(1)).isTrue();
            l.onSuccess(1);
        }
        assertThat(l.currentRate()).isCloseTo(350, within(1e-9));
    }

    @Test
    void unlimited_startsAtTheDefaultStart_andGrowsWithoutCeiling() {
        WriteRateLimiter l = WriteRateLimiter.builder().ticker(ticker).build();
        assertThat(l.ceiling()).isInfinite();
        assertThat(l.currentRate()).isEqualTo(WriteRateLimiter.DEFAULT_UNLIMITED_START);
        assertThat(l.reserve(40_000)).isZero();
        l.onSuccess(40_000);
        assertThat(l.currentRate()).isGreaterThan(WriteRateLimiter.DEFAULT_UNLIMITED_START);
    }

    @Test
    void unlimited_withInitialRate_startsThere() {
        WriteRateLimiter l = WriteRateLimiter.builder().initialRate(250).ticker(ticker).build();
        assertThat(l.currentRate()).isEqualTo(250);
    }

    @Test
    void acquire_interruptedWhileWaiting_restoresTheFlagAndGivesTheTokensBack() {
        WriteRateLimiter l = WriteRateLimiter.builder().maxWriteCapacityUnitsPerSecond(1).build();
        l.acquire(1);
        double before = l.availableTokens();
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> l.acquire(1)).isInstanceOf(WriteInterruptedException.class)
                    .hasMessageContaining("1 write capacity units");
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
        assertThat(l.availableTokens()).isGreaterThanOrEqualTo(before);
    }

    @Test
    void builder_badValues_areRefusedNamingTheValue() {
        assertThatThrownBy(() -> WriteRateLimiter.builder().maxWriteCapacityUnitsPerSecond(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0.0");
        assertThatThrownBy(() -> WriteRateLimiter.builder().maxWriteCapacityUnitsPerSecond(Double.NaN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NaN");
        assertThatThrownBy(() -> WriteRateLimiter.builder().floor(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
        assertThatThrownBy(() -> WriteRateLimiter.builder().decreaseFactor(1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1.0");
        assertThatThrownBy(() -> WriteRateLimiter.builder().additiveIncreaseRatio(0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WriteRateLimiter.builder().minDecreaseInterval(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT-0.001S");
        assertThatThrownBy(() -> WriteRateLimiter.builder().burst(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT0S");
        assertThatThrownBy(() -> WriteRateLimiter.builder().ticker(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> limiter(10).reserve(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void build_floorAboveCeiling_orInitialOutsideTheRange_isRefused() {
        assertThatThrownBy(() -> WriteRateLimiter.builder().maxWriteCapacityUnitsPerSecond(10).floor(20).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("floor 20.0");
        assertThatThrownBy(() -> WriteRateLimiter.builder().maxWriteCapacityUnitsPerSecond(10).initialRate(20).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("initialRate 20.0");
        // A ceiling below the default floor lowers the floor with it.
        assertThat(WriteRateLimiter.builder().maxWriteCapacityUnitsPerSecond(0.5).build().floor()).isEqualTo(0.5);
    }
}
