package io.sift.ibb.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * <p>Those first probes run while a fresh process is still compiling its sending path, and a probe
 * of 1 MiB is over in a few dozen milliseconds; with 64 KiB blocks it fits in the window whole, so
 * its time is mostly the wait for its first acknowledgement behind what was in flight before it. On
 * a fast server the 64 KiB probe often came out slower than the 16 KiB one, and a 64 MiB file then
 * went at two thirds of the speed. So once a stream has moved {@link #CONFIRM_AFTER} more bytes in
 * the chosen size, it times the two fastest sizes again, one after the other, over
 * {@link #CONFIRM_PROBE_BYTES} each and from the first acknowledgement to the last: the pace at
 * which blocks of that size come through. The faster of the two stays.
 *
 * <p>Thread-safe: the writer asks for sizes, acknowledgements arrive on the connection's threads.
 */
final class ChunkSizer {

    /**
     * How much faster a size must come through than one four times its size to be preferred to it.
     * Every party spends less per byte on bigger blocks (fewer stanzas to write, relay, parse and
     * answer), while a timing of a few MiB on a busy machine is off by more than a tenth now and
     * then. Through Prosody with a large read size, 256 MiB in 16 KiB blocks took 16.6 s and 12.8 s
     * of the server's CPU, in 64 KiB blocks 9.9 s and 8.1; a third of a benchmark's in-band runs
     * looked like the first. Where small blocks are right they win by far: 4 KiB blocks through
     * Prosody's packaged read size moved three times what 64 KiB ones did.
     */
    static final double SMALLER_MUST_BEAT_BY = 1.25;

    /** Sizes tried, smallest first (the ones above the negotiated block size are left out). */
    static final int[] CANDIDATES = {4096, 16384, 65535};

    /**
     * Blocks in one probe, and the fewest bytes one may have (small blocks need more of them to
     * time). With the largest candidate both come to 1 MiB, so every probe is 1 MiB and a 1 MiB file
     * completes the probe it carries: the next stream goes on with the next candidate.
     */
    static final int PROBE_BLOCKS = 16;
    static final long PROBE_MIN_BYTES = 1 << 20;

    /**
     * Bytes sent in the chosen size before the two fastest sizes are timed again: by then a fresh
     * process has compiled what sending takes, and on the slowest server the second timing of the
     * runner-up costs a fraction of a second.
     */
    static final long CONFIRM_AFTER = 16L << 20;

    /**
     * Bytes in each probe of the second timing: acknowledgements often come several at once, which
     * a 1 MiB probe of 64 KiB blocks (16 acknowledgements) cannot average out.
     */
    static final long CONFIRM_PROBE_BYTES = 4L << 20;

    private enum Stage {
        /** Timing the sizes no earlier stream timed. */
        PROBING,
        /** Sending in the fastest size so far until {@link #CONFIRM_AFTER}. */
        SETTLING,
        /** Timing the two fastest sizes again. */
        CONFIRMING,
        /** The size is chosen for the rest of the stream. */
        DECIDED
    }

    private final LongSupplier nanoClock;
    private final ProbeResults results;

    // guarded by this
    private final Map<Integer, Double> rates = new HashMap<>();
    private Stage stage;
    private List<Integer> probes = List.of();
    private int phase;
    private int probeNumber = -1;
    private long phaseTarget;
    private long phaseSent;
    private long phaseAcked;
    private long phaseStart;
    private long firstAckAt;
    /** Bytes of the current probe acknowledged by its first acknowledgement; -1 before it. */
    private long firstAckBytes;
    private long settled;
    private int chosen;

    /** Where the timed probes go, so that later streams need not repeat them. */
    @FunctionalInterface
    interface ProbeResults {
        void measured(int size, double bytesPerNano);

        /** {@code bytes} went out in the chosen size after every candidate was timed. */
        default void settled(long bytes) {
        }

        /** The two fastest sizes were timed again and {@code chosen}, the faster, stays. */
        default void confirmed(int chosen) {
        }
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
        this(blockSize, adaptive, nanoClock, timedBefore, 0, results);
    }

    /**
     * @param settledBefore bytes that earlier streams sent in the fastest size since those sizes were
     *        timed, none of them long enough to time the two fastest again: this stream does so that
     *        much sooner. A choice the first timings got wrong (a server that is quick with big
     *        blocks while few are queued and crawls with them once many are) would otherwise stay
     *        for every file shorter than {@link #CONFIRM_AFTER} until the timings are forgotten.
     */
    ChunkSizer(int blockSize, boolean adaptive, LongSupplier nanoClock, Map<Integer, Double> timedBefore,
            long settledBefore, ProbeResults results) {
        this.nanoClock = nanoClock;
        this.results = results;
        List<Integer> candidates = new ArrayList<>();
        if (adaptive) {
            for (int candidate : CANDIDATES) {
                if (candidate < blockSize) {
                    candidates.add(candidate);
                }
            }
        }
        candidates.add(blockSize);
        chosen = blockSize;
        if (candidates.size() == 1) {
            stage = Stage.DECIDED; // nothing to choose
            return;
        }
        List<Integer> untimed = new ArrayList<>();
        for (int candidate : candidates) {
            Double rate = timedBefore.get(candidate);
            if (rate == null) {
                untimed.add(candidate);
            } else {
                rates.put(candidate, rate);
            }
        }
        chosen = fastest().orElse(blockSize);
        if (untimed.isEmpty()) {
            // every candidate timed: the fastest at once, checked against the runner-up later on
            stage = Stage.SETTLING;
            settled = settledBefore;
        } else {
            startProbes(Stage.PROBING, untimed);
        }
    }

    /** The size of the next block. */
    synchronized int size() {
        if (stage == Stage.SETTLING || stage == Stage.DECIDED) {
            return chosen;
        }
        if (phaseSent < phaseTarget) {
            return probes.get(phase);
        }
        // the probe is out whole and waits for its acknowledgements: meanwhile the best size so far,
        // not a window more of one that may crawl (2 MiB of 64 KiB blocks take Prosody's packaged
        // read size over a second)
        return stage == Stage.CONFIRMING ? chosen : fastest().orElse(probes.get(phase));
    }

    /**
     * A block of {@code bytes} goes out now.
     *
     * @return the probe it belongs to, to hand back with its acknowledgement ({@code -1}: none)
     */
    synchronized int sent(int bytes) {
        if (stage == Stage.SETTLING) {
            settled += bytes;
            results.settled(bytes);
            if (settled >= CONFIRM_AFTER) {
                startProbes(Stage.CONFIRMING, List.of(chosen, runnerUp()));
            }
            return -1;
        }
        // a probe is complete (its last acknowledgements are still coming), or this block was sized
        // before the probe began, while the writer waited for room in the window: neither counts
        if (stage == Stage.DECIDED || phaseSent >= phaseTarget || bytes != probes.get(phase)) {
            return -1;
        }
        if (phaseSent == 0) {
            phaseStart = nanoClock.getAsLong();
        }
        phaseSent += bytes;
        return probeNumber;
    }

    /** The block sent as part of {@code probe} was acknowledged. */
    synchronized void acknowledged(int probe, int bytes) {
        if ((stage != Stage.PROBING && stage != Stage.CONFIRMING) || probe != probeNumber) {
            return;
        }
        phaseAcked += bytes;
        long now = nanoClock.getAsLong();
        if (firstAckBytes < 0) {
            firstAckAt = now;
            firstAckBytes = phaseAcked;
        }
        if (stage == Stage.CONFIRMING && phase == 1 && runnerUpIsBeaten(now)) {
            finishConfirming(pace(now));
        } else if (phaseAcked >= phaseTarget && phaseSent >= phaseTarget) {
            // the first round as it always was (it reliably picks 4 KiB blocks where those are best),
            // the second by the pace of its acknowledgements
            double rate = stage == Stage.CONFIRMING ? pace(now) : (double) phaseAcked / Math.max(1, now - phaseStart);
            if (phase + 1 < probes.size()) {
                record(probes.get(phase), rate);
                startPhase(phase + 1);
            } else if (stage == Stage.CONFIRMING) {
                finishConfirming(rate);
            } else {
                record(probes.get(phase), rate);
                chosen = fastest().orElse(chosen);
                stage = Stage.SETTLING;
                settled = 0;
            }
        }
    }

    /**
     * Bytes per nanosecond from the probe's first acknowledgement to this one. Acknowledgements that
     * came all at once tell no pace: when they span less than a quarter of the probe's time, the
     * whole probe's time counts instead.
     */
    private double pace(long now) {
        long span = now - firstAckAt;
        if (span < (now - phaseStart) / 4) {
            return (double) phaseAcked / Math.max(1, now - phaseStart);
        }
        return (double) (phaseAcked - firstAckBytes) / span;
    }

    /**
     * After {@link #PROBE_MIN_BYTES} of its probe, whether the runner-up comes through at less than
     * half the pace the chosen size just had: then the rest of its probe is not worth it (on
     * Prosody's packaged read size it would cost the stream some 0.7 s of 4 KiB blocks going at twice
     * its speed).
     */
    private boolean runnerUpIsBeaten(long now) {
        return phaseAcked - firstAckBytes >= PROBE_MIN_BYTES && pace(now) < rates.get(probes.get(0)) / 2;
    }

    /**
     * The second timing is over, the runner-up's pace just taken: the faster of the two stays. What
     * later streams start from ranks them as found, and the size not timed again below both, as the
     * first timing had it.
     */
    private void finishConfirming(double runnerUpPace) {
        int first = probes.get(0);
        int second = probes.get(1);
        record(second, runnerUpPace);
        double slower = Math.min(rates.get(first), runnerUpPace);
        for (int other : List.copyOf(rates.keySet())) {
            if (other != first && other != second && rates.get(other) > slower) {
                record(other, slower);
            }
        }
        chosen = score(first, rates.get(first)) >= score(second, runnerUpPace) ? first : second;
        stage = Stage.DECIDED;
        results.confirmed(chosen);
    }

    private void record(int size, double rate) {
        rates.put(size, rate);
        results.measured(size, rate);
    }

    /** True once no probe is running or to come: the size stays as it is. */
    synchronized boolean isDecided() {
        return stage == Stage.DECIDED;
    }

    private void startProbes(Stage next, List<Integer> sizes) {
        stage = next;
        probes = List.copyOf(sizes);
        startPhase(0);
    }

    private void startPhase(int next) {
        phase = next;
        // numbered across both rounds: a late acknowledgement never counts for a later probe
        probeNumber++;
        long least = stage == Stage.CONFIRMING ? CONFIRM_PROBE_BYTES : PROBE_MIN_BYTES;
        phaseTarget = Math.max(least, (long) PROBE_BLOCKS * probes.get(next));
        phaseSent = 0;
        phaseAcked = 0;
        firstAckBytes = -1;
    }

    /** The size with the best score: the fastest, unless a bigger one came close ({@link #SMALLER_MUST_BEAT_BY}). */
    private Optional<Integer> fastest() {
        return rates.entrySet().stream().max(ChunkSizer::byScore).map(Map.Entry::getKey);
    }

    /** The best size but the chosen one. */
    private int runnerUp() {
        return rates.entrySet().stream().filter(e -> e.getKey() != chosen).max(ChunkSizer::byScore)
                .map(Map.Entry::getKey).orElseThrow();
    }

    private static int byScore(Map.Entry<Integer, Double> a, Map.Entry<Integer, Double> b) {
        return Double.compare(score(a.getKey(), a.getValue()), score(b.getKey(), b.getValue()));
    }

    /** A size's rate with the head start of its size: {@link #SMALLER_MUST_BEAT_BY} for every fourfold. */
    static double score(int size, double rate) {
        return rate * Math.pow(SMALLER_MUST_BEAT_BY, Math.log(size / (double) CANDIDATES[0]) / Math.log(4));
    }
}
