package io.sift.common;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Waiting for the JIT's optimizing compiler (C2), which alone turns some of the JDK's loops into the
 * CPU's vector and SHA instructions: whether this JVM runs that compiler at all, and running a step
 * until it has been compiled, told by the step's own time.
 */
public final class CompiledCode {

    /** How many times in a row a step must be fast to count as compiled. */
    public static final int FAST_IN_A_ROW = 16;

    private CompiledCode() {
    }

    /** Whether this JVM compiles hot code with its optimizing compiler. */
    public static boolean optimizingCompilerRuns() {
        return optimizingCompilerRuns(jvmArguments());
    }

    /** Whether a JVM started with these arguments compiles hot code with its optimizing compiler (C2). */
    public static boolean optimizingCompilerRuns(List<String> jvmArguments) {
        for (String argument : jvmArguments) {
            if (argument.equals("-Xint") || argument.matches("-XX:TieredStopAtLevel=[0-3]")) {
                return false;
            }
        }
        return true;
    }

    private static List<String> jvmArguments() {
        try {
            return ManagementFactory.getRuntimeMXBean().getInputArguments();
        } catch (LinkageError | SecurityException noManagement) {
            return List.of(); // a runtime without java.management: assume the usual JIT
        }
    }

    /**
     * Runs the step until it takes less than {@code fastNanos} {@link #FAST_IN_A_ROW} times in a row
     * (one slow run, say while the thread waited for a core, starts the count again), or until
     * {@code giveUpNanos} have passed, or {@code maxSteps} steps have run.
     *
     * @return whether the step became fast
     */
    public static boolean untilFast(Runnable step, LongSupplier nanoClock, long fastNanos, long giveUpNanos,
            long maxSteps) {
        long start = nanoClock.getAsLong();
        int fast = 0;
        for (long steps = 0; fast < FAST_IN_A_ROW; steps++) {
            long before = nanoClock.getAsLong();
            if (before - start > giveUpNanos || steps >= maxSteps) {
                return false;
            }
            step.run();
            fast = nanoClock.getAsLong() - before < fastNanos ? fast + 1 : 0;
        }
        return true;
    }
}
