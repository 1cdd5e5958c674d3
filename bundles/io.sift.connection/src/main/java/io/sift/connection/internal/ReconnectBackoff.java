package io.sift.connection.internal;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Delays between connection attempts: doubling from {@code first} up to {@code max}, each spread by
 * up to ±20 % so that many clients cut off by the same server restart do not return in one burst.
 * Not thread-safe: one instance belongs to one account's connection thread.
 */
final class ReconnectBackoff {

    private final Duration first;
    private final Duration max;
    private final DoubleSupplier random;
    private int failures;

    /** @param random yields values in [0, 1) */
    ReconnectBackoff(Duration first, Duration max, DoubleSupplier random) {
        if (first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
            throw new IllegalArgumentException("need 0 < first <= max, got " + first + " and " + max);
        }
        this.first = first;
        this.max = max;
        this.random = random;
    }

    /** The delay before the next attempt; each call counts one more failed attempt. */
    Duration nextDelay() {
        long base = first.toMillis();
        for (int i = 0; i < failures && base < max.toMillis(); i++) {
            base *= 2;
        }
        base = Math.min(base, max.toMillis());
        failures++;
        double spread = 0.8 + 0.4 * random.getAsDouble();
        return Duration.ofMillis(Math.max(1, Math.round(base * spread)));
    }

    /** After a successful login the next loss starts again from the first delay. */
    void reset() {
        failures = 0;
    }
}
