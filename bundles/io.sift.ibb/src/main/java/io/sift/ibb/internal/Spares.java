package io.sift.ibb.internal;

import java.util.ArrayDeque;
import java.util.function.Supplier;

/**
 * Large arrays a stream uses again instead of taking new ones for every block. A stream moves
 * thousands of blocks a second; fresh arrays of that size cost the process memory it has never
 * touched, which the system must first hand it, and a collector that copies the blocks in flight.
 * At most {@code keep} are kept: the rest go to the collector as before.
 */
final class Spares<T> {

    private final Supplier<T> fresh;
    private final int keep;
    private final ArrayDeque<T> kept = new ArrayDeque<>(); // guarded by this

    Spares(Supplier<T> fresh, int keep) {
        this.fresh = fresh;
        this.keep = keep;
    }

    /** A kept array, or a new one when none is kept. */
    synchronized T take() {
        T array = kept.pollFirst();
        return array != null ? array : fresh.get();
    }

    /** An array nobody will read or write any more; the last one given back is taken first (still in the cache). */
    synchronized void giveBack(T array) {
        if (kept.size() < keep) {
            kept.addFirst(array);
        }
    }
}
