package io.sift.negotiation.internal;

import java.util.HashSet;
import java.util.Set;

/**
 * Keeps one account's disco#info features in line with what is registered. It removes only the
 * features it added itself: one that was already announced belongs to someone else (a stream method
 * bundle may announce its own namespace) and stays when this side no longer wants it.
 */
final class FeatureSync {

    /** The account's announced features (Smack's ServiceDiscoveryManager, in production). */
    interface DiscoFeatures {
        boolean includes(String feature);

        void add(String feature);

        void remove(String feature);
    }

    private final DiscoFeatures disco;
    private final Set<String> added = new HashSet<>(); // guarded by this

    FeatureSync(DiscoFeatures disco) {
        this.disco = disco;
    }

    synchronized void apply(Set<String> wanted) {
        for (String feature : Set.copyOf(added)) {
            if (!wanted.contains(feature)) {
                disco.remove(feature);
                added.remove(feature);
            }
        }
        for (String feature : wanted) {
            if (!added.contains(feature) && !disco.includes(feature)) {
                disco.add(feature);
                added.add(feature);
            }
        }
    }

    /** Removes every feature this instance added. */
    synchronized void clear() {
        apply(Set.of());
    }

    synchronized Set<String> added() {
        return Set.copyOf(added);
    }
}
