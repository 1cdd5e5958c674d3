package io.sift.ibb.internal;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The block-size probes this account's adaptive streams have timed, kept for a while. The best size
 * depends on the server (its read size) and on the window, not on the file, so a stream carries on
 * where the earlier ones with the same window stopped: once every candidate has been timed, streams
 * start at the fastest at once. Without this, a small file would be sent entirely in the slow first
 * probe, and so would the next one. After {@link #KEEP} the probes start afresh, in case the server
 * or the path changed.
 */
final class LearnedBlockSize {

    static final Duration KEEP = Duration.ofMinutes(10);

    private record Probes(Map<Integer, Double> bytesPerNano, long sinceNanos) {
    }

    private final LongSupplier nanoClock;
    private final Map<Integer, Probes> byWindow = new HashMap<>(); // guarded by this

    LearnedBlockSize(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    /** Block size to rate (bytes per nanosecond) timed for streams with {@code window}, while fresh. */
    synchronized Map<Integer, Double> forWindow(int window) {
        Probes probes = fresh(window);
        return probes == null ? Map.of() : Map.copyOf(probes.bytesPerNano());
    }

    /** A stream with {@code window} unacknowledged blocks moved {@code rate} bytes per nanosecond in blocks of {@code size}. */
    synchronized void measured(int window, int size, double rate) {
        Probes probes = fresh(window);
        if (probes == null) {
            probes = new Probes(new HashMap<>(), nanoClock.getAsLong());
            byWindow.put(window, probes);
        }
        probes.bytesPerNano().put(size, rate);
    }

    private Probes fresh(int window) {
        Probes probes = byWindow.get(window);
        if (probes != null && nanoClock.getAsLong() - probes.sinceNanos() >= KEEP.toNanos()) {
            byWindow.remove(window);
            return null;
        }
        return probes;
    }
}
