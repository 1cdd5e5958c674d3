package io.sift.eclipse.internal;

import java.util.Locale;

/** Byte counts and rates as people read them (binary units, one decimal). */
public final class Sizes {

    private static final String[] UNITS = { "B", "KiB", "MiB", "GiB", "TiB" };

    private Sizes() {
    }

    public static String bytes(long count) {
        if (count < 1024) {
            return count + " B";
        }
        double value = count;
        int unit = 0;
        while (value >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit]);
    }

    public static String rate(double bytesPerSecond) {
        return bytes(Math.round(bytesPerSecond)) + "/s";
    }
}
