package io.sift.negotiation.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * A validated {@link NegotiationConfig}.
 *
 * @param discoCacheTtl zero: no caching
 * @param maxPendingOffersPerPeer never more than {@code maxPendingOffers}
 */
record NegotiationSettings(Duration discoCacheTtl, int maxPendingOffers, int maxPendingOffersPerPeer) {

    static final int DEFAULT_DISCO_CACHE_SECONDS = 60;
    static final int MAX_DISCO_CACHE_SECONDS = 86_400;
    static final int DEFAULT_MAX_PENDING_OFFERS = 64;
    static final int DEFAULT_MAX_PENDING_OFFERS_PER_PEER = 32;
    static final int MAX_PENDING_OFFERS_LIMIT = 10_000;

    /** @param problems one entry per bad field; such a field takes its default */
    record Validation(NegotiationSettings settings, List<String> problems) {
    }

    /**
     * Never throws: a value DS could not convert, or one out of range, becomes a problem and the
     * field's default, so the service stays available with a configuration mistake reported. A
     * per-peer cap above the account's cap is reported and lowered to it.
     */
    static Validation validate(NegotiationConfig config) {
        List<String> problems = new ArrayList<>();
        int cacheSeconds = inRange(problems, "discoCacheSeconds", config::discoCacheSeconds, 0,
                MAX_DISCO_CACHE_SECONDS, DEFAULT_DISCO_CACHE_SECONDS);
        int maxPending = inRange(problems, "maxPendingOffers", config::maxPendingOffers, 1,
                MAX_PENDING_OFFERS_LIMIT, DEFAULT_MAX_PENDING_OFFERS);
        int maxPerPeer = inRange(problems, "maxPendingOffersPerPeer", config::maxPendingOffersPerPeer, 1,
                MAX_PENDING_OFFERS_LIMIT, DEFAULT_MAX_PENDING_OFFERS_PER_PEER);
        if (maxPerPeer > maxPending) {
            problems.add("maxPendingOffersPerPeer: " + maxPerPeer + " is more than maxPendingOffers (" + maxPending
                    + "); using " + maxPending);
            maxPerPeer = maxPending;
        }
        return new Validation(new NegotiationSettings(Duration.ofSeconds(cacheSeconds), maxPending, maxPerPeer),
                List.copyOf(problems));
    }

    private static int inRange(List<String> problems, String name, IntSupplier value, int min, int max, int fallback) {
        try {
            int v = value.getAsInt();
            if (v < min || v > max) {
                problems.add(name + ": " + v + " is out of range (" + min + "-" + max + ")");
                return fallback;
            }
            return v;
        } catch (RuntimeException e) {
            problems.add(name + ": not a number");
            return fallback;
        }
    }
}
