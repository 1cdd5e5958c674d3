package io.sift.connection.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class ReconnectBackoffTest {

    @Test
    void delaysDoubleUpToTheMaximum() {
        ReconnectBackoff backoff = new ReconnectBackoff(Duration.ofMillis(500), Duration.ofSeconds(3), () -> 0.5);
        long[] expected = {500, 1000, 2000, 3000, 3000};
        for (long e : expected) {
            assertEquals(e, backoff.nextDelay().toMillis());
        }
    }

    @Test
    void jitterStaysWithinTwentyPercent() {
        ReconnectBackoff low = new ReconnectBackoff(Duration.ofSeconds(1), Duration.ofSeconds(1), () -> 0.0);
        ReconnectBackoff high = new ReconnectBackoff(Duration.ofSeconds(1), Duration.ofSeconds(1), () -> 0.999999);
        assertEquals(800, low.nextDelay().toMillis());
        assertEquals(1200, high.nextDelay().toMillis());
    }

    @Test
    void resetStartsOverFromTheFirstDelay() {
        ReconnectBackoff backoff = new ReconnectBackoff(Duration.ofMillis(100), Duration.ofSeconds(10), () -> 0.5);
        backoff.nextDelay();
        backoff.nextDelay();
        backoff.reset();
        assertEquals(100, backoff.nextDelay().toMillis());
    }

    @Test
    void manyFailuresDoNotOverflow() {
        ReconnectBackoff backoff = new ReconnectBackoff(Duration.ofMillis(1), Duration.ofMinutes(1), () -> 0.5);
        for (int i = 0; i < 10_000; i++) {
            backoff.nextDelay();
        }
        assertEquals(60_000, backoff.nextDelay().toMillis());
    }

    @Test
    void nonsensicalBoundsAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new ReconnectBackoff(Duration.ZERO, Duration.ofSeconds(1), () -> 0.5));
        assertThrows(IllegalArgumentException.class,
                () -> new ReconnectBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1), () -> 0.5));
    }
}
