package io.sift.ibb.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Chooses how many bytes go into each data block, up to the negotiated block size.
 *
 * <p>The best size depends on the server more than on the peer: a server that reads big stanzas in
 * one go (Prosody with a large read size) is fastest with 64 KiB blocks, one that reads in 4 KiB
 * pieces (Prosody's packaged default) mostly crawls with them and is fastest with 4 KiB. XEP-0047
 * lets a sender use any size up to the negotiated one, so the stream measures instead of guessing:
 * it sends a probe of each candidate size in turn and keeps the size that moved bytes fastest. A
 * probe is timed by the pace of its acknowledgements, from its first to its last, not from its first
 * block: its blocks queue behind those already in the window, and that wait is the earlier size's.
 * While a probe of the first round waits for its acknowledgements the window fills with the smallest
 * size, so that the next probe queues behind little; in the second round, with the fastest.
 *
 * <p>Those first probes run while a fresh process is still compiling what sending takes, and each
 * is over in a fraction of a second: 4 KiB blocks through Prosody's packaged read size came out at
 * half the pace they keep once the process is warm, and lost to 64 KiB blocks that then crawled;
 * on a fast server a 64 MiB file went at two thirds of the speed in the 16 KiB blocks a cold timing
 * chose. The first probe, the coldest, is of 16 KiB, which is best on neither kind of server; the
 * full size comes next, and 4 KiB only if 16 KiB kept up with it ({@link #FAR_AHEAD_BY}). And
 * once a stream has moved {@link #CONFIRM_AFTER} more bytes in the chosen size, or has sent in it
 * for {@link #CONFIRM_AFTER_NANOS}, it times every size again, the chosen one first, over
 * {@link #CONFIRM_PROBE_BYTES} each (or {@link #CONFIRM_PROBE_NANOS} where they come slowly). The
 * fastest stays.
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

    /** Sizes tried (the ones above the negotiated block size are left out); the middle one first. */
    static final int[] CANDIDATES = {4096, 16384, 65535};

    /**
     * Blocks in one probe, and the fewest bytes one may have (small blocks need more of them to
     * time). With the largest candidate both come to 1 MiB, so every probe is 1 MiB and a 1 MiB file
     * completes the probe it carries: the next stream goes on with the next candidate.
     */
    static final int PROBE_BLOCKS = 16;
    static final long PROBE_MIN_BYTES = 1 << 20;

    /**
     * Bytes sent in the chosen size before every size is timed again: by then a fresh process has
     * compiled what sending takes, and a size timed again that crawls is left after its first
     * megabyte.
     */
    static final long CONFIRM_AFTER = 16L << 20;

    /**
     * Time spent sending in the chosen size after which every size is timed again even if
     * {@link #CONFIRM_AFTER} has not gone out: on a server that crawls with the chosen size, 16 MiB
     * of it took Prosody's packaged read size eight seconds, while the process had compiled what
     * sending takes long before.
     */
    static final long CONFIRM_AFTER_NANOS = 1_000_000_000L;

    /**
     * Bytes in each probe of the second timing: acknowledgements often come several at once, which
     * a 1 MiB probe of 64 KiB blocks (16 acknowledgements) cannot average out.
     */
    static final long CONFIRM_PROBE_BYTES = 4L << 20;

    /**
     * Time after its first acknowledgement that also ends a probe of the second timing once it has
     * {@link #PROBE_MIN_BYTES}: on a server that moves a size at 2 MiB/s, half a second of its
     * acknowledgements is pace enough, and 4 MiB of it two seconds of a stream going that slowly.
     */
    static final long CONFIRM_PROBE_NANOS = 500_000_000L;

    /**
     * The least of its probe after which a size timed again that comes through at less than half
     * the pace of the fastest one timed again before it is left ({@link #isBeaten}), and at least
     * {@link #PROBE_BLOCKS} of its blocks: with a margin of two, 64 acknowledgements of 4 KiB blocks
     * tell it, and through a fast server, which moves them at a fifth of the pace of 64 KiB ones, each
     * megabyte of them cost the stream a tenth of a second.
     */
    static final long BEATEN_AFTER_BYTES = 256 << 10;

    /**
     * How much faster than a size a bigger one must have come through in the first round for the
     * sizes below both to be left to the second. Where the bigger of two sizes moves more than twice
     * what the smaller does, what each stanza costs decides the pace, and a smaller size still goes
     * slower again: through the project's Prosody 4 KiB blocks went at 3-10 MiB/s against 20-140
     * for 64 KiB, and their megabyte in a fresh process's first round cost it 0.1-0.3 s. Through
     * Prosody's packaged read size, where 4 KiB is the size to find, 16 KiB and 64 KiB blocks come
     * through at about the same pace, so 4 KiB is timed there as before. The second round times
     * every size, those left out included, and leaves one that crawls after
     * {@link #BEATEN_AFTER_BYTES}.
     */
    static final double FAR_AHEAD_BY = 2;

    private enum Stage {
        /** Timing the sizes no earlier stream timed. */
        PROBING,
        /** Sending in the fastest size so far until {@link #CONFIRM_AFTER} or {@link #CONFIRM_AFTER_NANOS}. */
        SETTLING,
        /** Timing every size again, the chosen one first. */
        CONFIRMING,
        /** The size is chosen for the rest of the stream. */
        DECIDED
    }

    private final LongSupplier nanoClock;
    private final ProbeResults results;
    private final int smallest;
    /** The sizes this stream may choose from, smallest first. */
    private final List<Integer> candidates;

    // guarded by this
    private final Map<Integer, Double> rates = new HashMap<>();
    /** The sizes timed again in the second round so far, by this stream or earlier ones. */
    private final Set<Integer> timedAgain = new HashSet<>();
    private Stage stage;
    private List<Integer> probes = List.of();
    private int phase;
    private int probeNumber = -1;
    private long phaseTarget;
    private long phaseSent;
    private long phaseAcked;
    private long phaseStart;
    /**
     * When a block sent before the current probe was last acknowledged, while none of the probe's own
     * was yet: the server was still busy with what came before the probe until then.
     */
    private long earlierAckAt;
    private long firstAckAt;
    /** Bytes of the current probe acknowledged by its first acknowledgement; -1 before it. */
    private long firstAckBytes;
    private long settled;
    private long settlingSince;
    private int chosen;

    /** Where the timed probes go, so that later streams need not repeat them. */
    @FunctionalInterface
    interface ProbeResults {
        void measured(int size, double bytesPerNano);

        /** {@code bytes} went out in the chosen size after every candidate was timed. */
        default void settled(long bytes) {
        }

        /** The timing of {@code size} just {@link #measured} was its second. */
        default void timedAgain(int size) {
        }

        /** Every size was timed again and {@code chosen}, the fastest, stays. */
        default void confirmed(int chosen) {
        }
    }

    /**
     * What earlier streams of the account found, to carry on from.
     *
     * @param rates block size to rate, as earlier streams timed them: those sizes are not probed
     *        again, and the fastest of them competes with the sizes this stream times
     * @param settled bytes that earlier streams sent in the fastest size since those sizes were
     *        timed, none of them long enough to time every size again: this stream does so that
     *        much sooner. A choice the first timings got wrong (a server that is quick with big
     *        blocks while few are queued and crawls with them once many are) would otherwise stay
     *        for every file shorter than {@link #CONFIRM_AFTER} until the timings are forgotten.
     * @param timedAgain the sizes that earlier streams timed again, in a second round that none of
     *        them finished: this stream times the others. Files shorter than the whole round would
     *        otherwise each start it over and spend their length on sizes that crawl.
     * @param decided whether the second round is over: then the fastest is used without timing,
     *        until the timings are forgotten. Timing every size again in each stream cost a 32 MiB
     *        file a tenth of its time through a fast server.
     */
    record Earlier(Map<Integer, Double> rates, long settled, Set<Integer> timedAgain, boolean decided) {
        static final Earlier NONE = new Earlier(Map.of(), 0, Set.of(), false);
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
        this(blockSize, adaptive, nanoClock, new Earlier(timedBefore, 0, Set.of(), false), results);
    }

    /** @param earlier what earlier streams of the account timed and sent */
    ChunkSizer(int blockSize, boolean adaptive, LongSupplier nanoClock, Earlier earlier, ProbeResults results) {
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
        this.candidates = List.copyOf(candidates);
        smallest = candidates.get(0);
        chosen = blockSize;
        if (candidates.size() == 1) {
            stage = Stage.DECIDED; // nothing to choose
            return;
        }
        List<Integer> untimed = new ArrayList<>();
        for (int candidate : candidates) {
            Double rate = earlier.rates().get(candidate);
            if (rate == null) {
                untimed.add(candidate);
            } else {
                rates.put(candidate, rate);
            }
        }
        timedAgain.addAll(earlier.timedAgain());
        timedAgain.retainAll(rates.keySet());
        chosen = fastest().orElse(blockSize);
        if (candidates.size() == CANDIDATES.length) {
            // a fresh process's first probe runs while it is coldest and comes out slow: that falls
            // on 16 KiB, best on neither kind of server, rather than on 4 KiB, which it made lose to
            // 64 KiB through Prosody's packaged read size. The biggest size next, whose pace against
            // 16 KiB's tells whether 4 KiB is worth a megabyte of this round (FAR_AHEAD_BY); the
            // streams that carry on an earlier one's round keep that order
            List<Integer> order = List.of(candidates.get(1), candidates.get(2), candidates.get(0));
            untimed.sort((a, b) -> Integer.compare(order.indexOf(a), order.indexOf(b)));
        }
        if (!timedAgain.isEmpty()) {
            // an earlier stream has begun the second round: the sizes still untimed wait for it
            untimed.clear();
        } else {
            untimed.removeIf(this::leftForSecondRound);
        }
        if (untimed.isEmpty() && earlier.decided()) {
            stage = Stage.DECIDED;
        } else if (untimed.isEmpty()) {
            // every candidate timed, or left to the second round: the fastest at once, checked
            // against the others later on
            settle(earlier.settled());
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
        // the probe is out whole and waits for its acknowledgements. In the first round, meanwhile the
        // smallest size, since the next probe queues behind what fills the window now: a window of
        // 64 KiB blocks takes Prosody's packaged read size two seconds, one of 4 KiB blocks a tenth of
        // that. In the second, every size has a timing and the fastest fills: the next probe is timed
        // by its own pace whatever queues ahead of it, and through a fast server, which moves 4 KiB
        // blocks at a fifth of the pace of 64 KiB ones, each window of 4 KiB blocks cost some 30 ms
        return stage == Stage.CONFIRMING ? fastest().orElse(smallest) : smallest;
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
            if (settled >= CONFIRM_AFTER || nanoClock.getAsLong() - settlingSince >= CONFIRM_AFTER_NANOS) {
                timeAgain();
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
        if (stage != Stage.PROBING && stage != Stage.CONFIRMING) {
            return;
        }
        if (probe != probeNumber) {
            if (firstAckBytes < 0) {
                earlierAckAt = nanoClock.getAsLong();
            }
            return;
        }
        phaseAcked += bytes;
        long now = nanoClock.getAsLong();
        if (firstAckBytes < 0) {
            firstAckAt = now;
            firstAckBytes = phaseAcked;
        }
        if (isOver(now)) {
            int size = probes.get(phase);
            record(size, pace(now));
            if (stage == Stage.CONFIRMING) {
                timedAgain.add(size);
                results.timedAgain(size);
            }
            int next = nextPhase();
            if (next >= 0) {
                startPhase(next);
            } else if (stage == Stage.CONFIRMING) {
                decide();
            } else {
                chosen = fastest().orElse(chosen);
                settle(0);
            }
        }
    }

    /**
     * Bytes per nanosecond from the probe's first acknowledgement to this one: the pace at which the
     * server passed its blocks on. Not from its first block: a probe's blocks go out behind a window
     * of earlier ones (64 blocks of 64 KiB are two seconds' worth on Prosody's packaged read size),
     * and the wait for those ranked a size by the one before it. Acknowledgements that came all at
     * once tell no pace: when the probe's own span less than a quarter of the time since the blocks
     * ahead of it were acknowledged, the whole time since its first block went out counts instead,
     * which can only rank it lower than it is.
     */
    private double pace(long now) {
        long span = now - firstAckAt;
        long sinceAhead = now - Math.max(phaseStart, earlierAckAt);
        if (span <= 0 || span < sinceAhead / 4) {
            return (double) phaseAcked / Math.max(1, now - phaseStart);
        }
        // and never more than all its bytes since the blocks ahead were through: a few
        // acknowledgements at the end that came together would otherwise count as no time
        return Math.min((double) (phaseAcked - firstAckBytes) / span, (double) phaseAcked / sinceAhead);
    }

    /** The probe to run after the current one, -1 if none: the first round skips the sizes it leaves to the second. */
    private int nextPhase() {
        for (int next = phase + 1; next < probes.size(); next++) {
            if (stage == Stage.CONFIRMING || !leftForSecondRound(probes.get(next))) {
                return next;
            }
        }
        return -1;
    }

    /**
     * Whether the first round leaves {@code size} untimed: of two bigger sizes timed, the bigger
     * came through more than {@link #FAR_AHEAD_BY} times as fast as the other.
     */
    private boolean leftForSecondRound(int size) {
        for (Map.Entry<Integer, Double> bigger : rates.entrySet()) {
            for (Map.Entry<Integer, Double> between : rates.entrySet()) {
                if (size < between.getKey() && between.getKey() < bigger.getKey()
                        && bigger.getValue() > FAR_AHEAD_BY * between.getValue()) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether the current probe has told enough. */
    private boolean isOver(long now) {
        if (phaseAcked >= phaseTarget && phaseSent >= phaseTarget) {
            return true;
        }
        if (stage != Stage.CONFIRMING) {
            return false;
        }
        long paced = phaseAcked - firstAckBytes;
        return paced >= PROBE_MIN_BYTES && now - firstAckAt >= CONFIRM_PROBE_NANOS
                || paced >= judgedAfter(probes.get(phase)) && isBeaten(now);
    }

    /** Bytes of a probe of {@code size} timed again after which it may be found beaten. */
    static long judgedAfter(int size) {
        return Math.max(BEATEN_AFTER_BYTES, (long) PROBE_BLOCKS * size);
    }

    /**
     * After {@link #judgedAfter} of its probe, whether a size timed again comes through at less
     * than half the pace of the fastest size timed again before it: then the rest of its probe is not
     * worth it (on Prosody's packaged read size it would cost the stream some 0.7 s of 4 KiB blocks
     * going at twice its speed).
     */
    private boolean isBeaten(long now) {
        double best = timedAgain.stream().mapToDouble(rates::get).max().orElse(0);
        return pace(now) < best / 2;
    }

    /**
     * Starts the second round with the sizes no stream has timed again yet: the chosen one first,
     * the others by rank, then those the first round left out, biggest first.
     */
    private void timeAgain() {
        List<Integer> sizes = chosenThenTheOthers();
        for (int i = candidates.size() - 1; i >= 0; i--) {
            if (!rates.containsKey(candidates.get(i))) {
                sizes.add(candidates.get(i));
            }
        }
        sizes.removeAll(timedAgain);
        if (sizes.isEmpty()) {
            decide();
        } else {
            startProbes(Stage.CONFIRMING, sizes);
        }
    }

    private void decide() {
        chosen = fastest().orElse(chosen);
        stage = Stage.DECIDED;
        results.confirmed(chosen);
    }

    private void settle(long settledBefore) {
        stage = Stage.SETTLING;
        settled = settledBefore;
        settlingSince = nanoClock.getAsLong();
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
        earlierAckAt = Long.MIN_VALUE;
    }

    /** The size with the best score: the fastest, unless a bigger one came close ({@link #SMALLER_MUST_BEAT_BY}). */
    private Optional<Integer> fastest() {
        return rates.entrySet().stream().max(ChunkSizer::byScore).map(Map.Entry::getKey);
    }

    /** Every timed size, the chosen one first and the others from the best score down. */
    private List<Integer> chosenThenTheOthers() {
        List<Integer> sizes = new ArrayList<>(List.of(chosen));
        rates.entrySet().stream().filter(e -> e.getKey() != chosen).sorted((a, b) -> byScore(b, a))
                .forEach(e -> sizes.add(e.getKey()));
        return sizes;
    }

    private static int byScore(Map.Entry<Integer, Double> a, Map.Entry<Integer, Double> b) {
        return Double.compare(score(a.getKey(), a.getValue()), score(b.getKey(), b.getValue()));
    }

    /** A size's rate with the head start of its size: {@link #SMALLER_MUST_BEAT_BY} for every fourfold. */
    static double score(int size, double rate) {
        return rate * Math.pow(SMALLER_MUST_BEAT_BY, Math.log(size / (double) CANDIDATES[0]) / Math.log(4));
    }
}
