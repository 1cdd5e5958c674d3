package io.sift.shell.text;

/**
 * What a progress bar shows at one moment.
 *
 * @param bytes bytes moved so far
 * @param total the size, or a negative number when it is not known
 * @param bytesPerSecond the current rate, NaN when not known yet
 * @param method short name of the stream method ({@code ibb}, {@code socks5}), or null before one is chosen
 */
public record Progress(long bytes, long total, double bytesPerSecond, String method) {

    public boolean sizeKnown() {
        return total >= 0;
    }

    /** Share done, 0..1; an empty file is complete from the start. Bytes beyond the size count as done. */
    public double fraction() {
        if (!sizeKnown()) {
            return 0;
        }
        if (total == 0) {
            return 1;
        }
        return Math.min(1.0, Math.max(0, bytes) / (double) total);
    }

    /** Whole percent, rounded down: 100 only once every byte moved. */
    public int percent() {
        if (!sizeKnown()) {
            return 0;
        }
        if (total == 0 || bytes >= total) {
            return 100;
        }
        // in double: bytes * 100 would overflow a long for sizes near its maximum
        return (int) Math.min(99, Math.floor(Math.max(0, bytes) * 100.0 / total));
    }
}
