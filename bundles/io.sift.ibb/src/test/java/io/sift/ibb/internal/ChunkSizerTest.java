package io.sift.ibb.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntToLongFunction;

import org.junit.jupiter.api.Test;

class ChunkSizerTest {

    private final AtomicLong clock = new AtomicLong(1_000);

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
        ChunkSizer sizer = new ChunkSizer(65535, true, clock::get);
        assertEquals(65535, decide(sizer, size -> 100_000 + size));
    }

    @Test
    void aServerThatChokesOnBigStanzasGetsSmallBlocks() {
        // a stanza above 4 KiB costs an extra millisecond per 8 KiB (Prosody's packaged read size)
        ChunkSizer sizer = new ChunkSizer(65535, true, clock::get);
        assertEquals(4096, decide(sizer, size -> 50_000 + size + (size > 4096 ? (size / 8192 + 1) * 1_000_000L : 0)));
    }

    @Test
    void probesStartSmallAndStayWithinTheNegotiatedSize() {
        ChunkSizer sizer = new ChunkSizer(10_000, true, clock::get);
        assertEquals(4096, sizer.size());
        int probe = sizer.sent(4096);
        assertEquals(0, probe);
        sizer.acknowledged(probe, 4096);
        // a negotiated size below 16 KiB leaves 4 KiB and the negotiated size itself
        assertEquals(10_000, decide(sizer, size -> 1_000 + size / 1000));
    }

    @Test
    void withoutAdaptationTheNegotiatedSizeIsUsedFromTheStart() {
        ChunkSizer sizer = new ChunkSizer(4096, false, clock::get);
        assertTrue(sizer.isDecided());
        assertEquals(4096, sizer.size());
        assertEquals(-1, sizer.sent(4096));
    }

    @Test
    void lateAcknowledgementsOfAnEarlierProbeDoNotCount() {
        ChunkSizer sizer = new ChunkSizer(65535, true, clock::get);
        int first = sizer.sent(4096);
        sizer.acknowledged(first + 5, 4096); // no such probe
        assertFalse(sizer.isDecided());
        assertEquals(4096, sizer.size());
    }
}
