package io.sift.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class StatsAndReportTest {

    @Test
    void mediansOfOddEvenAndEmpty() {
        assertEquals(3.0, Stats.median(List.of(9.0, 1.0, 3.0)));
        assertEquals(2.5, Stats.median(List.of(4.0, 1.0, 2.0, 3.0)));
        assertTrue(Double.isNaN(Stats.median(List.of())));
        assertEquals(2.0, Stats.median(List.of(Double.NaN, 2.0)));
    }

    @Test
    void throughputAndRatios() {
        assertEquals(512.0, Stats.mibPerSecond(1L << 30, 2000), 1e-9);
        assertEquals(1000.0, Stats.mibPerSecond(1L << 20, 0), 1e-9);
        assertEquals(0.5, Stats.ratio(1, 2));
        assertTrue(Double.isNaN(Stats.ratio(1, 0)));
        assertTrue(Double.isNaN(Stats.ratio(Double.NaN, 2)));
    }

    @Test
    void cpuPerGibis() {
        Measurement m = new Measurement(256L << 20, 1000, Double.NaN, 2.0, 0.5, -1, 0);
        assertEquals(8.0, m.cpuSecondsPerGib(), 1e-9);
        assertEquals(2.0, m.serverCpuSecondsPerGib(), 1e-9);
        assertEquals(256.0, m.mibPerSecond(), 1e-9);
    }

    private static final Row ROW = new Row("ibb", "SIFT", 64L << 20, 3, 21.25, 3012, Double.NaN, 40.5, 22.25, 30,
            140, 0.25, 1023.6, 0.05, Double.NaN, 7.1);

    @Test
    void tableAlignsAndShowsUnknownsAsDashes() {
        String text = Report.text(List.of(ROW));
        String[] lines = text.split("\n");
        assertEquals(2, lines.length);
        assertTrue(lines[0].startsWith("case  implementation    size  runs  MiB/s"), lines[0]);
        assertEquals(lines[0].indexOf("x Smack") + "x Smack".length(), lines[1].length(), "numbers right-aligned");
        assertEquals(List.of("ibb", "SIFT", "64", "MiB", "3", "21.3", "3012", "-", "40.50", "22.25", "30.0", "140.0",
                "0.3", "1024", "0.05", "-", "7.10"), List.of(lines[1].trim().split(" +")));
    }

    @Test
    void markdownAndCsv() {
        assertEquals("| ibb | SIFT | 64 MiB | 3 | 21.3 | 3012 | - | 40.50 | 22.25 | 30.0 | 140.0 | 0.3 | 1024 | 0.05 | - | 7.10 |",
                Report.markdown(List.of(ROW)).split("\n")[2]);
        assertEquals("ibb,SIFT,67108864,3,21.250,3012.000,,40.500,22.250,30.000,140.000,0.250,1023.600,0.050,,7.100",
                Report.csv(List.of(ROW)).split("\n")[1]);
    }

    @Test
    void sizesInTheLargestWholeUnit() {
        assertEquals("1 GiB", Report.size(1L << 30));
        assertEquals("1536 MiB", Report.size(3L << 29));
        assertEquals("1 KiB", Report.size(1024));
        assertEquals("1000 B", Report.size(1000));
        assertEquals("39.0 MiB", Report.size(40926608));
        assertEquals("55.9 MiB", Report.size(57274L * 1024));
    }
}
