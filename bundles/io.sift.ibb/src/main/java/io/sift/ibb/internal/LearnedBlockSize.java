package io.sift.ibb.internal;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The block-size probes this account's adaptive streams have timed, kept for a while. The best size
 * depends on the server (its read size) and on the window, not on the file, so a stream carries on
 * where the earlier ones with the same window stopped: once every candidate has been timed, streams
 * start at the fastest at once. Without this, a small file would be sent entirely in the slow first
 * probe, and so would the next one. The bytes such streams then send in the fastest size add up, so
 * that every size is timed again once they come to {@link ChunkSizer#CONFIRM_AFTER} together,
 * as within one long stream; once every size has been timed again, later streams go on in the
 * fastest without timing. After {@link #KEEP} the probes start afresh, in case the server or the
 * path changed.
 */
final class LearnedBlockSize {

    static final Duration KEEP = Duration.ofMinutes(10);

    private static final class Probes {
        final Map<Integer, Double> bytesPerNano = new HashMap<>();
        final long sinceNanos;
        /** Sent in the fastest size since the sizes were timed, until the sizes are timed again. */
        long settled;
        final Set<Integer> timedAgain = new HashSet<>();
        boolean confirmed;

        Probes(long sinceNanos) {
            this.sinceNanos = sinceNanos;
        }
    }

    private final LongSupplier nanoClock;
    private final Map<Integer, Probes> byWindow = new HashMap<>(); // guarded by this

    LearnedBlockSize(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    /**
     * What streams with {@code window} timed, while fresh: block size to rate (bytes per nanosecond),
     * and until the sizes have all been timed again, the bytes sent in the fastest size since they
     * were timed and the sizes timed again so far; after that, that they have.
     */
    synchronized ChunkSizer.Earlier forWindow(int window) {
        Probes probes = fresh(window);
        if (probes == null) {
            return ChunkSizer.Earlier.NONE;
        }
        return probes.confirmed ? new ChunkSizer.Earlier(Map.copyOf(probes.bytesPerNano), 0, Set.of(), true)
                : new ChunkSizer.Earlier(Map.copyOf(probes.bytesPerNano), probes.settled, Set.copyOf(probes.timedAgain),
                        false);
    }

    /** Where a stream with {@code window} reports its timings and what it sent after them. */
    ChunkSizer.ProbeResults recorder(int window) {
        return new ChunkSizer.ProbeResults() {
            @Override
            public void measured(int size, double bytesPerNano) {
                LearnedBlockSize.this.measured(window, size, bytesPerNano);
            }

            @Override
            public void settled(long bytes) {
                whileFresh(window, probes -> probes.settled += bytes);
            }

            @Override
            public void timedAgain(int size) {
                whileFresh(window, probes -> probes.timedAgain.add(size));
            }

            @Override
            public void confirmed(int chosen) {
                whileFresh(window, probes -> probes.confirmed = true);
            }
        };
    }

    /** A stream with {@code window} unacknowledged blocks moved {@code rate} bytes per nanosecond in blocks of {@code size}. */
    synchronized void measured(int window, int size, double rate) {
        Probes probes = fresh(window);
        if (probes == null) {
            probes = new Probes(nanoClock.getAsLong());
            byWindow.put(window, probes);
        }
        probes.bytesPerNano.put(size, rate);
    }

    /** Changes the record of {@code window}'s timings, unless they have been forgotten. */
    private synchronized void whileFresh(int window, Consumer<Probes> change) {
        Probes probes = fresh(window);
        if (probes != null) {
            change.accept(probes);
        }
    }

    private Probes fresh(int window) {
        Probes probes = byWindow.get(window);
        if (probes != null && nanoClock.getAsLong() - probes.sinceNanos >= KEEP.toNanos()) {
            byWindow.remove(window);
            return null;
        }
        return probes;
    }
}
