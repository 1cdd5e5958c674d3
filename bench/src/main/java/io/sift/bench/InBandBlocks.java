package io.sift.bench;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.SplittableRandom;

/**
 * The data of a raw in-band stream: random blocks, base64-encoded once before the clock starts, so
 * that neither sender nor receiver spends CPU on encoding during the measurement. Eight different
 * blocks take turns (a block out of place is seen), and the last one is as short as the size asks.
 * Servers pass base64 through untouched, so the receiver checks each block by comparing its text.
 */
final class InBandBlocks implements InBandSource {

    private static final int PATTERNS = 8;

    private final long size;
    private final int blockSize;
    private final byte[][] full = new byte[PATTERNS][];
    private final byte[] last;

    InBandBlocks(long size, int blockSize) {
        this.size = size;
        this.blockSize = blockSize;
        SplittableRandom random = new SplittableRandom(size ^ blockSize);
        byte[] raw = new byte[blockSize];
        for (int p = 0; p < PATTERNS; p++) {
            for (int i = 0; i < raw.length; i++) {
                raw[i] = (byte) random.nextInt(256);
            }
            full[p] = Base64.getEncoder().encode(raw);
        }
        int tail = (int) (size % blockSize);
        if (tail == 0) {
            last = null;
        } else {
            byte[] shortBlock = new byte[tail];
            System.arraycopy(raw, 0, shortBlock, 0, tail);
            last = Base64.getEncoder().encode(shortBlock);
        }
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public int blockSize() {
        return blockSize;
    }

    /** The base64 text of block {@code index} (0-based), in any order. */
    @Override
    public byte[] base64(long index) {
        return last != null && index == count() - 1 ? last : full[(int) (index % PATTERNS)];
    }

    /** Checks a received block's text against what was sent: the receiver's part of the ceiling. */
    void check(long index, ByteBuffer text) throws BenchFailure {
        if (index >= count() || !text.equals(ByteBuffer.wrap(base64(index)))) {
            throw new BenchFailure("block " + index + " arrived different from the one sent");
        }
    }
}
