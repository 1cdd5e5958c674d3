package io.sift.negotiation.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A validated {@link NegotiationConfig}.
 *
 * @param discoCacheTtl zero: no caching
 */
record NegotiationSettings(Duration discoCacheTtl, int maxPendingOffers) {

    static final int DEFAULT_DISCO_CACHE_SECONDS = 60;
    static final int MAX_DISCO_CACHE_SECONDS = 86_400;
    static final int DEFAULT_MAX_PENDING_OFFERS = 64;
    static final int MAX_PENDING_OFFERS_LIMIT = 10_000;

    /** @param problems one entry per bad field; such a field takes its default */
    record Validation(NegotiationSettings settings, List<String> problems) {
    }

    /**
     * Never throws: a value DS could not convert, or one out of range, becomes a problem and the
     * field's default, so the service stays available with a configuration mistake reported.
     */
    static Validation validate(NegotiationConfig config) {
        List<String> problems = new ArrayList<>();
        int cacheSeconds = DEFAULT_DISCO_CACHE_SECONDS;
        try {
            int v = config.discoCacheSeconds();
            if (v < 0 || v > MAX_DISCO_CACHE_SECONDS) {
                problems.add("discoCacheSeconds: " + v + " is out of range (0-" + MAX_DISCO_CACHE_SECONDS + ")");
            } else {
                cacheSeconds = v;
            }
        } catch (RuntimeException e) {
            problems.add("discoCacheSeconds: not a number");
        }
        int maxPending = DEFAULT_MAX_PENDING_OFFERS;
        try {
            int v = config.maxPendingOffers();
            if (v < 1 || v > MAX_PENDING_OFFERS_LIMIT) {
                problems.add("maxPendingOffers: " + v + " is out of range (1-" + MAX_PENDING_OFFERS_LIMIT + ")");
            } else {
                maxPending = v;
            }
        } catch (RuntimeException e) {
            problems.add("maxPendingOffers: not a number");
        }
        return new Validation(new NegotiationSettings(Duration.ofSeconds(cacheSeconds), maxPending),
                List.copyOf(problems));
    }
}
