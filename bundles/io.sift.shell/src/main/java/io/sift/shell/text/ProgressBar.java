package io.sift.shell.text;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One line of progress for a terminal of a given width:
 * {@code [#########.........]  45%  3.6 MiB/8.0 MiB  12.3 MiB/s  ETA 1s  ibb}.
 *
 * <p>A narrow terminal keeps what matters most: percent, then bytes, rate, ETA, method, and the bar
 * only in the room left. The line never exceeds the width, so redrawing it with a carriage return
 * never wraps onto a second line.
 */
public final class ProgressBar {

    /** Below this many cells inside the brackets a bar says too little to be worth its room. */
    static final int MIN_BAR_CELLS = 5;
    /** Beyond this a wider bar shows nothing more. */
    static final int MAX_BAR_CELLS = 40;
    private static final String GAP = "  ";

    private ProgressBar() {
    }

    public static String render(Progress progress, int width) {
        int room = Math.max(1, width);
        // in order of importance; shown in display order below
        List<String> byImportance = new ArrayList<>();
        if (progress.sizeKnown()) {
            byImportance.add(String.format(Locale.ROOT, "%3d%%", progress.percent()));
        }
        byImportance.add(progress.sizeKnown()
                ? Sizes.bytes(Math.max(0, progress.bytes())) + "/" + Sizes.bytes(progress.total())
                : Sizes.bytes(Math.max(0, progress.bytes())));
        byImportance.add(Sizes.rate(progress.bytesPerSecond()));
        if (progress.sizeKnown()) {
            byImportance.add("ETA " + eta(progress));
        }
        if (progress.method() != null && !progress.method().isBlank()) {
            byImportance.add(progress.method());
        }

        List<String> shown = new ArrayList<>();
        int used = 0;
        for (String field : byImportance) {
            int cost = field.length() + (shown.isEmpty() ? 0 : GAP.length());
            if (used + cost <= room) {
                shown.add(field);
                used += cost;
            }
        }
        if (shown.isEmpty()) {
            // not even the most important field fits: show as much of it as there is room for
            String first = byImportance.get(0).strip();
            return first.substring(0, Math.min(room, first.length()));
        }
        // importance order is also the display order: percent, amount, rate, ETA, method
        String fields = String.join(GAP, shown);
        if (progress.sizeKnown()) {
            int cells = Math.min(MAX_BAR_CELLS, room - fields.length() - GAP.length() - 2);
            if (cells >= MIN_BAR_CELLS) {
                return bar(progress.fraction(), cells) + GAP + fields;
            }
        }
        return fields;
    }

    /** Time left at the current rate: {@code 0s} when done, {@code --} when the rate is not known or zero. */
    static String eta(Progress progress) {
        long left = progress.total() - Math.max(0, progress.bytes());
        if (left <= 0) {
            return "0s";
        }
        double rate = progress.bytesPerSecond();
        if (!Sizes.isKnownRate(rate) || rate < 1e-9) {
            return "--";
        }
        double seconds = left / rate;
        if (seconds > 100L * 3600) {
            return ">99h";
        }
        return Sizes.duration(Duration.ofMillis((long) Math.ceil(seconds * 1000)));
    }

    private static String bar(double fraction, int cells) {
        int filled = (int) Math.floor(fraction * cells);
        StringBuilder sb = new StringBuilder(cells + 2).append('[');
        sb.append("#".repeat(filled)).append(".".repeat(cells - filled));
        return sb.append(']').toString();
    }
}
