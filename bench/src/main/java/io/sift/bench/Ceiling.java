package io.sift.bench;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The most a case's transfers could do on this machine and server, measured beside them in the
 * same run with no file-transfer protocol on top: a plain loopback copy, a raw relay through the
 * server's SOCKS5 proxy, raw in-band data blocks through the server. Every ratio in the case's
 * "x ceiling" column is against the best of its ceilings.
 */
interface Ceiling {

    /** The row's name, e.g. "ceiling: proxy65 relay". */
    String label();

    /**
     * Moves the file's bytes (or as many bytes, for in-band blocks) once and checks that they arrived
     * intact; a BenchFailure when they did not.
     */
    Measurement measure(Path file, String sha) throws IOException, InterruptedException, BenchFailure;

    /** What the case's ratios take from this row. */
    enum Role {
        /** The case's "x ceiling" is against the best of these: the same bytes moved with nothing on top. */
        CEILING,
        /**
         * The case's "x bound" is against the best of these: the same bytes moved with what a verified
         * transfer cannot leave out (both ends hashing every byte), still with no protocol.
         */
        BOUND,
        /** Shown beside them, no ratio taken against it (see {@link HashBound}). */
        SHOWN
    }

    default Role role() {
        return Role.CEILING;
    }
}
