package io.sift.filetransfer.internal;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Gets SHA-256 and MD5 compiled before the first transfer needs them, on a low-priority background
 * thread started with file transfer. Only the JIT's optimizing compiler uses the CPU's SHA
 * instructions; until it has compiled the hash loop, a JVM hashes some 40 times slower (about
 * 100 µs per 4 KiB against 3). A hash loop made hot once and left is no good: while a fresh process
 * starts, the compiler has a queue of other methods, and drops a queued method that has not run for
 * a while. A fresh receiver of 32 streams at once whose hash loop was dropped so hashed in that slow
 * code for seconds, and used twice the CPU it used otherwise. So the warm-up hashes 4 KiB at a time,
 * as the copy loops' hashing does (a direct buffer goes through the digest in 4 KiB pieces), until
 * the compiled code runs: {@value #FAST_IN_A_ROW} pieces in a row under {@value #FAST_NANOS} ns each,
 * or {@value #GIVE_UP_SECONDS} s at most. A JVM started without its optimizing compiler
 * ({@code -Xint}, {@code -XX:TieredStopAtLevel} below 4) will never get there: it is not warmed up.
 */
final class HashWarmUp implements Runnable {

    static final int PIECE = 4096;
    static final long FAST_NANOS = 20_000;
    static final int FAST_IN_A_ROW = 16;
    static final long GIVE_UP_SECONDS = 20;

    static void start() {
        Thread thread = new Thread(new HashWarmUp(), "sift-hash-warm-up");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
    }

    @Override
    public void run() {
        if (!optimizingCompilerRuns(jvmArguments())) {
            return; // the slow code is all this JVM will have: waiting for faster code would only burn a core
        }
        ByteBuffer piece = ByteBuffer.allocateDirect(PIECE);
        for (MessageDigest digest : new MessageDigest[] {Digests.sha256(), Digests.md5()}) {
            untilFast(() -> digest.update(piece.clear()), System::nanoTime);
        }
    }

    /** Whether a JVM started with these arguments compiles hot code with its optimizing compiler (C2). */
    static boolean optimizingCompilerRuns(List<String> jvmArguments) {
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
     * Runs the step until it takes less than {@link #FAST_NANOS} {@link #FAST_IN_A_ROW} times in a
     * row, or until {@link #GIVE_UP_SECONDS} have passed.
     *
     * @return whether the step became fast
     */
    static boolean untilFast(Runnable step, LongSupplier nanoClock) {
        long start = nanoClock.getAsLong();
        long giveUp = TimeUnit.SECONDS.toNanos(GIVE_UP_SECONDS);
        int fast = 0;
        while (fast < FAST_IN_A_ROW) {
            long before = nanoClock.getAsLong();
            if (before - start > giveUp) {
                return false;
            }
            step.run();
            fast = nanoClock.getAsLong() - before < FAST_NANOS ? fast + 1 : 0;
        }
        return true;
    }
}
