package io.sift.ibb.internal;

import java.util.Arrays;

/** A received block's bytes as {@link Base64Block} decodes them into an array of the block size. */
final class DecodedBlock {

    private DecodedBlock() {
    }

    static byte[] of(CharSequence text, int blockSize) throws Base64Block.RejectedException {
        byte[] into = new byte[blockSize];
        return Arrays.copyOf(into, new Base64Block().decode(text, into));
    }
}
