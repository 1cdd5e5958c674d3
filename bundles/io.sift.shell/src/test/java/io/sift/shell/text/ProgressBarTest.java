package io.sift.shell.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProgressBarTest {

    private static final long MIB = 1024 * 1024;

    @Test
    void wideTerminalShowsEverything() {
        String line = ProgressBar.render(new Progress(4 * MIB, 8 * MIB, 2.0 * MIB, "ibb"), 120);
        assertEquals("[####################....................]   50%  4.0 MiB/8.0 MiB  2.0 MiB/s  ETA 2s  ibb", line);
    }

    @Test
    void etaComesFromTheRate() {
        assertEquals("2s", ProgressBar.eta(new Progress(6 * MIB, 10 * MIB, 2.0 * MIB, null)));
        assertEquals("1m40s", ProgressBar.eta(new Progress(0, 100 * MIB, 1.0 * MIB, null)));
        assertEquals("--", ProgressBar.eta(new Progress(0, 100 * MIB, Double.NaN, null)));
        assertEquals("--", ProgressBar.eta(new Progress(0, 100 * MIB, 0, null)), "stalled");
        assertEquals(">99h", ProgressBar.eta(new Progress(0, Long.MAX_VALUE, 1, null)));
        assertEquals("0s", ProgressBar.eta(new Progress(10, 10, Double.NaN, null)));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 5, 10, 19, 20, 21, 25, 30, 37, 40, 50, 60, 79, 80, 100, 132, 160, 200})
    void neverWiderThanTheTerminal(int width) {
        List<Progress> cases = List.of(
                new Progress(0, 8 * MIB, Double.NaN, null),
                new Progress(3 * MIB, 8 * MIB, 1.5 * MIB, "socks5"),
                new Progress(8 * MIB, 8 * MIB, 45.0 * MIB, "ibb"),
                new Progress(Long.MAX_VALUE - 1, Long.MAX_VALUE, 1e12, "http://jabber.org/protocol/ibb"),
                new Progress(12345, -1, 1000, "ibb"),
                new Progress(0, 0, Double.NaN, null),
                new Progress(-7, 100, -1, ""));
        for (Progress p : cases) {
            String line = ProgressBar.render(p, width);
            assertTrue(line.length() <= width, () -> "width " + width + ": '" + line + "' for " + p);
            assertFalse(line.isEmpty(), () -> "width " + width + " for " + p);
            assertFalse(line.contains("\n") || line.contains("\r"));
        }
    }

    @Test
    void narrowTerminalKeepsPercentAndBytesFirst() {
        Progress p = new Progress(3 * MIB, 8 * MIB, 1.5 * MIB, "socks5");
        assertEquals(" 37%", ProgressBar.render(p, 10));
        assertEquals(" 37%  3.0 MiB/8.0 MiB", ProgressBar.render(p, 21));
        assertEquals(" 37%  3.0 MiB/8.0 MiB  1.5 MiB/s", ProgressBar.render(p, 33));
        String forty = ProgressBar.render(p, 40);
        assertEquals(" 37%  3.0 MiB/8.0 MiB  1.5 MiB/s  ETA 4s", forty);
        String fifty = ProgressBar.render(p, 50);
        assertEquals(" 37%  3.0 MiB/8.0 MiB  1.5 MiB/s  ETA 4s  socks5", fifty);
        String sixty = ProgressBar.render(p, 60);
        assertEquals("[###.....]   37%  3.0 MiB/8.0 MiB  1.5 MiB/s  ETA 4s  socks5", sixty);
    }

    @Test
    void tinyWidthShowsWhatFitsOfThePercent() {
        assertEquals("37%", ProgressBar.render(new Progress(3 * MIB, 8 * MIB, 1.5 * MIB, null), 3));
        assertEquals("3", ProgressBar.render(new Progress(3 * MIB, 8 * MIB, 1.5 * MIB, null), 0));
    }

    @Test
    void unknownSizeShowsBytesRateAndMethodWithoutBarPercentOrEta() {
        String line = ProgressBar.render(new Progress(3 * MIB, -1, 1.5 * MIB, "ibb"), 80);
        assertEquals("3.0 MiB  1.5 MiB/s  ibb", line);
    }

    @Test
    void emptyFileIsCompleteFromTheStart() {
        String line = ProgressBar.render(new Progress(0, 0, Double.NaN, "ibb"), 80);
        assertTrue(line.startsWith("[########"), line);
        assertTrue(line.contains("100%  0 B/0 B  ? B/s  ETA 0s  ibb"), line);
    }

    @Test
    void percentReaches100OnlyWhenEveryByteMoved() {
        assertEquals(99, new Progress(8 * MIB - 1, 8 * MIB, 1, null).percent());
        assertEquals(100, new Progress(8 * MIB, 8 * MIB, 1, null).percent());
        assertEquals(100, new Progress(9 * MIB, 8 * MIB, 1, null).percent(), "more than announced");
        assertEquals(0, new Progress(-5, 8 * MIB, 1, null).percent());
        assertEquals(99, new Progress(Long.MAX_VALUE - 1, Long.MAX_VALUE, 1, null).percent(), "no overflow");
    }

    @Test
    void fullBarWhenComplete() {
        String line = ProgressBar.render(new Progress(8 * MIB, 8 * MIB, 10.0 * MIB, "socks5"), 80);
        assertTrue(line.matches("\\[#+\\]  100%  8\\.0 MiB/8\\.0 MiB  10\\.0 MiB/s  ETA 0s  socks5"), line);
    }
}
