package io.sift.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

/**
 * Throughput as horizontal bars, one panel per case, each on its own scale: the full width is the
 * case's best ceiling (dashed line), so an in-band transfer at 10 MiB/s is drawn against the 40 MiB/s
 * the server can relay, not against a 500 MiB/s loopback copy. Cases without a ceiling are scaled to
 * their fastest row. Each bar is labelled with its MiB/s and its share of the ceiling. Drawn with
 * Java2D.
 */
final class BarChart {

    /** Of the bars and their figures; the labels' column comes before it, as wide as the longest label. */
    private static final int BARS_WIDTH = 765;
    private static final int BAR = 16;
    private static final int GAP = 5;
    /** Where the labels start, and the least room between the longest label and the bars. */
    static final int LABEL_INDENT = 18;
    private static final int LABEL_GAP = 10;
    private static final int MIN_LABEL = 215;
    static final Font LABEL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    /** Room on the right for the figures after the longest bar. */
    private static final int FIGURES = 175;
    private static final int TOP = 52;
    private static final int PANEL_HEAD = 26;
    private static final int PANEL_GAP = 14;

    private BarChart() {
    }

    static void write(List<Row> rows, Path png) throws IOException {
        Map<String, List<Row>> panels = panels(rows);
        int height = TOP + 10;
        for (List<Row> panel : panels.values()) {
            height += PANEL_HEAD + panel.size() * (BAR + GAP) + PANEL_GAP;
        }
        int label = labelColumn(panels);
        int width = label + BARS_WIDTH;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
            g.drawString("Throughput per case (MiB/s, median) - SIFT, Smack 4.4.8 and the case's ceiling", 10, 20);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            g.drawString("Each case on its own scale: the dashed line is the best ceiling measured beside it in the "
                    + "same run; figures: MiB/s and share of that ceiling.", 10, 38);
            int y = TOP;
            for (Map.Entry<String, List<Row>> panel : panels.entrySet()) {
                y = panel(g, panel.getKey(), panel.getValue(), y, label, width);
            }
        } finally {
            g.dispose();
        }
        ImageIO.write(image, "png", png.toFile());
    }

    /** Rows with a throughput, by case, in table order. */
    static Map<String, List<Row>> panels(List<Row> rows) {
        Map<String, List<Row>> panels = new LinkedHashMap<>();
        for (Row r : rows) {
            if (!Double.isNaN(r.mibPerSecond())) {
                panels.computeIfAbsent(r.caseName(), k -> new ArrayList<>()).add(r);
            }
        }
        return panels;
    }

    /**
     * Where the bars start: after the longest row label (a bound's label names all it does, e.g.
     * "bound: iq 65535 x64 + base64 and SHA-256 both ends"), so that no bar is drawn over a label.
     */
    static int labelColumn(Map<String, List<Row>> panels) {
        Graphics2D g = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
        try {
            FontMetrics metrics = g.getFontMetrics(LABEL_FONT);
            int longest = panels.values().stream().flatMap(List::stream)
                    .mapToInt(r -> metrics.stringWidth(r.implementation())).max().orElse(0);
            return Math.max(MIN_LABEL, LABEL_INDENT + longest + LABEL_GAP);
        } finally {
            g.dispose();
        }
    }

    /** The case's scale: its best ceiling, or its fastest row when it has none (or a row beats it). */
    static double scale(List<Row> panel) {
        double fastest = panel.stream().mapToDouble(Row::mibPerSecond).max().orElse(1);
        return Math.max(fastest, 1e-9);
    }

    /** The best ceiling of the case; NaN when it has none. */
    static double bound(List<Row> panel) {
        return panel.stream().filter(Row::isCeiling).mapToDouble(Row::mibPerSecond).max().orElse(Double.NaN);
    }

    private static int panel(Graphics2D g, String caseName, List<Row> rows, int top, int label, int width) {
        double scale = scale(rows);
        double bound = bound(rows);
        int room = BARS_WIDTH - FIGURES;
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
        g.drawString(caseName + (Double.isNaN(bound) ? "  (no ceiling: scaled to the fastest row)"
                : "  (ceiling " + Report.num(bound, 1) + " MiB/s)"), 10, top + 16);
        g.setFont(LABEL_FONT);
        int bottom = top + PANEL_HEAD + rows.size() * (BAR + GAP);
        if (!Double.isNaN(bound)) {
            // under the bars and figures, which stay readable where they cross it
            int x = label + (int) Math.round(bound / scale * room);
            g.setColor(Color.DARK_GRAY);
            g.setStroke(new BasicStroke(1, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {4, 3}, 0));
            g.drawLine(x, top + PANEL_HEAD - 3, x, bottom - GAP + 2);
            g.setStroke(new BasicStroke(1));
        }
        int y = top + PANEL_HEAD;
        for (Row r : rows) {
            g.setColor(Color.BLACK);
            g.drawString(r.implementation(), LABEL_INDENT, y + BAR - 4);
            int length = (int) Math.max(1, Math.round(r.mibPerSecond() / scale * room));
            g.setColor(colour(r));
            g.fillRect(label, y, length, BAR);
            String share = Double.isNaN(bound) ? "" : "  " + Report.num(r.mibPerSecond() / bound, 2) + "x";
            String figures = Report.num(r.mibPerSecond(), 1) + " MiB/s" + share;
            g.setColor(Color.WHITE);
            g.fillRect(label + length + 3, y, g.getFontMetrics().stringWidth(figures) + 6, BAR);
            g.setColor(Color.BLACK);
            g.drawString(figures, label + length + 6, y + BAR - 4);
            y += BAR + GAP;
        }
        g.setColor(Color.DARK_GRAY);
        g.setStroke(new BasicStroke(1));
        g.drawLine(label, top + PANEL_HEAD - 3, label, y - GAP + 2);
        g.setColor(new Color(0xdd, 0xdd, 0xdd));
        g.drawLine(10, y + PANEL_GAP / 2, width - 10, y + PANEL_GAP / 2);
        return y + PANEL_GAP;
    }

    private static Color colour(Row r) {
        if (r.isCeiling()) {
            return new Color(0x9a, 0x9a, 0x9a);
        }
        if (r.implementation().startsWith("SIFT")) {
            return new Color(0x2a, 0x7a, 0xc0);
        }
        if (r.implementation().startsWith("Smack")) {
            return new Color(0xe0, 0x8a, 0x1e);
        }
        return new Color(0x88, 0x88, 0x88);
    }
}
