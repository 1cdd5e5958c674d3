package io.sift.shell.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class SizesTest {

    @Test
    void bytesUseBinaryUnitsWithOneDecimal() {
        assertEquals("0 B", Sizes.bytes(0));
        assertEquals("1023 B", Sizes.bytes(1023));
        assertEquals("1.0 KiB", Sizes.bytes(1024));
        assertEquals("1.5 KiB", Sizes.bytes(1536));
        assertEquals("8.0 MiB", Sizes.bytes(8L * 1024 * 1024));
        assertEquals("1.0 GiB", Sizes.bytes(1L << 30));
        assertEquals("8.0 EiB", Sizes.bytes(Long.MAX_VALUE));
    }

    @Test
    void aValueThatWouldRoundTo1024MovesToTheNextUnit() {
        assertEquals("1.0 MiB", Sizes.bytes(1024L * 1024 - 1));
        assertEquals("1023.9 KiB", Sizes.bytes(1024L * 1024 - 110));
    }

    @Test
    void unknownSizeIsAQuestionMark() {
        assertEquals("?", Sizes.bytes(-1));
        assertEquals("?", Sizes.bytes(Long.MIN_VALUE));
    }

    @Test
    void ratesAndUnknownRates() {
        assertEquals("12.0 MiB/s", Sizes.rate(12.0 * 1024 * 1024));
        assertEquals("0 B/s", Sizes.rate(0));
        assertEquals("? B/s", Sizes.rate(Double.NaN));
        assertEquals("? B/s", Sizes.rate(-5));
        assertEquals("? B/s", Sizes.rate(Double.POSITIVE_INFINITY));
    }

    @Test
    void durationsRoundUpToWholeSeconds() {
        assertEquals("0s", Sizes.duration(Duration.ZERO));
        assertEquals("1s", Sizes.duration(Duration.ofMillis(1)));
        assertEquals("59s", Sizes.duration(Duration.ofSeconds(59)));
        assertEquals("1m00s", Sizes.duration(Duration.ofSeconds(60)));
        assertEquals("3m07s", Sizes.duration(Duration.ofSeconds(187)));
        assertEquals("2h05m", Sizes.duration(Duration.ofMinutes(125)));
        assertEquals(">99h", Sizes.duration(Duration.ofHours(100)));
        assertEquals("0s", Sizes.duration(Duration.ofSeconds(-3)));
    }

    @Test
    void elapsedShowsTenthsBelowAMinute() {
        assertEquals("1.3s", Sizes.elapsed(Duration.ofMillis(1250)));
        assertEquals("0.0s", Sizes.elapsed(Duration.ZERO));
        assertEquals("1m30s", Sizes.elapsed(Duration.ofSeconds(90)));
    }

    @Test
    void averageRate() {
        assertEquals(1024.0, Sizes.averageRate(2048, Duration.ofSeconds(2)), 1e-9);
        assertEquals(Double.NaN, Sizes.averageRate(2048, Duration.ZERO));
    }
}
