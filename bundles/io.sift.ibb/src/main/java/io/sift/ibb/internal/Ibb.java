package io.sift.ibb.internal;

import io.sift.api.StreamMethods;

/** Names and limits of XEP-0047 In-Band Bytestreams. */
final class Ibb {

    static final String NAMESPACE = StreamMethods.IBB;

    /** block-size is a 16-bit value: no block may carry more raw bytes. */
    static final int MAX_BLOCK_SIZE = 65535;

    /** The largest seq; the next one after it is 0. */
    static final int MAX_SEQ = 65535;

    private Ibb() {
    }

    static int nextSeq(int seq) {
        return seq == MAX_SEQ ? 0 : seq + 1;
    }
}
