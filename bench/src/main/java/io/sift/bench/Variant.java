package io.sift.bench;

import java.util.List;
import java.util.Optional;

/**
 * One implementation with its settings in a case: SIFT (stream method, direct streamhost on or off,
 * heap limit) or smack-peer (its send flags). SIFT to SIFT always checks the SHA-256 end to end.
 */
record Variant(String label, boolean sift, Optional<String> method, boolean directStreamhost,
        Optional<String> maxHeap, List<String> smackFlags, boolean countsServerCpu) {

    static Variant sift(String label, String method, boolean direct, boolean serverCpu) {
        return new Variant(label, true, Optional.ofNullable(method), direct, Optional.empty(), List.of(), serverCpu);
    }

    static Variant smack(String label, boolean serverCpu, String... flags) {
        return new Variant(label, false, Optional.empty(), true, Optional.empty(), List.of(flags), serverCpu);
    }

    Variant withMaxHeap(String heap) {
        return new Variant(label, sift, method, directStreamhost, Optional.of(heap), smackFlags, countsServerCpu);
    }
}
