package io.sift.shell.text;

import java.time.Duration;
import java.util.Locale;

/** Byte counts, rates and durations in short forms for a terminal line. */
public final class Sizes {

    private static final String[] UNITS = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

    private Sizes() {
    }

    /** {@code 512 B}, {@code 1.5 KiB}, {@code 8.0 MiB}; {@code ?} for a negative (unknown) count. */
    public static String bytes(long count) {
        if (count < 0) {
            return "?";
        }
        if (count < 1024) {
            return count + " B";
        }
        double value = count;
        int unit = -1;
        // move up while the value would print as 1024.0 or more, so 1048575 B is "1.0 MiB", not "1024.0 KiB"
        while (unit < UNITS.length - 1 && Math.round(value * 10) >= 1024 * 10) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit]);
    }

    /** {@code 12.3 MiB/s}; {@code ? B/s} when the rate is not known (NaN, negative, infinite). */
    public static String rate(double bytesPerSecond) {
        if (!isKnownRate(bytesPerSecond)) {
            return "? B/s";
        }
        return bytes((long) bytesPerSecond) + "/s";
    }

    /** {@code 0s}, {@code 42s}, {@code 3m07s}, {@code 2h05m}, {@code >99h}; whole seconds, rounded up. */
    public static String duration(Duration duration) {
        if (duration.isNegative()) {
            return "0s";
        }
        long seconds = duration.getSeconds() + (duration.getNano() > 0 ? 1 : 0);
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
        }
        long hours = seconds / 3600;
        if (hours > 99) {
            return ">99h";
        }
        return String.format(Locale.ROOT, "%dh%02dm", hours, (seconds % 3600) / 60);
    }

    /** Elapsed time with a tenth of a second below a minute ({@code 1.3s}), else as {@link #duration}. */
    public static String elapsed(Duration duration) {
        if (duration.isNegative()) {
            return "0.0s";
        }
        if (duration.compareTo(Duration.ofMinutes(1)) < 0) {
            return String.format(Locale.ROOT, "%.1fs", duration.toMillis() / 1000.0);
        }
        return duration(duration);
    }

    /** Average rate of {@code bytes} over {@code elapsed}; NaN when no time passed. */
    public static double averageRate(long bytes, Duration elapsed) {
        long nanos = elapsed.toNanos();
        return nanos <= 0 || bytes < 0 ? Double.NaN : bytes * 1e9 / nanos;
    }

    static boolean isKnownRate(double bytesPerSecond) {
        return !Double.isNaN(bytesPerSecond) && !Double.isInfinite(bytesPerSecond) && bytesPerSecond >= 0;
    }
}
