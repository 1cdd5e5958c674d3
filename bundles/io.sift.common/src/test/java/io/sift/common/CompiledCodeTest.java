package io.sift.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/** A step runs until it is fast enough times in a row, a slow run starts the count again, and it gives up in time. */
class CompiledCodeTest {

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
    private static final long FAST_ENOUGH = 20_000;
    private static final long GIVE_UP = TimeUnit.SECONDS.toNanos(20);

    @Test
    void stopsOnceTheStepIsFastEnoughTimesInARow() {
        Plan plan = new Plan(SLOW, SLOW, SLOW, FAST);
        assertTrue(CompiledCode.untilFast(plan::step, plan.now::get, FAST_ENOUGH, GIVE_UP, Long.MAX_VALUE));
        assertEquals(3 + CompiledCode.FAST_IN_A_ROW, plan.steps.get());
    }

    @Test
    void aSlowRunAmongFastOnesStartsTheCountAgain() {
        long[] durations = new long[CompiledCode.FAST_IN_A_ROW + 2];
        java.util.Arrays.fill(durations, FAST);
        durations[CompiledCode.FAST_IN_A_ROW - 1] = SLOW; // the last of a would-be full run
        durations[durations.length - 1] = FAST;
        Plan plan = new Plan(durations);
        assertTrue(CompiledCode.untilFast(plan::step, plan.now::get, FAST_ENOUGH, GIVE_UP, Long.MAX_VALUE));
        assertEquals(2 * CompiledCode.FAST_IN_A_ROW, plan.steps.get());
    }

    @Test
    void givesUpWhenTheStepNeverGetsFast() {
        Plan plan = new Plan(SLOW);
        assertFalse(CompiledCode.untilFast(plan::step, plan.now::get, FAST_ENOUGH, GIVE_UP, Long.MAX_VALUE));
        long limit = GIVE_UP;
        assertTrue(plan.now.get() > limit && plan.now.get() <= limit + 2 * SLOW, "stopped at the limit");
    }

    @Test
    void givesUpAfterSoManyStepsHoweverLittleTimeTheyTook() {
        Plan plan = new Plan(FAST_ENOUGH); // never fast enough, and never near the time limit
        assertFalse(CompiledCode.untilFast(plan::step, plan.now::get, FAST_ENOUGH, GIVE_UP, 100));
        assertEquals(100, plan.steps.get());
    }

    @Test
    void aJvmWithoutItsOptimizingCompilerNeverCompilesOptimized() {
        assertTrue(CompiledCode.optimizingCompilerRuns(List.of("-Xmx64m", "-XX:+UseSerialGC")));
        assertTrue(CompiledCode.optimizingCompilerRuns(List.of("-XX:TieredStopAtLevel=4")));
        assertTrue(CompiledCode.optimizingCompilerRuns(List.of("-XX:-TieredCompilation")), "C2 alone");
        assertFalse(CompiledCode.optimizingCompilerRuns(List.of("-XX:TieredStopAtLevel=1")));
        assertFalse(CompiledCode.optimizingCompilerRuns(List.of("-Xms8m", "-Xint")));
    }
}
