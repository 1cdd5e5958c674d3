package io.sift.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.ImageIO;

/** Throughput per case and implementation as horizontal bars, one per table row, drawn with Java2D. */
final class BarChart {

    private static final int WIDTH = 900;
    private static final int BAR = 18;
    private static final int GAP = 6;
    private static final int LABEL = 300;
    private static final int TOP = 40;

    private BarChart() {
    }

    static void write(List<Row> rows, Path png) throws IOException {
        List<Row> shown = rows.stream().filter(r -> !Double.isNaN(r.mibPerSecond())).toList();
        int height = TOP + shown.size() * (BAR + GAP) + 30;
        BufferedImage image = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, height);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
            g.drawString("Throughput (MiB/s, median) - SIFT, Smack 4.4.8, loopback ceiling", 10, 22);
            double max = shown.stream().mapToDouble(Row::mibPerSecond).max().orElse(1);
            int room = WIDTH - LABEL - 80;
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            int y = TOP;
            for (Row r : shown) {
                g.setColor(Color.BLACK);
                g.drawString(r.caseName() + " / " + r.implementation(), 10, y + BAR - 5);
                int length = (int) Math.max(1, Math.round(r.mibPerSecond() / max * room));
                g.setColor(colour(r.implementation()));
                g.fillRect(LABEL, y, length, BAR);
                g.setColor(Color.BLACK);
                g.drawString(Report.num(r.mibPerSecond(), 1), LABEL + length + 5, y + BAR - 5);
                y += BAR + GAP;
            }
            g.setStroke(new BasicStroke(1));
            g.drawLine(LABEL, TOP - 4, LABEL, y);
        } finally {
            g.dispose();
        }
        ImageIO.write(image, "png", png.toFile());
    }

    private static Color colour(String implementation) {
        if (implementation.startsWith("SIFT")) {
            return new Color(0x2a, 0x7a, 0xc0);
        }
        if (implementation.startsWith("Smack")) {
            return new Color(0xe0, 0x8a, 0x1e);
        }
        return new Color(0x88, 0x88, 0x88);
    }
}
