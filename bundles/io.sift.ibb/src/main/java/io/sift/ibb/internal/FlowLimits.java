package io.sift.ibb.internal;

/**
 * How much received data may wait for the reader. Above the high-water mark the receiver holds back
 * its acknowledgements of IQ blocks, which stops a sender at its window; they go out once the reader
 * has drained the queue below the low-water mark. Message blocks cannot be held back, so past the
 * hard cap the stream is closed: a sender that outruns its reader must not exhaust the memory.
 * Blocks are counted as well as bytes, since tiny blocks cost far more memory than their bytes.
 * A held acknowledgement still counts against the sender's acknowledgement timeout: a reader that
 * stalls for longer than that breaks the stream.
 */
record FlowLimits(
        long highWaterBytes, int highWaterBlocks,
        long lowWaterBytes, int lowWaterBlocks,
        long hardCapBytes, int hardCapBlocks) {

    static final FlowLimits DEFAULT = new FlowLimits(
            4L << 20, 64,
            1L << 20, 16,
            16L << 20, 4096);

    FlowLimits {
        if (lowWaterBytes > highWaterBytes || lowWaterBlocks > highWaterBlocks
                || highWaterBytes > hardCapBytes || highWaterBlocks > hardCapBlocks) {
            throw new IllegalArgumentException("need low <= high <= hard cap: " + this);
        }
    }

    boolean aboveHighWater(long bytes, int blocks) {
        return bytes > highWaterBytes || blocks > highWaterBlocks;
    }

    boolean belowLowWater(long bytes, int blocks) {
        return bytes <= lowWaterBytes && blocks <= lowWaterBlocks;
    }

    boolean aboveHardCap(long bytes, int blocks) {
        return bytes > hardCapBytes || blocks > hardCapBlocks;
    }
}
