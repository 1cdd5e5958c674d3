package io.sift.shell.text;

import java.time.Duration;
import java.util.ArrayDeque;

/**
 * The recent transfer rate: bytes over the last window of samples. A whole-transfer average would
 * hide a stall or a speed-up for minutes; a rate from the last two samples alone jumps around with
 * every burst of blocks.
 */
public final class RateMeter {

    private record Sample(long nanos, long bytes) {
    }

    private final long windowNanos;
    private final ArrayDeque<Sample> samples = new ArrayDeque<>();

    public RateMeter(Duration window) {
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be positive: " + window);
        }
        this.windowNanos = window.toNanos();
    }

    /** Records the byte count seen at a point in time ({@link System#nanoTime()} scale). */
    public synchronized void record(long nanos, long bytes) {
        Sample last = samples.peekLast();
        if (last != null && nanos - last.nanos() < 0) {
            return; // out of order: keep the series monotonic
        }
        samples.addLast(new Sample(nanos, bytes));
        // keep one sample at or before the window's start, so the rate always spans a full window
        while (samples.size() > 2) {
            Sample second = secondOldest();
            if (nanos - second.nanos() >= windowNanos) {
                samples.removeFirst();
            } else {
                break;
            }
        }
    }

    /** Bytes per second over the window; NaN until two samples some time apart are known. */
    public synchronized double bytesPerSecond() {
        if (samples.size() < 2) {
            return Double.NaN;
        }
        Sample first = samples.peekFirst();
        Sample last = samples.peekLast();
        long nanos = last.nanos() - first.nanos();
        if (nanos <= 0) {
            return Double.NaN;
        }
        return Math.max(0, last.bytes() - first.bytes()) * 1e9 / nanos;
    }

    private Sample secondOldest() {
        var it = samples.iterator();
        it.next();
        return it.next();
    }
}
