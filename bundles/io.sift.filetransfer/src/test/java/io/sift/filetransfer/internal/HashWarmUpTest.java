package io.sift.filetransfer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/** The warm-up hashes until the hash is fast, a slow piece starts the count again, and it gives up in time. */
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

    @Test
    void aJvmWithoutItsOptimizingCompilerIsNotWarmedUp() {
        assertTrue(HashWarmUp.optimizingCompilerRuns(List.of("-Xmx64m", "-XX:+UseSerialGC")));
        assertTrue(HashWarmUp.optimizingCompilerRuns(List.of("-XX:TieredStopAtLevel=4")));
        assertTrue(HashWarmUp.optimizingCompilerRuns(List.of("-XX:-TieredCompilation")), "C2 alone");
        assertFalse(HashWarmUp.optimizingCompilerRuns(List.of("-XX:TieredStopAtLevel=1")));
        assertFalse(HashWarmUp.optimizingCompilerRuns(List.of("-Xms8m", "-Xint")));
    }
}
