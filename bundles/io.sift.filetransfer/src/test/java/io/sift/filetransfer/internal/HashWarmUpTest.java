package io.sift.filetransfer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The warm-up shows the digests every shape of input.
 */
class HashWarmUpTest {

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
}
