package io.sift.bench;

import java.io.IOException;

/** The blocks a raw in-band stream sends, in order, as base64 text. */
interface InBandSource {

    /** Raw bytes in all. */
    long size();

    /** Raw bytes per block; the last block may be shorter. */
    int blockSize();

    /** The base64 text of block {@code index} (0-based); asked for in order, each once. */
    byte[] base64(long index) throws IOException;

    default long count() {
        return (size() + blockSize() - 1) / blockSize();
    }

    /** Raw bytes in the first {@code blocks} blocks. */
    default long bytes(long blocks) {
        return Math.min(size(), blocks * blockSize());
    }

    /** Largest base64 text of a block: for the sender's stanza buffer. */
    default int maxBase64Length() {
        return (blockSize() + 2) / 3 * 4;
    }
}
