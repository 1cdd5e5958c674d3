package io.sift.eclipse.internal;

/**
 * Bytes per second over the last few seconds: a rate since the start would hide a stall, the last
 * sample alone would jump with every update.
 */
public final class RateMeter {

    private static final double WINDOW_NANOS = 3e9;

    private long lastNanos = -1;
    private long lastBytes;
    private double rate;

    /** Records the byte count at a time; returns the rate. */
    public double sample(long nanos, long bytes) {
        if (lastNanos < 0) {
            lastNanos = nanos;
            lastBytes = bytes;
            return 0;
        }
        long dt = nanos - lastNanos;
        if (dt <= 0) {
            return rate;
        }
        double now = (bytes - lastBytes) * 1e9 / dt;
        double weight = Math.min(1.0, dt / WINDOW_NANOS);
        rate = rate == 0 ? now : rate + weight * (now - rate);
        lastNanos = nanos;
        lastBytes = bytes;
        return rate;
    }
}
