package io.sift.ibb.internal;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The largest block size each peer turned out to accept, learned from its resource-constraint
 * answers, so the next stream to it asks for a size it takes. This matters for peers that burn the
 * stream id on the first refusal (slixmpp answers any later open of that id with not-acceptable):
 * for them only a new session with a smaller size works.
 */
final class BlockLimits {

    /** Sizes tried after a refusal, largest first: common limits of real clients (slixmpp: 8192). */
    private static final int[] LADDER = {16384, 8192, 4096, 2048, 1024, 512};

    /** XEP-0047's recommended block size. */
    static final int RECOMMENDED = 4096;

    private final Map<String, Integer> limits = new ConcurrentHashMap<>();

    /** The block size to ask {@code peer} for: the configured one, or less if the peer refused that. */
    int sizeFor(String peer, int configured) {
        Integer limit = limits.get(key(peer));
        return limit == null ? configured : Math.min(configured, limit);
    }

    /**
     * {@code peer} refused {@code refused} bytes.
     *
     * @return the next size to try, or 0 when even the smallest was refused
     */
    int refused(String peer, int refused) {
        int next = smallerThan(refused);
        if (next > 0) {
            limits.merge(key(peer), next, Math::min);
        }
        return next;
    }

    /**
     * {@code peer} refused a size and then the stream id itself: it cannot be probed within one
     * session, so the next session asks for the size XEP-0047 recommends, which every client takes.
     */
    void spentAfterRefusal(String peer) {
        limits.merge(key(peer), RECOMMENDED, Math::min);
    }

    static int smallerThan(int size) {
        for (int step : LADDER) {
            if (step < size) {
                return step;
            }
        }
        return 0;
    }

    private static String key(String peer) {
        return peer.toLowerCase(Locale.ROOT);
    }
}
