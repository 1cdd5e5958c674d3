package io.sift.shell.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class RateMeterTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void unknownUntilTwoSamplesApart() {
        RateMeter meter = new RateMeter(Duration.ofSeconds(3));
        assertTrue(Double.isNaN(meter.bytesPerSecond()));
        meter.record(0, 0);
        assertTrue(Double.isNaN(meter.bytesPerSecond()));
        meter.record(0, 100);
        assertTrue(Double.isNaN(meter.bytesPerSecond()), "no time passed");
        meter.record(SECOND, 1000);
        assertEquals(1000.0, meter.bytesPerSecond(), 1e-6);
    }

    @Test
    void rateFollowsTheRecentWindowNotTheWholeTransfer() {
        RateMeter meter = new RateMeter(Duration.ofSeconds(2));
        // 10 s at 1 MB/s, then 4 s at 100 kB/s
        long bytes = 0;
        for (int s = 0; s <= 10; s++) {
            meter.record(s * SECOND, bytes);
            bytes += 1_000_000;
        }
        bytes -= 1_000_000;
        for (int s = 11; s <= 14; s++) {
            bytes += 100_000;
            meter.record(s * SECOND, bytes);
        }
        assertEquals(100_000.0, meter.bytesPerSecond(), 1e-6);
    }

    @Test
    void aStallShowsAsZero() {
        RateMeter meter = new RateMeter(Duration.ofSeconds(2));
        meter.record(0, 0);
        meter.record(SECOND, 5000);
        for (int s = 2; s <= 6; s++) {
            meter.record(s * SECOND, 5000);
        }
        assertEquals(0.0, meter.bytesPerSecond(), 1e-9);
    }

    @Test
    void outOfOrderAndShrinkingSamplesDoNotGiveNegativeRates() {
        RateMeter meter = new RateMeter(Duration.ofSeconds(2));
        meter.record(5 * SECOND, 1000);
        meter.record(4 * SECOND, 0); // ignored: earlier than the last sample
        meter.record(6 * SECOND, 500); // fewer bytes than before
        assertEquals(0.0, meter.bytesPerSecond(), 1e-9);
    }

    @Test
    void windowMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new RateMeter(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> new RateMeter(Duration.ofSeconds(-1)));
    }
}
