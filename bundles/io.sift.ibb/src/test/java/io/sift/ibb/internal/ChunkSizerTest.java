package io.sift.ibb.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntToLongFunction;

import org.junit.jupiter.api.Test;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;

class ChunkSizerTest {

    private static final Jid BOB = JidCreate.fromOrThrowUnchecked("bob@localhost/b");

    private final AtomicLong clock = new AtomicLong(1_000);

    /**
     * Nanoseconds a block takes through Prosody's packaged read size: 4 KiB blocks at 8 bytes a
     * microsecond, 16 KiB at 3.3, 64 KiB at 1.7.
     */
    private static final IntToLongFunction PACKAGED_READ_SIZE =
            size -> size == 4096 ? 512_000L : size == 16384 ? 4_965_000L : 38_550_000L;

    /** A sizer of a stream that no earlier stream of the account has timed anything for. */
    private ChunkSizer fresh(int blockSize, boolean adaptive) {
        return new ChunkSizer(blockSize, adaptive, clock::get, Map.of(), (size, rate) -> { });
    }

    /**
     * Runs probes until the sizer decides, one block at a time (window 1), where a block of a given
     * size takes {@code nanosFor(size)} to be acknowledged.
     */
    private int decide(ChunkSizer sizer, IntToLongFunction nanosFor) {
        for (int i = 0; i < 100_000 && !sizer.isDecided(); i++) {
            int size = sizer.size();
            int probe = sizer.sent(size);
            clock.addAndGet(nanosFor.applyAsLong(size));
            sizer.acknowledged(probe, size);
        }
        assertTrue(sizer.isDecided());
        return sizer.size();
    }

    @Test
    void aServerThatReadsBigStanzasWholeGetsTheBiggestBlocks() {
        // per-block cost dominates: bigger blocks move more bytes per round trip
        ChunkSizer sizer = fresh(65535, true);
        assertEquals(65535, decide(sizer, size -> 100_000 + size));
    }

    @Test
    void aServerThatChokesOnBigStanzasGetsSmallBlocks() {
        // a stanza above 4 KiB costs an extra millisecond per 8 KiB (Prosody's packaged read size)
        ChunkSizer sizer = fresh(65535, true);
        assertEquals(4096, decide(sizer, size -> 50_000 + size + (size > 4096 ? (size / 8192 + 1) * 1_000_000L : 0)));
    }

    @Test
    void probesStartSmallAndStayWithinTheNegotiatedSize() {
        ChunkSizer sizer = fresh(10_000, true);
        assertEquals(4096, sizer.size());
        int probe = sizer.sent(4096);
        assertEquals(0, probe);
        sizer.acknowledged(probe, 4096);
        // a negotiated size below 16 KiB leaves 4 KiB and the negotiated size itself
        assertEquals(10_000, decide(sizer, size -> 1_000 + size / 1000));
    }

    @Test
    void withoutAdaptationTheNegotiatedSizeIsUsedFromTheStart() {
        ChunkSizer sizer = fresh(4096, false);
        assertTrue(sizer.isDecided());
        assertEquals(4096, sizer.size());
        assertEquals(-1, sizer.sent(4096));
    }

    @Test
    void lateAcknowledgementsOfAnEarlierProbeDoNotCount() {
        ChunkSizer sizer = fresh(65535, true);
        int first = sizer.sent(16384);
        sizer.acknowledged(first + 5, 16384); // no such probe
        assertFalse(sizer.isDecided());
        assertEquals(16384, sizer.size());
    }

    /** Sends blocks until the stream has moved {@code bytes}, as a file of that size would. */
    private void send(ChunkSizer sizer, long bytes, IntToLongFunction nanosFor) {
        for (long sent = 0; sent < bytes;) {
            int size = sizer.size();
            int probe = sizer.sent(size);
            clock.addAndGet(nanosFor.applyAsLong(size));
            sizer.acknowledged(probe, size);
            sent += size;
        }
    }

    @Test
    void smallFilesOneAfterAnotherTimeOneCandidateEachThenUseTheFastest() {
        LearnedBlockSize learned = new LearnedBlockSize(clock::get);
        IntToLongFunction bigBlocksWin = size -> 100_000 + size;
        long oneMiB = 1L << 20;
        List<Integer> firstSizes = new ArrayList<>();
        for (int file = 0; file < 4; file++) {
            ChunkSizer sizer = new ChunkSizer(65535, true, clock::get, learned.forStreams(BOB, 16),
                    learned.recorder(BOB, 16)::measured);
            firstSizes.add(sizer.size());
            send(sizer, oneMiB, bigBlocksWin);
        }
        // each 1 MiB file times the next candidate; 64 KiB came through far faster than 16 KiB, so 4 KiB
        // waits for the second round and the third file starts at the fastest
        assertEquals(List.of(16384, 65535, 65535, 65535), firstSizes);
        assertEquals(Set.of(16384, 65535), learned.forStreams(BOB, 16).rates().keySet());
        ChunkSizer next = new ChunkSizer(65535, true, clock::get, learned.forStreams(BOB, 16), (size, rate) -> { });
        assertEquals(65535, next.size());
        assertEquals(-1, next.sent(65535), "no probe: it starts at the fastest");
    }

    @Test
    void probesTimedInAColdProcessAreTimedAgainOnceTheStreamIsUnderWay() {
        // while the sending path compiles, the first megabytes of 64 KiB blocks go slower than 16 KiB
        // blocks do; once it has, 64 KiB blocks are the fastest by far
        AtomicLong moved = new AtomicLong();
        IntToLongFunction warmingUp = size -> {
            boolean cold = moved.addAndGet(size) < (4L << 20);
            return 100_000 + (cold && size == 65535 ? 20L * size : size);
        };
        List<Integer> timed = new ArrayList<>();
        ChunkSizer sizer = new ChunkSizer(65535, true, clock::get, Map.of(), (size, rate) -> timed.add(size));
        send(sizer, 13L << 18, warmingUp); // 1 MiB of each: 17 blocks of 64 KiB
        // 64 KiB, cold, no faster than 16 KiB: 4 KiB may be the size for this server, and is timed
        assertEquals(List.of(16384, 65535, 4096), timed);
        assertEquals(16384, sizer.size(), "the cold probes chose 16 KiB blocks");
        assertFalse(sizer.isDecided());
        send(sizer, ChunkSizer.CONFIRM_AFTER + 3 * ChunkSizer.CONFIRM_PROBE_BYTES + (1L << 20), warmingUp);
        assertEquals(List.of(16384, 65535, 4096, 16384, 65535, 4096), timed,
                "every size timed again, the chosen one first, the others by rank");
        assertTrue(sizer.isDecided());
        assertEquals(65535, sizer.size());
    }

    /**
     * Sends bytes through a server that passes blocks on one at a time, each taking service(size),
     * latencyNanos away each way, with up to window blocks unacknowledged.
     */
    private void sendThrough(ChunkSizer sizer, long bytes, int window, long latencyNanos, IntToLongFunction service) {
        ArrayDeque<long[]> inFlight = new ArrayDeque<>(); // acknowledged at, probe, size
        long serverFreeAt = clock.get();
        long sent = 0;
        while (sent < bytes || !inFlight.isEmpty()) {
            if (sent < bytes && inFlight.size() < window) {
                int size = sizer.size();
                int probe = sizer.sent(size);
                serverFreeAt = Math.max(clock.get() + latencyNanos, serverFreeAt) + service.applyAsLong(size);
                inFlight.add(new long[] {serverFreeAt + latencyNanos, probe, size});
                sent += size;
            } else {
                long[] next = inFlight.poll();
                clock.set(Math.max(clock.get(), next[0]));
                sizer.acknowledged((int) next[1], (int) next[2]);
            }
        }
    }

    @Test
    void aProbeIsTimedByTheServersPaceNotByTheWaitBehindEarlierBlocks() {
        // 200 us a block plus 10 ns a byte: 64 KiB blocks pass at 77 bytes per microsecond, 16 KiB at 45;
        // 2 ms each way, which 32 blocks in flight cover
        IntToLongFunction service = size -> 200_000 + 10L * size;
        Map<Integer, Double> firstRound = new java.util.HashMap<>();
        Map<Integer, Double> timed = new java.util.HashMap<>();
        ChunkSizer sizer = new ChunkSizer(65535, true, clock::get, Map.of(), (size, rate) -> {
            if (firstRound.size() < 3) {
                firstRound.put(size, rate);
            } else {
                timed.put(size, rate);
            }
        });
        sendThrough(sizer, ChunkSizer.CONFIRM_AFTER + 2 * ChunkSizer.CONFIRM_PROBE_BYTES + (12L << 20), 32,
                2_000_000, service);
        double pace = 65535.0 / service.applyAsLong(65535);
        // a 1 MiB probe of 64 KiB blocks fits in the window whole, behind the blocks of the probe before it
        assertEquals(pace, firstRound.get(65535), pace * 0.05, () -> "the first timing of 64 KiB: " + firstRound);
        assertTrue(sizer.isDecided(), () -> "timed " + timed + ", now at " + sizer.size());
        assertEquals(65535, sizer.size());
        for (int size : List.of(16384, 65535)) {
            double itsPace = (double) size / service.applyAsLong(size);
            assertEquals(itsPace, timed.get(size), itsPace * 0.05, "the second timing of " + size);
        }
    }

    /**
     * Timings on a busy machine are off by a tenth now and then, and every party spends less per byte
     * on bigger blocks: a smaller size that comes through a little faster than one four times its
     * size does not displace it, one that is clearly faster does.
     */
    @Test
    void aSmallerSizeMustBeClearlyFasterToBeChosen() {
        // 16 KiB blocks a tenth faster per byte than 64 KiB ones, 4 KiB far slower: 64 KiB stays
        IntToLongFunction slightlyFavoursSixteen = size -> size == 16384 ? 10L * size
                : size == 65535 ? 11L * size : 100L * size;
        assertEquals(65535, decide(fresh(65535, true), slightlyFavoursSixteen));
        // half as fast again: 16 KiB it is
        IntToLongFunction clearlyFavoursSixteen = size -> size == 16384 ? 10L * size
                : size == 65535 ? 15L * size : 100L * size;
        assertEquals(16384, decide(fresh(65535, true), clearlyFavoursSixteen));
        assertEquals(1.25 * 2.0, ChunkSizer.score(65535, 2.0) / ChunkSizer.score(16384, 1.0), 0.01);
    }

    @Test
    void aChoiceTheSecondTimingConfirmsStays() {
        List<Integer> timed = new ArrayList<>();
        ChunkSizer sizer = new ChunkSizer(65535, true, clock::get, Map.of(), (size, rate) -> timed.add(size));
        // Prosody's packaged read size: 4 KiB blocks fastest, 64 KiB slowest, every time
        assertEquals(4096, decide(sizer, size -> 50_000 + size + (size > 4096 ? (size / 8192 + 1) * 1_000_000L : 0)));
        // then every size again, the others by rank: here 64 KiB before 16 KiB, since one extra
        // millisecond per 64 KiB costs less than three per 16 KiB
        assertEquals(List.of(16384, 65535, 4096, 4096, 65535, 16384), timed);
    }

    @Test
    void aSizeTimedAgainThatComesThroughAtLessThanHalfThePaceIsLeftEarly() {
        Map<Integer, Long> sentInRoundTwo = new java.util.HashMap<>();
        List<Integer> timed = new ArrayList<>();
        ChunkSizer sizer = new ChunkSizer(65535, true, clock::get, Map.of(), (size, rate) -> timed.add(size));
        for (long sent = 0; sent < (64L << 20); ) {
            int size = sizer.size();
            int probe = sizer.sent(size);
            if (timed.size() >= 3 && !sizer.isDecided()) {
                sentInRoundTwo.merge(size, (long) size, Long::sum);
            }
            clock.addAndGet(PACKAGED_READ_SIZE.applyAsLong(size));
            sizer.acknowledged(probe, size);
            sent += size;
        }
        assertEquals(List.of(16384, 65535, 4096, 4096, 16384, 65535), timed);
        assertTrue(sizer.isDecided());
        assertEquals(4096, sizer.size());
        // 16 KiB after a quarter of a megabyte, 64 KiB after 16 blocks
        for (int size : List.of(16384, 65535)) {
            assertTrue(sentInRoundTwo.get(size) <= ChunkSizer.judgedAfter(size) + 2 * size,
                    () -> "the probe of " + size + " ended once it was judged: " + sentInRoundTwo);
        }
        assertEquals(256 << 10, ChunkSizer.judgedAfter(16384));
        assertEquals(16 * 65535, ChunkSizer.judgedAfter(65535));
    }

    @Test
    void aSizeFarBehindInTheFirstRoundLeavesTheSmallerOnesToTheSecond() {
        // every stanza costs the server the same whatever its size: 64 KiB blocks move four times
        // what 16 KiB ones do, and 4 KiB blocks a sixteenth
        Map<Integer, Long> sentBySize = new java.util.HashMap<>();
        List<Integer> timed = new ArrayList<>();
        ChunkSizer sizer = new ChunkSizer(65535, true, clock::get, Map.of(), (size, rate) -> timed.add(size));
        for (int i = 0; i < 100_000 && !sizer.isDecided(); i++) {
            int size = sizer.size();
            int probe = sizer.sent(size);
            sentBySize.merge(size, (long) size, Long::sum);
            clock.addAndGet(1_000_000L);
            sizer.acknowledged(probe, size);
        }
        assertTrue(sizer.isDecided());
        assertEquals(65535, sizer.size());
        // the first round times 16 KiB and 64 KiB only; the second times 4 KiB too, last, and leaves
        // it once judged
        assertEquals(List.of(16384, 65535, 65535, 16384, 4096), timed);
        // its first block starts the pace, the quarter megabyte after it judges it
        assertEquals(ChunkSizer.judgedAfter(4096) + 4096, sentBySize.get(4096), "4 KiB blocks sent");
    }

    @Test
    void aProbeOutWholeWaitsForItsAcknowledgementsWithTheSmallestSize() {
        Map<Integer, Long> sentBySize = new java.util.HashMap<>();
        List<Integer> timed = new ArrayList<>();
        ChunkSizer sizer = new ChunkSizer(65535, true, clock::get, Map.of(), (size, rate) -> timed.add(size));
        ArrayDeque<long[]> inFlight = new ArrayDeque<>(); // probe, size
        while (timed.size() < 3) {
            if (inFlight.size() < 32) {
                int size = sizer.size();
                sentBySize.merge(size, (long) size, Long::sum);
                inFlight.add(new long[] {sizer.sent(size), size});
            } else {
                long[] next = inFlight.poll();
                clock.addAndGet(PACKAGED_READ_SIZE.applyAsLong((int) next[1]));
                sizer.acknowledged((int) next[0], (int) next[1]);
            }
        }
        assertEquals(4096, sizer.size());
        // each probe went out whole, and not a block of it more while its acknowledgements came in
        for (int size : List.of(16384, 65535)) {
            long probe = Math.max(ChunkSizer.PROBE_MIN_BYTES, (long) ChunkSizer.PROBE_BLOCKS * size);
            assertEquals((probe + size - 1) / size * size, sentBySize.get(size), "blocks of " + size);
        }
    }

    @Test
    void inTheSecondRoundAProbeOutWholeWaitsForItsAcknowledgementsWithTheFastestSize() {
        // 64 KiB blocks are fast here, the smaller ones crawl; the first round is over
        ChunkSizer sizer = new ChunkSizer(65535, true, clock::get, new ChunkSizer.Earlier(
                Map.of(4096, 1.0, 16384, 1.0, 65535, 2.0), ChunkSizer.CONFIRM_AFTER, Set.of(), false), (s, r) -> { });
        IntToLongFunction bigBlocksFast = size -> size == 65535 ? 100_000L : 4_000_000L;
        Map<Integer, Long> outsideProbes = new java.util.HashMap<>();
        ArrayDeque<long[]> inFlight = new ArrayDeque<>(); // probe, size
        for (int i = 0; i < 1_000_000 && !sizer.isDecided(); i++) {
            if (inFlight.size() < 32) {
                int size = sizer.size();
                int probe = sizer.sent(size);
                if (probe < 0) {
                    outsideProbes.merge(size, (long) size, Long::sum);
                }
                inFlight.add(new long[] {probe, size});
            } else {
                long[] next = inFlight.poll();
                clock.addAndGet(bigBlocksFast.applyAsLong((int) next[1]));
                sizer.acknowledged((int) next[0], (int) next[1]);
            }
        }
        assertTrue(sizer.isDecided());
        assertEquals(65535, sizer.size());
        assertEquals(Set.of(65535), outsideProbes.keySet(),
                () -> "only the fastest size waits with the probes, not the crawling ones: " + outsideProbes);
    }

    @Test
    void aStreamShorterThanTheSettlingStretchTimesOnlyOnce() {
        List<Integer> timed = new ArrayList<>();
        ChunkSizer sizer = new ChunkSizer(65535, true, clock::get, Map.of(), (size, rate) -> timed.add(size));
        // the first round takes some 3 MiB; the stretch after it is CONFIRM_AFTER more
        send(sizer, ChunkSizer.CONFIRM_AFTER + (2L << 20), size -> 100_000 + size);
        assertEquals(List.of(16384, 65535), timed, "64 KiB far ahead of 16 KiB: 4 KiB waits for the second round");
        assertEquals(65535, sizer.size());
        assertFalse(sizer.isDecided());
    }

    @Test
    void filesShorterThanTheSettlingStretchTimeEverySizeAgainOnceTheyComeToItTogether() {
        // a server on which 64 KiB blocks are quick while few wait in its socket (the first round's
        // probes) and slow once the stream keeps many there, though not so slow that a 4 MiB file's
        // stretch in them reaches CONFIRM_AFTER_NANOS; 4 KiB blocks go at one pace
        AtomicLong moved = new AtomicLong();
        IntToLongFunction quickThenCrawling = size -> {
            boolean early = moved.addAndGet(size) <= (3L << 20);
            return size == 65535 ? (early ? 50_000L : 13_500_000L) : size == 4096 ? 512_000L : 4_965_000L;
        };
        LearnedBlockSize learned = new LearnedBlockSize(clock::get);
        long file = 4L << 20;
        List<Integer> firstSizes = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            ChunkSizer sizer = new ChunkSizer(65535, true, clock::get, learned.forStreams(BOB, 16),
                    learned.recorder(BOB, 16));
            firstSizes.add(sizer.size());
            send(sizer, file, quickThenCrawling);
        }
        // the first file's round timed 16 KiB and 64 KiB, found 64 KiB far ahead and left 4 KiB to the
        // second round; the files after it added up to the stretch, the one that crossed it began to
        // time 64 KiB again, the next ones finished that (its pace now ranks it below 4 KiB), timed
        // 16 KiB again and 4 KiB for the first time, and chose 4 KiB
        assertEquals(List.of(16384, 65535, 65535, 65535, 65535, 65535, 65535, 65535), firstSizes);
        assertEquals(Set.of(4096, 16384, 65535), learned.forStreams(BOB, 16).rates().keySet());
        assertEquals(0, learned.forStreams(BOB, 16).settled(), "timed again: the next files do not time again");
        ChunkSizer next = new ChunkSizer(65535, true, clock::get, learned.forStreams(BOB, 16), learned.recorder(BOB, 16));
        assertTrue(next.isDecided(), "every size was timed again: later streams go on in the fastest");
        for (long sent = 0; sent < 2 * ChunkSizer.CONFIRM_AFTER; sent += 4096) {
            clock.addAndGet(ChunkSizer.CONFIRM_AFTER_NANOS / 100);
            assertEquals(-1, next.sent(next.size()), "no timing in it, however long it goes");
        }
        assertEquals(4096, next.size());
        clock.addAndGet(LearnedBlockSize.KEEP.toNanos());
        ChunkSizer afterAWhile = new ChunkSizer(65535, true, clock::get, learned.forStreams(BOB, 16), learned.recorder(BOB, 16));
        assertFalse(afterAWhile.isDecided(), "the timings forgotten, the sizes are timed afresh");
    }

    @Test
    void bytesSentAfterTheTimingsAreForgottenWithThem() {
        LearnedBlockSize learned = new LearnedBlockSize(clock::get);
        learned.recorder(BOB, 32).measured(4096, 1.0);
        learned.recorder(BOB, 32).settled(5L << 20);
        assertEquals(5L << 20, learned.forStreams(BOB, 32).settled());
        assertEquals(0, learned.forStreams(BOB, 16).settled(), "another window's streams");
        clock.addAndGet(LearnedBlockSize.KEEP.toNanos());
        assertEquals(0, learned.forStreams(BOB, 32).settled());
    }

    @Test
    void theSecondTimingTimesEverySizeAgain() {
        // an earlier stream found 4 KiB fastest, 64 KiB slowest; now the server is eight times slower
        Map<Integer, Double> learned = Map.of(4096, 8.0, 16384, 3.3, 65535, 1.7);
        Map<Integer, Double> timed = new java.util.HashMap<>();
        ChunkSizer sizer = new ChunkSizer(65535, true, clock::get, learned, timed::put);
        assertEquals(4096, sizer.size(), "it starts at the fastest it knows");
        IntToLongFunction slower = size -> size == 4096 ? 4096 : size == 16384 ? 40_000L : 300_000L;
        send(sizer, ChunkSizer.CONFIRM_AFTER + 3 * ChunkSizer.CONFIRM_PROBE_BYTES, slower);
        assertTrue(sizer.isDecided());
        assertEquals(4096, sizer.size());
        assertEquals(Set.of(4096, 16384, 65535), timed.keySet());
        assertEquals(65535.0 / 300_000, timed.get(65535), 0.01, () -> "64 KiB's rate is its new one: " + timed);
    }

    @Test
    void aSizeThatCrawlsIsTimedAgainAfterAWhileRatherThanAfterMegabytes() {
        ChunkSizer sizer = new ChunkSizer(65535, true, clock::get, Map.of(4096, 1.0, 16384, 1.0, 65535, 2.0),
                (size, rate) -> { });
        long sent = 0;
        while (sizer.sent(sizer.size()) < 0) {
            sent += 65535;
            clock.addAndGet(ChunkSizer.CONFIRM_AFTER_NANOS / 4); // a block every half second
            assertTrue(sent < ChunkSizer.CONFIRM_AFTER / 8, () -> "still no timing after " + sizer);
        }
        assertEquals(5 * 65535, sent, "the block sent after two seconds in 64 KiB blocks starts the timing");
    }

    @Test
    void onASlowServerASizeIsTimedAgainForHalfASecondRatherThanFourMegabytes() {
        Map<Integer, Long> sentInRoundTwo = new java.util.HashMap<>();
        List<Integer> timed = new ArrayList<>();
        ChunkSizer sizer = new ChunkSizer(65535, true, clock::get, Map.of(4096, 0.001, 16384, 0.001, 65535, 0.002),
                (size, rate) -> timed.add(size));
        for (int i = 0; i < 100_000 && !sizer.isDecided(); i++) {
            int size = sizer.size();
            int probe = sizer.sent(size);
            if (probe >= 0) {
                sentInRoundTwo.merge(size, (long) size, Long::sum);
            }
            clock.addAndGet(PACKAGED_READ_SIZE.applyAsLong(size));
            sizer.acknowledged(probe, size);
        }
        assertEquals(List.of(65535, 16384, 4096), timed);
        assertEquals(4096, sizer.size());
        // 64 KiB blocks at 1.6 MiB/s: a megabyte takes more than half a second; 16 KiB at 3.1 MiB/s
        assertTrue(sentInRoundTwo.get(65535) <= ChunkSizer.PROBE_MIN_BYTES + 2 * 65535, sentInRoundTwo::toString);
        long halfASecondOfSixteen = ChunkSizer.CONFIRM_PROBE_NANOS / PACKAGED_READ_SIZE.applyAsLong(16384) * 16384;
        assertEquals(halfASecondOfSixteen, sentInRoundTwo.get(16384), 2 * 16384, sentInRoundTwo::toString);
    }

    @Test
    void aSizeTimedAgainRightAfterAWindowOfCrawlingBlocksGetsItsOwnPace() {
        // Prosody's packaged read size, as an earlier cold stream misjudged it: 64 KiB ranked first and
        // 4 KiB second, so the second timing's 4 KiB blocks queue behind 64 blocks of 64 KiB, two and
        // a half seconds of them
        Map<Integer, Double> timed = new java.util.HashMap<>();
        ChunkSizer sizer = new ChunkSizer(65535, true, clock::get,
                Map.of(4096, 0.0030, 16384, 0.0020, 65535, 0.0036), timed::put);
        sendThrough(sizer, 48L << 20, 64, 100_000, PACKAGED_READ_SIZE);
        assertTrue(sizer.isDecided());
        assertEquals(4096, sizer.size());
        double pace = 4096.0 / PACKAGED_READ_SIZE.applyAsLong(4096);
        assertEquals(pace, timed.get(4096), pace * 0.05, () -> "timed again: " + timed);
    }

    @Test
    void acknowledgementsThatCameAllAtOnceTellNoPace() {
        List<Double> rates = new ArrayList<>();
        ChunkSizer sizer = new ChunkSizer(65535, true, clock::get, Map.of(4096, 2.0, 16384, 1.0, 65535, 0.5),
                (size, rate) -> rates.add(rate));
        send(sizer, ChunkSizer.CONFIRM_AFTER, size -> 1_000);
        // the second timing's first probe: every block out, then every acknowledgement in one instant
        List<Integer> probes = new ArrayList<>();
        long start = clock.get();
        for (long out = 0; out < ChunkSizer.CONFIRM_PROBE_BYTES; out += 4096) {
            probes.add(sizer.sent(sizer.size()));
            clock.addAndGet(1_000_000);
        }
        long whole = clock.get() - start;
        probes.forEach(probe -> sizer.acknowledged(probe, 4096));
        assertEquals(1, rates.size());
        assertEquals((double) ChunkSizer.CONFIRM_PROBE_BYTES / whole, rates.get(0),
                rates.get(0) * 1e-9, "the whole probe's time, not the instant of its acknowledgements");
    }

    @Test
    void aBlockSizedBeforeItsProbeBeganDoesNotCountForIt() {
        ChunkSizer sizer = fresh(65535, true);
        assertEquals(16384, sizer.size());
        assertEquals(-1, sizer.sent(65535), "a block of another size is no part of the 16 KiB probe");
        assertTrue(sizer.sent(16384) >= 0);
    }

    @Test
    void aLateAcknowledgementOfTheFirstRoundDoesNotCountForTheSecond() {
        List<Integer> timed = new ArrayList<>();
        ChunkSizer sizer = new ChunkSizer(65535, true, clock::get, Map.of(), (size, rate) -> timed.add(size));
        int lastOfFirstRound = -1;
        int confirming = -1;
        for (int i = 0; i < 100_000 && confirming < 0; i++) {
            int size = sizer.size();
            int probe = sizer.sent(size);
            clock.addAndGet(100_000 + size);
            if (timed.size() < 3) {
                lastOfFirstRound = Math.max(lastOfFirstRound, probe);
            } else if (probe >= 0) {
                confirming = probe; // the second round's first block: left unacknowledged
                break;
            }
            sizer.acknowledged(probe, size);
        }
        assertTrue(confirming > lastOfFirstRound, "probe numbers go on across rounds");
        // the rest of the second round's first probe goes out, none of it acknowledged yet
        int timedAgain = sizer.size();
        while (sizer.sent(timedAgain) == confirming) {
            clock.addAndGet(1);
        }
        for (int old = 0; old <= lastOfFirstRound; old++) {
            sizer.acknowledged(old, 1 << 30);
        }
        assertEquals(3, timed.size(), "the first round's acknowledgements completed nothing: " + timed);
        sizer.acknowledged(confirming, 1 << 30);
        assertEquals(4, timed.size(), "its own acknowledgements complete it");
    }

    @Test
    void whatOneWindowLearnedDoesNotDecideForAnother() {
        LearnedBlockSize learned = new LearnedBlockSize(clock::get);
        learned.recorder(BOB, 16).measured(4096, 5.0);
        learned.recorder(BOB, 16).measured(16384, 1.0);
        learned.recorder(BOB, 16).measured(65535, 1.0);
        assertEquals(4096, new ChunkSizer(65535, true, clock::get, learned.forStreams(BOB, 16), (s, r) -> { }).size());
        ChunkSizer stopAndWait = new ChunkSizer(65535, true, clock::get, learned.forStreams(BOB, 1), (s, r) -> { });
        assertFalse(stopAndWait.isDecided(), "window 1 has not been timed yet");
    }

    @Test
    void whatOnePeersAcknowledgementsTimedDecidesOnlyStreamsToThatPeer() {
        // a peer that acknowledges 4 KiB blocks at once and the others late makes 4 KiB look fastest
        LearnedBlockSize learned = new LearnedBlockSize(clock::get);
        Jid mallory = JidCreate.fromOrThrowUnchecked("mallory@localhost/m");
        learned.recorder(mallory, 16).measured(4096, 50.0);
        learned.recorder(mallory, 16).measured(16384, 0.1);
        learned.recorder(mallory, 16).measured(65535, 0.1);
        learned.recorder(mallory, 16).settled(ChunkSizer.CONFIRM_AFTER);
        learned.recorder(mallory, 16).confirmed(4096);
        ChunkSizer toMallory = new ChunkSizer(65535, true, clock::get, learned.forStreams(mallory, 16),
                (s, r) -> { });
        assertTrue(toMallory.isDecided());
        assertEquals(4096, toMallory.size());

        ChunkSizer toBob = new ChunkSizer(65535, true, clock::get, learned.forStreams(BOB, 16), (s, r) -> { });
        assertFalse(toBob.isDecided(), "nothing timed towards bob yet: his stream times its own");
        assertEquals(Map.of(), learned.forStreams(BOB, 16).rates());
        Jid malloryElsewhere = JidCreate.fromOrThrowUnchecked("Mallory@LOCALHOST/laptop");
        assertEquals(4096, new ChunkSizer(65535, true, clock::get, learned.forStreams(malloryElsewhere, 16),
                (s, r) -> { }).size(), "the same account (bare JIDs ignore case) from another resource");
    }

    @Test
    void aSmallerNegotiatedSizeOnlyUsesTheTimedSizesThatFit() {
        LearnedBlockSize learned = new LearnedBlockSize(clock::get);
        learned.recorder(BOB, 32).measured(4096, 1.0);
        learned.recorder(BOB, 32).measured(16384, 2.0);
        learned.recorder(BOB, 32).measured(65535, 9.0);
        // the peer allows 8192: 4096 was timed, 8192 (its own size) not yet
        ChunkSizer sizer = new ChunkSizer(8192, true, clock::get, learned.forStreams(BOB, 32), (s, r) -> { });
        assertFalse(sizer.isDecided());
        assertEquals(8192, sizer.size());
    }

    @Test
    void learnedProbesAreForgottenAfterAWhile() {
        LearnedBlockSize learned = new LearnedBlockSize(clock::get);
        learned.recorder(BOB, 32).measured(4096, 1.0);
        assertEquals(Map.of(4096, 1.0), learned.forStreams(BOB, 32).rates());
        clock.addAndGet(LearnedBlockSize.KEEP.toNanos());
        assertEquals(Map.of(), learned.forStreams(BOB, 32).rates());
    }
}
