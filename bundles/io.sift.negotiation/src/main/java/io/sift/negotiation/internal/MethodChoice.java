package io.sift.negotiation.internal;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.sift.api.StreamMethods;

/** Which stream methods to offer, to accept, and which one an answer chose. */
final class MethodChoice {

    private MethodChoice() {
    }

    /**
     * The methods to offer, most preferred first.
     *
     * @param registered namespaces of the registered methods, in priority order
     * @param requested what the profile allows, in its order of preference; empty: all registered
     * @param peerFeatures the peer's disco#info features
     */
    static List<String> toOffer(List<String> registered, List<String> requested, Set<String> peerFeatures) {
        List<String> candidates;
        if (requested.isEmpty()) {
            candidates = List.copyOf(new LinkedHashSet<>(registered));
        } else {
            Set<String> available = new HashSet<>(registered);
            Set<String> ordered = new LinkedHashSet<>();
            for (String name : requested) {
                StreamMethods.fromName(name).filter(available::contains).ifPresent(ordered::add);
            }
            candidates = List.copyOf(ordered);
        }
        // Several clients announce no stream method in disco#info although they accept them: only a
        // peer that lists at least one known method is held to its list.
        Set<String> known = new HashSet<>(registered);
        known.add(StreamMethods.SOCKS5);
        known.add(StreamMethods.IBB);
        if (peerFeatures.stream().noneMatch(known::contains)) {
            return candidates;
        }
        return candidates.stream().filter(peerFeatures::contains).toList();
    }

    /** The offered methods that are registered here, in this side's priority order. */
    static List<String> acceptable(List<String> offered, List<String> registered) {
        Set<String> offeredSet = new HashSet<>(offered);
        return registered.stream().filter(offeredSet::contains).distinct().toList();
    }

    /**
     * The method an answer chose: the first of its values that was offered. XEP-0095 allows one value;
     * Smack up to 4.3 and Spark send two, in their order of preference.
     */
    static Optional<String> chosen(List<String> answered, List<String> offered) {
        return answered.stream().filter(offered::contains).findFirst();
    }
}
