package io.sift.filetransfer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/**
 * The warm-up shows the digests every shape of input, hashes until the hash is fast, a slow piece
 * starts the count again, and it gives up in time.
 */
class HashWarmUpTest {

    /** A clock that the step moves on: each step takes what the plan says, in nanoseconds. */
    private static final class Plan {
        final AtomicLong now = new AtomicLong();
        final AtomicInteger steps = new AtomicInteger();
        final long[] durations;

        Plan(long... durations) {
            this.durations = durations;
        }

        void step() {
            int i = steps.getAndIncrement();
            now.addAndGet(i < durations.length ? durations[i] : durations[durations.length - 1]);
        }
    }

    private static final long SLOW = 100_000;
    private static final long FAST = 3_000;

    @Test
    void stopsOnceTheHashIsFastEnoughTimesInARow() {
        Plan plan = new Plan(SLOW, SLOW, SLOW, FAST);
        assertTrue(HashWarmUp.untilFast(plan::step, plan.now::get));
        assertEquals(3 + HashWarmUp.FAST_IN_A_ROW, plan.steps.get());
    }

    @Test
    void aSlowPieceAmongFastOnesStartsTheCountAgain() {
        long[] durations = new long[HashWarmUp.FAST_IN_A_ROW + 2];
        java.util.Arrays.fill(durations, FAST);
        durations[HashWarmUp.FAST_IN_A_ROW - 1] = SLOW; // the last of a would-be full run
        durations[durations.length - 1] = FAST;
        Plan plan = new Plan(durations);
        assertTrue(HashWarmUp.untilFast(plan::step, plan.now::get));
        assertEquals(2 * HashWarmUp.FAST_IN_A_ROW, plan.steps.get());
    }

    @Test
    void givesUpWhenTheHashNeverGetsFast() {
        Plan plan = new Plan(SLOW);
        assertFalse(HashWarmUp.untilFast(plan::step, plan.now::get));
        long limit = TimeUnit.SECONDS.toNanos(HashWarmUp.GIVE_UP_SECONDS);
        assertTrue(plan.now.get() > limit && plan.now.get() <= limit + 2 * SLOW, "stopped at the limit");
    }

    /** Records each piece it is given (its length, and whether it came from a direct buffer) and its ends. */
    private static final class RecordingDigest extends MessageDigest {
        final List<Integer> lengths = new ArrayList<>();
        final List<Boolean> direct = new ArrayList<>();
        int ends;

        RecordingDigest() {
            super("recording");
        }

        @Override
        protected void engineUpdate(ByteBuffer input) {
            lengths.add(input.remaining());
            direct.add(input.isDirect());
            input.position(input.limit());
        }

        @Override
        protected void engineUpdate(byte input) {
            throw new AssertionError("pieces come as buffers");
        }

        @Override
        protected void engineUpdate(byte[] input, int offset, int len) {
            throw new AssertionError("pieces come as buffers");
        }

        @Override
        protected byte[] engineDigest() {
            ends++;
            return new byte[0];
        }

        @Override
        protected void engineReset() {
        }
    }

    @Test
    void digestsSeeEveryShapeOfPieceFromBothKindsOfBufferAndFreshDigestsTakeOver() {
        List<RecordingDigest> made = new ArrayList<>();
        HashWarmUp.showEveryShape(() -> {
            List<MessageDigest> pair = List.of(new RecordingDigest(), new RecordingDigest());
            pair.forEach(d -> made.add((RecordingDigest) d));
            return pair;
        }, ByteBuffer.allocateDirect(HashWarmUp.PIECE), ByteBuffer.allocate(HashWarmUp.PIECE));

        List<Integer> lengths = new ArrayList<>();
        List<Boolean> direct = new ArrayList<>();
        for (int i = 0; i < made.size(); i += 2) {
            RecordingDigest first = made.get(i);
            RecordingDigest second = made.get(i + 1);
            assertEquals(first.lengths, second.lengths, "every algorithm gets the same pieces");
            assertEquals(1, first.ends, "each digest ends once, as a transfer's does");
            assertTrue(first.lengths.size() <= HashWarmUp.ROUNDS_PER_DIGEST);
            lengths.addAll(first.lengths);
            direct.addAll(first.direct);
        }
        assertTrue(made.size() / 2 > 1, "fresh digests took over");
        assertEquals(HashWarmUp.SHAPING_ROUNDS, lengths.size());
        assertTrue(lengths.contains(HashWarmUp.PIECE), "whole pieces");
        assertTrue(lengths.stream().anyMatch(n -> n % 64 != 0 && n > 64), "a block and part of the next");
        assertTrue(lengths.stream().anyMatch(n -> n < 64), "part of a block");
        assertTrue(lengths.stream().allMatch(n -> n > 0 && n <= HashWarmUp.PIECE));
        for (int length : List.of(HashWarmUp.PIECE, HashWarmUp.PIECE - 3, 61, 7)) {
            for (boolean isDirect : List.of(true, false)) {
                boolean seen = false;
                for (int i = 0; i < lengths.size(); i++) {
                    seen |= lengths.get(i) == length && direct.get(i) == isDirect;
                }
                assertTrue(seen, length + " bytes from a " + (isDirect ? "direct" : "heap") + " buffer");
            }
        }
    }

    @Test
    void aJvmWithoutItsOptimizingCompilerIsNotWarmedUp() {
        assertTrue(HashWarmUp.optimizingCompilerRuns(List.of("-Xmx64m", "-XX:+UseSerialGC")));
        assertTrue(HashWarmUp.optimizingCompilerRuns(List.of("-XX:TieredStopAtLevel=4")));
        assertTrue(HashWarmUp.optimizingCompilerRuns(List.of("-XX:-TieredCompilation")), "C2 alone");
        assertFalse(HashWarmUp.optimizingCompilerRuns(List.of("-XX:TieredStopAtLevel=1")));
        assertFalse(HashWarmUp.optimizingCompilerRuns(List.of("-Xms8m", "-Xint")));
    }
}
