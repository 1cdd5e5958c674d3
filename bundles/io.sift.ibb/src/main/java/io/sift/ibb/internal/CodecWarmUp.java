package io.sift.ibb.internal;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.sift.common.CompiledCode;

/**
 * Gets a stream's side of the in-band codec compiled by the JIT's optimizing compiler when the first
 * stream of that side starts, on a low-priority background thread: the encoder when this process
 * first sends in-band, the decoder when it first receives. A stream encodes or decodes each block
 * with one call into the JDK's base64 and ISO-8859-1 coders, whose loops only the optimizing
 * compiler turns into vector code (a 64 KiB block in about 1 µs against 37 in the code before it).
 * That compiler takes a method after some thousands of calls (15 000 with {@code bin/sift}'s scaled
 * thresholds), however many bytes each call moved: at a call per 64 KiB, no in-band transfer of a
 * fresh process got there, and 256 MiB cost the sender some 0.3 s and the receiver 0.5 s of CPU in
 * the slower code.
 *
 * <p>So the warm-up makes those calls itself: {@value #SHAPING_ROUNDS} small blocks, cheap each,
 * through a {@link BlockEncoder} or a {@link Base64Block} as a stream's, in every shape a stream's
 * blocks take: the three endings of base64 (no padding, one '=', two), from a whole array, from part
 * of one and from part of a direct buffer (where a sender's file blocks come from), and as the string
 * the XML parser hands a receiver. The compiler builds its code for what a method has seen, and
 * throws it away at the first thing it has not, so a block of {@value #TIMED_BLOCK} bytes then goes
 * through until that runs as fast as compiled code does (under {@value #FAST_NANOS} ns,
 * {@value CompiledCode#FAST_IN_A_ROW} times in a row): without it, the code compiled from the small
 * blocks was thrown away at the stream's first big one and compiled again only thousands of blocks
 * later. A CPU on which even the compiled code is slower than that stops after
 * {@value #MAX_TIMED_BLOCKS} blocks, which would take 40-65 ms here in the code before compilation.
 * A JVM without the optimizing compiler is not warmed up at all. Here the warm-up took 80 ms of CPU
 * to encode and 105 to decode.
 */
final class CodecWarmUp {

    /** Which part of the codec a stream uses. */
    enum Side {
        SENDING,
        RECEIVING
    }

    /** Bytes in the small blocks: 48, 46 and 47 end in no padding, two '=' and one. */
    static final List<Integer> SHAPES = List.of(48, 46, 47);
    /** Past the calls after which the optimizing compiler takes a method, thresholds scaled by 3 or not. */
    static final int SHAPING_ROUNDS = 18_000;
    static final int TIMED_BLOCK = 4096;
    /**
     * Compiled, a 2-core EPYC with AVX-512 encoded the timed block in 0.25 µs and decoded it in 0.7,
     * against 3.7 and 6.5 µs in the code before.
     */
    static final long FAST_NANOS = 1_500;
    /**
     * A CPU without the JDK's vector base64 (AVX-512 on x86) may never get under {@link #FAST_NANOS}:
     * it stops after this many timed blocks (the compiler took these coders after 5000-6500 here), or
     * after {@link #GIVE_UP_MILLIS} on a machine too busy to run them, and leaves the rest to the
     * stream's own calls.
     */
    static final int MAX_TIMED_BLOCKS = 10_000;
    static final long GIVE_UP_MILLIS = 1_000;

    private final AtomicBoolean sending = new AtomicBoolean();
    private final AtomicBoolean receiving = new AtomicBoolean();

    /** Starts the warm-up of {@code side} on its thread, the first time only: compiled code serves later streams. */
    void startOnce(Side side) {
        AtomicBoolean started = side == Side.SENDING ? sending : receiving;
        if (!started.compareAndSet(false, true)) {
            return;
        }
        Thread thread = new Thread(() -> run(side), "sift-ibb-warm-up");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
    }

    private static void run(Side side) {
        if (!CompiledCode.optimizingCompilerRuns()) {
            return; // the slow code is all this JVM will have
        }
        try {
            Rounds rounds = new Rounds(new Random(47));
            boolean sends = side == Side.SENDING;
            for (int round = 0; round < SHAPING_ROUNDS; round++) {
                if (sends) {
                    rounds.encodeSmall(round);
                } else {
                    rounds.decodeSmall(round);
                }
            }
            CompiledCode.untilFast(sends ? rounds::encodeTimed : rounds::decodeTimed, System::nanoTime, FAST_NANOS,
                    TimeUnit.MILLISECONDS.toNanos(GIVE_UP_MILLIS), MAX_TIMED_BLOCKS);
        } catch (RuntimeException | LinkageError e) {
            // the bundle was stopped under it, say: the streams only run the slower code for longer
        }
    }

    /** Blocks through an encoder or a decoder as a stream's, each decoded block checked. */
    static final class Rounds {

        private final BlockEncoder encoder = new BlockEncoder();
        private final Base64Block decoder = new Base64Block();
        private final byte[][] wholeBlocks = new byte[SHAPES.size()][];
        /** The small blocks as the receiver gets them. */
        private final String[] smallTexts = new String[SHAPES.size()];
        private final byte[] bigBlock = new byte[TIMED_BLOCK];
        /** The big block's bytes again, where a sender's file blocks come from. */
        private final ByteBuffer direct = ByteBuffer.allocateDirect(TIMED_BLOCK);
        /** The big block as the receiver gets it. */
        private final String bigText;
        private final char[] text = new char[Base64Text.encodedLength(TIMED_BLOCK)];
        private final byte[] decoded = new byte[TIMED_BLOCK];

        Rounds(Random random) {
            random.nextBytes(bigBlock);
            for (int i = 0; i < wholeBlocks.length; i++) {
                wholeBlocks[i] = new byte[SHAPES.get(i)];
                random.nextBytes(wholeBlocks[i]);
                smallTexts[i] = Base64.getEncoder().encodeToString(wholeBlocks[i]);
            }
            bigText = Base64.getEncoder().encodeToString(bigBlock);
            direct.put(bigBlock).clear();
        }

        /**
         * Round {@code n}: a small block of each shape in turn, from a whole array, from part of one
         * and from part of a direct buffer by turns (each shape comes from each in turn).
         *
         * @return the characters of its text
         */
        int encodeSmall(int n) {
            int shape = n % SHAPES.size();
            int length = SHAPES.get(shape);
            ByteBuffer block = switch ((n / SHAPES.size()) % 3) {
                case 0 -> ByteBuffer.wrap(wholeBlocks[shape]);
                case 1 -> ByteBuffer.wrap(bigBlock, 0, length);
                default -> direct.slice(0, length);
            };
            return encoder.encode(block, text).length();
        }

        /** Round {@code n}: the text of a small block of each shape in turn; returns its bytes. */
        int decodeSmall(int n) {
            int shape = n % SHAPES.size();
            return decode(smallTexts[shape], SHAPES.get(shape));
        }

        /** The big block from a direct buffer, as a sender's file blocks come. */
        void encodeTimed() {
            encoder.encode(direct.duplicate(), text);
        }

        void decodeTimed() {
            decode(bigText, TIMED_BLOCK);
        }

        private int decode(String received, int length) {
            try {
                if (decoder.decode(received, decoded) != length) {
                    throw new IllegalStateException("a block of " + length + " bytes did not come back whole");
                }
            } catch (Base64Block.RejectedException e) {
                throw new IllegalStateException("the decoder refused a block's text", e);
            }
            return length;
        }
    }
}
