package io.sift.ibb.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntToLongFunction;

import org.junit.jupiter.api.Test;

class ChunkSizerTest {

    private final AtomicLong clock = new AtomicLong(1_000);

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
        int first = sizer.sent(4096);
        sizer.acknowledged(first + 5, 4096); // no such probe
        assertFalse(sizer.isDecided());
        assertEquals(4096, sizer.size());
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
            ChunkSizer sizer = new ChunkSizer(65535, true, clock::get, learned.forWindow(16),
                    (size, rate) -> learned.measured(16, size, rate));
            firstSizes.add(sizer.size());
            send(sizer, oneMiB, bigBlocksWin);
        }
        // each 1 MiB file times the next candidate; the fourth starts at the fastest
        assertEquals(List.of(4096, 16384, 65535, 65535), firstSizes);
        assertEquals(Set.of(4096, 16384, 65535), learned.forWindow(16).keySet());
        ChunkSizer next = new ChunkSizer(65535, true, clock::get, learned.forWindow(16), (size, rate) -> { });
        assertTrue(next.isDecided());
        assertEquals(65535, next.size());
    }

    @Test
    void whatOneWindowLearnedDoesNotDecideForAnother() {
        LearnedBlockSize learned = new LearnedBlockSize(clock::get);
        learned.measured(16, 4096, 5.0);
        learned.measured(16, 16384, 1.0);
        learned.measured(16, 65535, 1.0);
        assertEquals(4096, new ChunkSizer(65535, true, clock::get, learned.forWindow(16), (s, r) -> { }).size());
        ChunkSizer stopAndWait = new ChunkSizer(65535, true, clock::get, learned.forWindow(1), (s, r) -> { });
        assertFalse(stopAndWait.isDecided(), "window 1 has not been timed yet");
    }

    @Test
    void aSmallerNegotiatedSizeOnlyUsesTheTimedSizesThatFit() {
        LearnedBlockSize learned = new LearnedBlockSize(clock::get);
        learned.measured(32, 4096, 1.0);
        learned.measured(32, 16384, 2.0);
        learned.measured(32, 65535, 9.0);
        // the peer allows 8192: 4096 was timed, 8192 (its own size) not yet
        ChunkSizer sizer = new ChunkSizer(8192, true, clock::get, learned.forWindow(32), (s, r) -> { });
        assertFalse(sizer.isDecided());
        assertEquals(8192, sizer.size());
    }

    @Test
    void learnedProbesAreForgottenAfterAWhile() {
        LearnedBlockSize learned = new LearnedBlockSize(clock::get);
        learned.measured(32, 4096, 1.0);
        assertEquals(Map.of(4096, 1.0), learned.forWindow(32));
        clock.addAndGet(LearnedBlockSize.KEEP.toNanos());
        assertEquals(Map.of(), learned.forWindow(32));
    }
}
