package io.sift.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BarChartTest {

    @TempDir
    Path dir;

    private static Row row(String caseName, String implementation, double rate) {
        return new Row(caseName, implementation, 1 << 20, 1, rate, 1, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }

    private static final List<Row> ROWS = List.of(
            row("socks5-direct", "ceiling: loopback", 500),
            row("socks5-direct", "SIFT", 300),
            row("ibb", "ceiling: iq 65535 x64", 40),
            row("ibb", "ceiling: message 65535 x64", 45),
            row("ibb", "SIFT", 20),
            row("ibb", "Smack", Double.NaN),
            row("memory -Xmx64m", "SIFT", 200));

    @Test
    void onePanelPerCaseInTableOrderWithoutRowsThatDidNotRun() {
        Map<String, List<Row>> panels = BarChart.panels(ROWS);
        assertEquals(List.of("socks5-direct", "ibb", "memory -Xmx64m"), List.copyOf(panels.keySet()));
        assertEquals(3, panels.get("ibb").size());
    }

    @Test
    void eachPanelIsScaledToItsOwnBestCeiling() {
        Map<String, List<Row>> panels = BarChart.panels(ROWS);
        assertEquals(45, BarChart.bound(panels.get("ibb")));
        assertEquals(45, BarChart.scale(panels.get("ibb")));
        assertEquals(500, BarChart.scale(panels.get("socks5-direct")));
        assertTrue(Double.isNaN(BarChart.bound(panels.get("memory -Xmx64m"))));
        assertEquals(200, BarChart.scale(panels.get("memory -Xmx64m")));
    }

    @Test
    void aWarmCaseIsDrawnAgainstTheCeilingRowsItCarriesAndTheConcurrentCaseAgainstItsLoopbackCopiesAtOnce() {
        Row reference = row("ibb warm", "ceiling: iq 65535 x64", 45);
        Row sift = row("ibb warm", "SIFT", 40);
        assertEquals(45, BarChart.bound(List.of(reference, sift)), 1e-9);
        assertEquals(45, BarChart.scale(List.of(reference, sift)), 1e-9);
        // a ratio in a row's ceiling column is no ceiling: only a ceiling row is
        Row single = new Row("concurrent 32x", "SIFT single", 1 << 20, 3, 400, 1, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        Row aggregate = new Row("concurrent 32x", "SIFT aggregate", 32 << 20, 3, 650, 1, Double.NaN, Double.NaN,
                Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 650 / 900.0, Double.NaN, Double.NaN);
        assertTrue(Double.isNaN(BarChart.bound(List.of(single, aggregate))));
        Row copies = row("concurrent 32x", "ceiling: loopback, 32 at once", 900);
        Row verified = row("concurrent 32x", "bound: loopback + SHA-256 both ends, 32 at once", 700);
        assertEquals(900, BarChart.bound(List.of(copies, verified, single, aggregate)), 1e-9);
    }

    @Test
    void theBarsStartAfterTheLongestLabel() throws Exception {
        String longest = "bound: iq 65535 x64 + base64 and SHA-256 both ends";
        List<Row> rows = List.of(row("ibb", "ceiling: iq 65535 x64", 40), row("ibb", longest, 30),
                row("ibb", "SIFT", 20));
        int column = BarChart.labelColumn(BarChart.panels(rows));
        Graphics2D g = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
        int labelEnd = BarChart.LABEL_INDENT + g.getFontMetrics(BarChart.LABEL_FONT).stringWidth(longest);
        g.dispose();
        assertTrue(column >= labelEnd, "bars from " + column + ", the label ends at " + labelEnd);
        int shortColumn = BarChart.labelColumn(BarChart.panels(ROWS));
        assertTrue(column > shortColumn, column + " against " + shortColumn);

        Path wide = dir.resolve("wide.png");
        Path narrow = dir.resolve("narrow.png");
        BarChart.write(rows, wide);
        BarChart.write(ROWS, narrow);
        assertEquals(column - shortColumn,
                ImageIO.read(wide.toFile()).getWidth() - ImageIO.read(narrow.toFile()).getWidth(),
                "the bars keep their width beside a wider label column");
    }

    @Test
    void writesAPngTallEnoughForEveryPanel() throws Exception {
        Path png = dir.resolve("bench.png");
        BarChart.write(ROWS, png);
        BufferedImage image = ImageIO.read(png.toFile());
        assertTrue(image.getWidth() > 800);
        assertTrue(image.getHeight() > 3 * 40 + 6 * 16, "height " + image.getHeight());
    }
}
