package io.sift.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class BenchOptionsTest {

    @Test
    void defaultsRunEveryCaseThreeTimesAfterAWarmUp() throws Exception {
        BenchOptions o = BenchOptions.parse();
        assertEquals(3, o.reps());
        assertFalse(o.quick());
        assertFalse(o.ceilingsOnly());
        assertFalse(o.profile());
        assertTrue(o.warmUp());
        assertTrue(o.holdsFreedMemory());
        assertTrue(BenchOptions.CASES.stream().allMatch(o::runs));
        assertEquals(1L << 30, o.sizeOr(1L << 30, 8L << 20));
    }

    @Test
    void quickIsOneRunOfSmallFilesWithoutWarmUp() throws Exception {
        BenchOptions o = BenchOptions.parse("--quick");
        assertEquals(1, o.reps());
        assertFalse(o.warmUp());
        assertFalse(o.holdsFreedMemory(), "quick mode leaves the machine's settings alone");
        assertEquals(8L << 20, o.sizeOr(1L << 30, 8L << 20));
        assertEquals(5, BenchOptions.parse("--quick", "--reps", "5").reps());
    }

    @Test
    void oneCaseWithItsOwnSize() throws Exception {
        BenchOptions o = BenchOptions.parse("--case", "ibb", "--size", "64M", "--reps", "2");
        assertEquals(Optional.of(List.of("ibb")), o.onlyCases());
        assertTrue(o.runs("ibb"));
        assertFalse(o.runs("socks5-direct"));
        assertEquals(64L << 20, o.sizeOr(1L << 30, 1));
        assertEquals(2, o.reps());
    }

    @Test
    void ceilingsOnlyWithACase() throws Exception {
        BenchOptions o = BenchOptions.parse("--ceilings", "--case", "ejabberd-ibb,ibb-stock", "--size", "16M");
        assertTrue(o.ceilingsOnly());
        assertTrue(o.runs("ejabberd-ibb"));
        assertTrue(o.runs("ibb-stock"));
        assertFalse(o.runs("ibb"));
        assertEquals(3, o.reps());
    }

    @Test
    void noHoldLeavesFreedMemoryToTheHost() throws Exception {
        BenchOptions o = BenchOptions.parse("--case", "socks5-direct", "--no-hold");
        assertFalse(o.holdsFreedMemory());
        assertTrue(o.runs("socks5-direct"));
        assertTrue(BenchOptions.usage().contains("[--no-hold]"));
    }

    @Test
    void profileGoesWithAnyCase() throws Exception {
        BenchOptions o = BenchOptions.parse("--case", "ttfb", "--profile", "--reps", "1");
        assertTrue(o.profile());
        assertTrue(o.runs("ttfb"));
        assertEquals(1, o.reps());
        assertTrue(BenchOptions.usage().contains("[--profile]"));
    }

    @Test
    void sizesTakeBinarySuffixes() throws Exception {
        assertEquals(1, BenchOptions.bytes("1"));
        assertEquals(512 * 1024, BenchOptions.bytes("512k"));
        assertEquals(1L << 30, BenchOptions.bytes(" 1G "));
        assertEquals(64L << 30, BenchOptions.bytes("64G"));
    }

    @Test
    void mistakesAreUsageErrors() {
        assertUsage("unknown case 'ftp' (socks5-direct, socks5-proxy, ejabberd-proxy, ibb, ibb-stock, ejabberd-ibb, "
                + "ttfb, concurrent, memory)", "--case", "ftp");
        assertUsage("unknown case '' (socks5-direct, socks5-proxy, ejabberd-proxy, ibb, ibb-stock, ejabberd-ibb, "
                + "ttfb, concurrent, memory)", "--case", "ibb,");
        assertUsage("option --size needs a value", "--size");
        assertUsage("--size needs a number of bytes (or 64M, 1G), not '1T'", "--size", "1T");
        assertUsage("--size must be between 1 byte and 64G, not '-5'", "--size", "-5");
        assertUsage("--size must be between 1 byte and 64G, not '0'", "--size", "0");
        assertUsage("--size must be between 1 byte and 64G, not '65G'", "--size", "65G");
        assertUsage("--size needs a number of bytes (or 64M, 1G), not '99999999999999999999G'", "--size",
                "99999999999999999999G");
        assertUsage("--size must be between 1 byte and 64G, not '9223372036854775807'", "--size",
                "9223372036854775807");
        assertUsage("--size needs a number of bytes (or 64M, 1G), not 'M'", "--size", "M");
        assertUsage("--reps must be between 1 and 100, not 0", "--reps", "0");
        assertUsage("--reps needs a whole number, not 'x'", "--reps", "x");
        assertUsage("unknown argument 'extra'", "extra");
    }

    private static void assertUsage(String message, String... args) {
        BenchOptions.UsageException e = assertThrows(BenchOptions.UsageException.class, () -> BenchOptions.parse(args));
        assertEquals(message, e.getMessage());
    }
}
