package io.sift.bench;

import java.util.List;
import java.util.Optional;

/**
 * One implementation with its settings in a case: SIFT (stream method, direct streamhost on or off,
 * heap limit, whether files are hashed before the offer) or smack-peer (its send flags).
 */
record Variant(String label, boolean sift, Optional<String> method, boolean directStreamhost,
        Optional<String> maxHeap, List<String> smackFlags, boolean countsServerCpu, boolean hashBeforeOffer) {

    static Variant sift(String label, String method, boolean direct, boolean serverCpu) {
        return new Variant(label, true, Optional.ofNullable(method), direct, Optional.empty(), List.of(), serverCpu,
                true);
    }

    static Variant smack(String label, boolean serverCpu, String... flags) {
        return new Variant(label, false, Optional.empty(), true, Optional.empty(), List.of(flags), serverCpu, false);
    }

    Variant withMaxHeap(String heap) {
        return new Variant(label, sift, method, directStreamhost, Optional.of(heap), smackFlags, countsServerCpu,
                hashBeforeOffer);
    }

    /** SIFT offering files without their MD5 (hashLimitBytes = 0), as Smack does: no hashing on either side. */
    Variant withoutHash(String newLabel) {
        return new Variant(newLabel, sift, method, directStreamhost, maxHeap, smackFlags, countsServerCpu, false);
    }
}
