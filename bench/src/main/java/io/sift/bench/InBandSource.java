package io.sift.bench;

import java.io.IOException;

/** The blocks a raw in-band stream sends, in order, as base64 text. */
interface InBandSource {

    long count();

    /** Raw bytes in the first {@code blocks} blocks. */
    long bytes(long blocks);

    /** Largest base64 text of a block: for the sender's stanza buffer. */
    int maxBase64Length();

    /** The base64 text of block {@code index} (0-based); asked for in order, each once. */
    byte[] base64(long index) throws IOException;
}
