package io.sift.filetransfer.internal;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.sift.common.CompiledCode;

/**
 * Gets SHA-256 and MD5 compiled before the first transfer needs them, on a low-priority background
 * thread started with file transfer. Only the JIT's optimizing compiler uses the CPU's SHA
 * instructions; until it has compiled the hash loop, a JVM hashes some 40 times slower (about
 * 100 µs per 4 KiB against 3). A hash loop made hot once and left is no good: while a fresh process
 * starts, the compiler has a queue of other methods, and drops a queued method that has not run for
 * a while. A fresh receiver of 32 streams at once whose hash loop was dropped so hashed in that slow
 * code for seconds, and used twice the CPU it used otherwise. So the warm-up hashes 4 KiB at a time,
 * as the copy loops' hashing does (a direct buffer goes through the digest in 4 KiB pieces), until
 * the compiled code runs: {@value CompiledCode#FAST_IN_A_ROW} pieces in a row under {@value #FAST_NANOS} ns each,
 * or {@value #GIVE_UP_SECONDS} s at most. A JVM started without its optimizing compiler
 * ({@code -Xint}, {@code -XX:TieredStopAtLevel} below 4) will never get there: it is not warmed up.
 *
 * <p>Before that, the JDK's digest code is shown every shape of input it will get: the compiler
 * builds its code for what the method has seen, and throws it away at the first thing it has not.
 * Socket reads end anywhere, so pieces that leave part of a block in the digest's buffer come along
 * with whole ones; pieces come from direct buffers (the copy loops) and from heap buffers (a local
 * file's hash is read into one);
 * digests end and new ones start, as each transfer has its own; and the account's login (SCRAM) and
 * entity capabilities run SHA-1 through the same code thousands of times, so SHA-1 goes along with
 * SHA-256 and MD5. Without this, the hash code that a receiver compiled during its login was
 * thrown away at its first transfer in three runs of four, and compiled again only seconds later,
 * behind the compiler's queue, while 32 streams hashed in the slower code.
 */
final class HashWarmUp implements Runnable {

    static final int PIECE = 4096;
    static final long FAST_NANOS = 20_000;
    static final long GIVE_UP_SECONDS = 20;
    /**
     * Whole pieces, and pieces that end inside a 64-byte block, as socket reads do. An odd number of
     * them, so that taking direct and heap buffers by turns gives each length both kinds.
     */
    private static final List<Integer> SHAPES = List.of(PIECE, PIECE - 3, 61, PIECE, 7);
    /**
     * Past the 5000 or so calls after which the optimizing compiler takes a method when its queue is
     * short (later when it is long: then the timed pieces below wait for it). Every shape comes every
     * ten rounds, so whenever it takes the method, it has seen them all. A JVM whose thresholds are
     * scaled (bin/sift gives {@code -XX:CompileThresholdScaling=3}) takes it only in the timed pieces;
     * the profile it compiles from still holds every shape, gathered here from the first compilation on.
     */
    static final int SHAPING_ROUNDS = 6000;
    /** Rounds that one set of digests gets before it ends and fresh ones take over, as transfers do. */
    static final int ROUNDS_PER_DIGEST = 64;

    static void start() {
        Thread thread = new Thread(new HashWarmUp(), "sift-hash-warm-up");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
    }

    @Override
    public void run() {
        if (!CompiledCode.optimizingCompilerRuns()) {
            return; // the slow code is all this JVM will have: waiting for faster code would only burn a core
        }
        ByteBuffer piece = ByteBuffer.allocateDirect(PIECE);
        showEveryShape(HashWarmUp::allDigests, piece, ByteBuffer.allocate(PIECE));
        for (MessageDigest digest : List.of(Digests.sha256(), Digests.md5())) {
            CompiledCode.untilFast(() -> digest.update(piece.clear()), System::nanoTime, FAST_NANOS,
                    TimeUnit.SECONDS.toNanos(GIVE_UP_SECONDS), Long.MAX_VALUE);
        }
    }

    /**
     * Feeds digests {@value #SHAPING_ROUNDS} pieces of the {@link #SHAPES} lengths in turn, from a
     * direct buffer (as the copy loops hash) and from a heap buffer (as a local file's hash is read)
     * by turns. Every {@value #ROUNDS_PER_DIGEST} rounds the digests end and fresh ones take over, as
     * each transfer starts its own.
     *
     * @param fresh new digests of every algorithm to warm up
     */
    static void showEveryShape(Supplier<List<MessageDigest>> fresh, ByteBuffer direct, ByteBuffer heap) {
        List<MessageDigest> digests = fresh.get();
        for (int round = 0; round < SHAPING_ROUNDS; round++) {
            if (round > 0 && round % ROUNDS_PER_DIGEST == 0) {
                digests.forEach(MessageDigest::digest);
                digests = fresh.get();
            }
            ByteBuffer piece = round % 2 == 0 ? direct : heap;
            int length = Math.min(piece.capacity(), SHAPES.get(round % SHAPES.size()));
            for (MessageDigest digest : digests) {
                digest.update(piece.clear().limit(length));
            }
        }
        digests.forEach(MessageDigest::digest);
    }

    /** SHA-256 and MD5, and SHA-1 when the runtime has it (the login's SCRAM uses it if so). */
    private static List<MessageDigest> allDigests() {
        List<MessageDigest> all = new ArrayList<>(List.of(Digests.sha256(), Digests.md5()));
        try {
            all.add(MessageDigest.getInstance("SHA-1"));
        } catch (NoSuchAlgorithmException e) {
            // then nothing else runs it through the same code either
        }
        return all;
    }
}
