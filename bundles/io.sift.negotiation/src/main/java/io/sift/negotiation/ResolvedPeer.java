package io.sift.negotiation;

import java.util.Objects;
import java.util.Set;

/**
 * The peer an offer will go to, and what it announces: a profile builds its payload from this (what
 * the peer can check, for example) before it offers.
 *
 * @param jid the full JID to offer to (the best resource, when a bare JID was given)
 * @param features the peer's disco#info features as known now
 */
public record ResolvedPeer(String jid, Set<String> features) {

    public ResolvedPeer {
        Objects.requireNonNull(jid, "jid");
        features = Set.copyOf(features);
    }
}
