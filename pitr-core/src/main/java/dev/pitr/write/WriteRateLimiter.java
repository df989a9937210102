package dev.pitr.write;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * A token bucket measured in write capacity units (WCU) whose rate adapts to DynamoDB's answers
 * (additive increase, multiplicative decrease).
 *
 * <p><b>Bucket.</b> Tokens accrue at the current rate up to a burst of {@code rate x burst}
 * (1 s by default); the bucket starts full. A caller takes a weighted permit of as many tokens as
 * the write costs ({@link #reserve}, {@link #acquire}, {@link #tryAcquire}); a permit larger than
 * what is in the bucket is granted once the bucket holds {@code min(permit, burst)} tokens, the
 * rest is taken as debt that later callers wait out, so one huge item never stalls forever and
 * the long-run rate still holds. Answers that report the capacity really consumed correct the
 * estimate ({@link #adjust}).
 *
 * <p><b>Rate.</b> The rate starts at the user's ceiling, or at {@link #DEFAULT_UNLIMITED_START}
 * WCU/s when there is none. Each throttling signal ({@link #onThrottle}: a throttling error, or
 * {@code UnprocessedItems} weighted by the share of the request handed back) multiplies it by
 * the decrease factor, at most once per congestion event: a signal from a request sent before
 * the last decrease is ignored (a volley of throttled answers to requests already in flight
 * counts once), and so is one that comes sooner than the minimum decrease interval after it
 * (DynamoDB meters capacity per second; 500 ms by default). Each success ({@link #onSuccess})
 * adds to it so that, at full use, it grows by a fixed step per second: the additive-increase
 * ratio times the rate set at the last decrease. While the bucket is more than half full the
 * caller is not using the rate it has, and the rate does not grow. The rate never leaves
 * {@code [floor, ceiling]}.
 *
 * <p>Time comes from a {@link Ticker}; only {@link #acquire} waits, in real time. Thread-safe.
 */
public final class WriteRateLimiter {
    /**
     * Starting rate when there is no ceiling: 40,000 WCU/s, the default per-table write quota of
     * an account, so an unlimited limiter does not hold back a table at its default quota.
     */
    public static final double DEFAULT_UNLIMITED_START = 40_000;

    private static final double NANOS_PER_SECOND = 1e9;
    private static final double MAX_RATE = 1e9;
    private static final double MIN_INCREASE_PER_SECOND = 5;

    private final double ceiling;
    private final double floor;
    private final double burstSeconds;
    private final double decreaseFactor;
    private final double additiveIncreaseRatio;
    private final long minDecreaseIntervalNanos;
    private final Ticker ticker;

    private volatile double rate;
    private double increasePerSecond;
    private double tokens;
    private long refilledAt;
    private boolean decreased;
    private long lastDecreaseAt;
    private long decreases;

    private WriteRateLimiter(Builder b) {
        this.ceiling = b.ceiling;
        this.floor = b.floor;
        this.burstSeconds = b.burst.toNanos() / NANOS_PER_SECOND;
        this.decreaseFactor = b.decreaseFactor;
        this.additiveIncreaseRatio = b.additiveIncreaseRatio;
        this.minDecreaseIntervalNanos = b.minDecreaseInterval.toNanos();
        this.ticker = b.ticker;
        this.rate = Double.isInfinite(ceiling) ? b.initialRate : Math.min(ceiling, b.initialRate);
        this.increasePerSecond = Math.max(MIN_INCREASE_PER_SECOND, rate * additiveIncreaseRatio);
        this.tokens = capacity();
        this.refilledAt = ticker.read();
    }

    /**
     * A builder with the defaults: no ceiling, floor 1 WCU/s, burst 1 s, decrease factor 0.7 at
     * most every 500 ms, additive increase 0.1.
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Takes {@code wcu} tokens now and says how long the caller must wait before it uses them.
     * Later callers queue behind this reservation.
     *
     * @return nanoseconds to wait, 0 when the tokens were there
     */
    public synchronized long reserve(int wcu) {
        checkPermits(wcu);
        refill(ticker.read());
        double needed = Math.min(wcu, capacity());
        double missing = needed - tokens;
        tokens -= wcu;
        if (missing <= 0) {
            return 0;
        }
        return (long) Math.ceil(missing / rate * NANOS_PER_SECOND);
    }

    /** Takes {@code wcu} tokens if they are there now; never waits. */
    public synchronized boolean tryAcquire(int wcu) {
        checkPermits(wcu);
        refill(ticker.read());
        if (tokens < Math.min(wcu, capacity())) {
            return false;
        }
        tokens -= wcu;
        return true;
    }

    /**
     * Takes {@code wcu} tokens, waiting (in real time) until they are there.
     *
     * @throws WriteInterruptedException when interrupted; the tokens are given back and the
     *                                   interrupt flag is set again
     */
    public void acquire(int wcu) {
        long wait = reserve(wcu);
        if (wait > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(wait);
            } catch (InterruptedException e) {
                adjust(-wcu);
                Thread.currentThread().interrupt();
                throw new WriteInterruptedException("Interrupted while waiting for " + wcu + " write capacity units", e);
            }
        }
    }

    /**
     * Corrects an earlier estimate once the capacity really consumed is known: takes
     * {@code wcuDelta} more tokens when positive, gives back {@code -wcuDelta} when negative (never
     * beyond a full bucket).
     */
    public synchronized void adjust(double wcuDelta) {
        if (Double.isNaN(wcuDelta) || Double.isInfinite(wcuDelta)) {
            throw new IllegalArgumentException("wcuDelta must be finite: " + wcuDelta);
        }
        refill(ticker.read());
        tokens = Math.min(capacity(), tokens - wcuDelta);
    }

    /**
     * A request sent at {@code requestSentAtNanos} (ticker time) was throttled: same as
     * {@code onThrottle(requestSentAtNanos, 1.0)}.
     *
     * @return whether the rate decreased
     */
    public boolean onThrottle(long requestSentAtNanos) {
        return onThrottle(requestSentAtNanos, 1.0);
    }

    /**
     * A request sent at {@code requestSentAtNanos} (ticker time) had {@code refusedShare} of its
     * items refused (1 for a throttling error, the share handed back for
     * {@code UnprocessedItems}). Decreases the rate by {@code 1 - (1 - factor) x refusedShare},
     * unless it already decreased for a request sent later or less than the minimum interval ago.
     *
     * @return whether the rate decreased
     */
    public synchronized boolean onThrottle(long requestSentAtNanos, double refusedShare) {
        if (!(refusedShare > 0)) {
            return false;
        }
        long now = ticker.read();
        if (decreased && (requestSentAtNanos - lastDecreaseAt < 0 || now - lastDecreaseAt < minDecreaseIntervalNanos)) {
            return false;
        }
        refill(now);
        double factor = 1 - (1 - decreaseFactor) * Math.min(1, refusedShare);
        rate = Math.max(floor, rate * factor);
        increasePerSecond = Math.max(MIN_INCREASE_PER_SECOND, rate * additiveIncreaseRatio);
        tokens = Math.min(tokens, capacity());
        decreased = true;
        lastDecreaseAt = now;
        decreases++;
        return true;
    }

    /**
     * A request that cost {@code wcu} units succeeded without throttling: grows the rate by its
     * share of the additive step, when the caller is using the rate it has.
     */
    public synchronized void onSuccess(double wcu) {
        if (!(wcu > 0) || Double.isInfinite(wcu)) {
            return;
        }
        refill(ticker.read());
        double current = rate;
        if (current >= ceiling || tokens > capacity() / 2) {
            return;
        }
        rate = Math.min(Math.min(ceiling, MAX_RATE), current + increasePerSecond * wcu / current);
    }

    /** The current rate in WCU per second (a gauge). */
    public double currentRate() {
        return rate;
    }

    /** The ceiling in WCU per second, {@link Double#POSITIVE_INFINITY} when there is none. */
    public double ceiling() {
        return ceiling;
    }

    /** The floor in WCU per second. */
    public double floor() {
        return floor;
    }

    /** How many times the rate decreased. */
    public synchronized long decreases() {
        return decreases;
    }

    /** Tokens in the bucket now; negative while callers wait out debt. */
    public synchronized double availableTokens() {
        refill(ticker.read());
        return tokens;
    }

    private double capacity() {
        return Math.max(1, rate * burstSeconds);
    }

    private void refill(long now) {
        long elapsed = now - refilledAt;
        if (elapsed > 0) {
            tokens = Math.min(capacity(), tokens + elapsed * rate / NANOS_PER_SECOND);
            refilledAt = now;
        }
    }

    private static void checkPermits(int wcu) {
        if (wcu < 1) {
            throw new IllegalArgumentException("permits must be at least 1 WCU: " + wcu);
        }
    }

    @Override
    public String toString() {
        return "WriteRateLimiter[rate=" + Math.round(rate) + " WCU/s, ceiling="
                + (Double.isInfinite(ceiling) ? "none" : Math.round(ceiling)) + "]";
    }

    /** Builds a {@link WriteRateLimiter}; each setter checks its value at once. */
    public static final class Builder {
        private double ceiling = Double.POSITIVE_INFINITY;
        private Double initial;
        private double initialRate = DEFAULT_UNLIMITED_START;
        private Double floorSet;
        private double floor;
        private Duration burst = Duration.ofSeconds(1);
        private double decreaseFactor = 0.7;
        private double additiveIncreaseRatio = 0.1;
        private Duration minDecreaseInterval = Duration.ofMillis(500);
        private Ticker ticker = Ticker.system();

        private Builder() {
        }

        /** The most WCU per second the limiter ever allows; also its starting rate. */
        public Builder maxWriteCapacityUnitsPerSecond(double wcuPerSecond) {
            this.ceiling = positive("maxWriteCapacityUnitsPerSecond", wcuPerSecond);
            return this;
        }

        /** No ceiling (the default): the rate starts at {@link #initialRate} and adapts. */
        public Builder unlimited() {
            this.ceiling = Double.POSITIVE_INFINITY;
            return this;
        }

        /** Starting rate; defaults to the ceiling, or {@link #DEFAULT_UNLIMITED_START} without one. */
        public Builder initialRate(double wcuPerSecond) {
            this.initial = positive("initialRate", wcuPerSecond);
            return this;
        }

        /** The rate never decreases below this (default 1 WCU/s, or the ceiling when lower). */
        public Builder floor(double wcuPerSecond) {
            this.floorSet = positive("floor", wcuPerSecond);
            return this;
        }

        /** How much unused rate the bucket stores, as time at the current rate (default 1 s). */
        public Builder burst(Duration burst) {
            Objects.requireNonNull(burst, "burst");
            if (burst.isNegative() || burst.isZero() || burst.compareTo(Duration.ofHours(1)) > 0) {
                throw new IllegalArgumentException("burst must be positive and at most 1 hour: " + burst);
            }
            this.burst = burst;
            return this;
        }

        /** Factor applied to the rate on throttling, in (0, 1) (default 0.7). */
        public Builder decreaseFactor(double factor) {
            if (!(factor > 0 && factor < 1)) {
                throw new IllegalArgumentException("decreaseFactor must be in (0, 1): " + factor);
            }
            this.decreaseFactor = factor;
            return this;
        }

        /**
         * Per second of full use, the rate grows by this fraction of the rate set at the last
         * decrease, in (0, 1] (default 0.1).
         */
        public Builder additiveIncreaseRatio(double ratio) {
            if (!(ratio > 0 && ratio <= 1)) {
                throw new IllegalArgumentException("additiveIncreaseRatio must be in (0, 1]: " + ratio);
            }
            this.additiveIncreaseRatio = ratio;
            return this;
        }

        /**
         * The least time between two decreases, 0 to 1 minute (default 500 ms): throttling keeps
         * being reported for a while after a decrease, and DynamoDB meters capacity per second.
         */
        public Builder minDecreaseInterval(Duration interval) {
            Objects.requireNonNull(interval, "minDecreaseInterval");
            if (interval.isNegative() || interval.compareTo(Duration.ofMinutes(1)) > 0) {
                throw new IllegalArgumentException("minDecreaseInterval must be in [0, 1 min]: " + interval);
            }
            this.minDecreaseInterval = interval;
            return this;
        }

        /** The time source (default {@link Ticker#system()}). */
        public Builder ticker(Ticker ticker) {
            this.ticker = Objects.requireNonNull(ticker, "ticker");
            return this;
        }

        /**
         * @throws IllegalStateException when the floor is above the ceiling or the initial rate
         *                               outside {@code [floor, ceiling]}
         */
        public WriteRateLimiter build() {
            floor = floorSet != null ? floorSet : Math.min(1, ceiling);
            initialRate = initial != null ? initial : Double.isInfinite(ceiling) ? DEFAULT_UNLIMITED_START : ceiling;
            if (floor > ceiling) {
                throw new IllegalStateException("floor " + floor + " WCU/s is above the ceiling " + ceiling + " WCU/s");
            }
            if (initialRate > ceiling || initialRate < floor) {
                throw new IllegalStateException("initialRate " + initialRate + " WCU/s is outside [floor "
                        + floor + ", ceiling " + ceiling + "]");
            }
            return new WriteRateLimiter(this);
        }

        private static double positive(String name, double value) {
            if (!(value > 0) || Double.isInfinite(value)) {
                throw new IllegalArgumentException(name + " must be a positive finite number: " + value);
            }
            return value;
        }
    }
}
