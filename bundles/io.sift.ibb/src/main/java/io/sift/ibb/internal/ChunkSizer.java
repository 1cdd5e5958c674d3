package io.sift.ibb.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Chooses how many bytes go into each data block, up to the negotiated block size.
 *
 * <p>The best size depends on the server more than on the peer: a server that reads big stanzas in
 * one go (Prosody with a large read size) is fastest with 64 KiB blocks, one that reads in 4 KiB
 * pieces (Prosody's packaged default) crawls with them and is fastest with 4 KiB. XEP-0047 lets a
 * sender use any size up to the negotiated one, so the stream measures instead of guessing: it
 * sends a probe of each candidate size in turn, times it from its first block to its last
 * acknowledgement, and keeps the size that moved bytes fastest.
 *
 * <p>Thread-safe: the writer asks for sizes, acknowledgements arrive on the connection's threads.
 */
final class ChunkSizer {

    /** Sizes tried, smallest first (the ones above the negotiated block size are left out). */
    static final int[] CANDIDATES = {4096, 16384, 65535};

    /**
     * Blocks in one probe, and the fewest bytes one may have (small blocks need more of them to
     * time). With the largest candidate both come to 1 MiB, so every probe is 1 MiB and a 1 MiB file
     * completes the probe it carries: the next stream goes on with the next candidate.
     */
    static final int PROBE_BLOCKS = 16;
    static final long PROBE_MIN_BYTES = 1 << 20;

    private final List<Integer> sizes = new ArrayList<>();
    private final LongSupplier nanoClock;
    private final ProbeResults results;

    // guarded by this
    private int phase;
    private long phaseTarget;
    private long phaseSent;
    private long phaseAcked;
    private long phaseStart;
    private int bestSize;
    private double bestRate = -1;
    private boolean decided;

    /** Where the timed probes go, so that later streams need not repeat them. */
    @FunctionalInterface
    interface ProbeResults {
        void measured(int size, double bytesPerNano);
    }

    /**
     * @param blockSize the negotiated block size: no block is larger
     * @param adaptive false: always {@code blockSize}
     * @param timedBefore block size to rate, as earlier streams timed them: those sizes are not
     *        probed again, and the fastest of them competes with the sizes this stream times
     * @param results told each probe this stream times
     */
    ChunkSizer(int blockSize, boolean adaptive, LongSupplier nanoClock, Map<Integer, Double> timedBefore,
            ProbeResults results) {
        this.nanoClock = nanoClock;
        this.results = results;
        bestSize = blockSize;
        List<Integer> candidates = new ArrayList<>();
        if (adaptive) {
            for (int candidate : CANDIDATES) {
                if (candidate < blockSize) {
                    candidates.add(candidate);
                }
            }
        }
        candidates.add(blockSize);
        if (candidates.size() > 1) {
            for (int candidate : candidates) {
                Double rate = timedBefore.get(candidate);
                if (rate == null) {
                    sizes.add(candidate);
                } else if (rate > bestRate) {
                    bestRate = rate;
                    bestSize = candidate;
                }
            }
        }
        // one candidate: nothing to choose; every candidate timed: the fastest, at once
        decided = sizes.isEmpty();
        if (!decided) {
            startPhase(0);
        }
    }

    /** The size of the next block. */
    synchronized int size() {
        return decided ? bestSize : sizes.get(phase);
    }

    /**
     * A block of {@code bytes} goes out now.
     *
     * @return the probe it belongs to, to hand back with its acknowledgement ({@code -1}: none)
     */
    synchronized int sent(int bytes) {
        if (decided || phaseSent >= phaseTarget) {
            return -1; // the current probe is complete; its last acknowledgements are still coming
        }
        if (phaseSent == 0) {
            phaseStart = nanoClock.getAsLong();
        }
        phaseSent += bytes;
        return phase;
    }

    /** The block sent as part of {@code probe} was acknowledged. */
    synchronized void acknowledged(int probe, int bytes) {
        if (decided || probe != phase) {
            return;
        }
        phaseAcked += bytes;
        if (phaseAcked < phaseTarget || phaseSent < phaseTarget) {
            return;
        }
        long elapsed = Math.max(1, nanoClock.getAsLong() - phaseStart);
        double rate = (double) phaseAcked / elapsed;
        results.measured(sizes.get(phase), rate);
        if (rate > bestRate) {
            bestRate = rate;
            bestSize = sizes.get(phase);
        }
        if (phase + 1 < sizes.size()) {
            startPhase(phase + 1);
        } else {
            decided = true;
        }
    }

    synchronized boolean isDecided() {
        return decided;
    }

    private void startPhase(int next) {
        phase = next;
        phaseTarget = Math.max(PROBE_MIN_BYTES, (long) PROBE_BLOCKS * sizes.get(next));
        phaseSent = 0;
        phaseAcked = 0;
    }
}
