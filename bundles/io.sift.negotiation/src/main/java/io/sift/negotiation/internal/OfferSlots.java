package io.sift.negotiation.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The unanswered offers of one account, capped in total and per peer (bare JID of the initiator):
 * a peer that floods offers fills only its own share, and the offers of other peers are still
 * served. A slot is taken when an offer goes to its profile and given back when it is answered.
 */
final class OfferSlots {

    /** What became of an offer that asked for a slot. */
    enum Admission {
        ADMITTED,
        /** The same initiator's stream id is still waiting for its answer. */
        DUPLICATE,
        /** This peer has as many offers waiting as one peer may. */
        PEER_FULL,
        /** The account has as many offers waiting as it may. */
        ACCOUNT_FULL,
        /** The account went offline. */
        CLOSED
    }

    /** @param peer the bare JID of {@code initiator}, whose offers share one cap */
    record Key(String peer, String initiator, String sid) {

        // written out: a record's generated equals and hashCode link through invokedynamic on their
        // first call, several milliseconds each in a fresh process, which its first transfer would pay
        @Override
        public boolean equals(Object other) {
            return other instanceof Key o && Objects.equals(peer, o.peer)
                    && Objects.equals(initiator, o.initiator) && Objects.equals(sid, o.sid);
        }

        @Override
        public int hashCode() {
            return Objects.hash(peer, initiator, sid);
        }
    }

    private final int maxTotal;
    private final int maxPerPeer;
    private final Map<Key, PendingOffer> pending = new HashMap<>(); // guarded by this
    private final Map<String, Integer> perPeer = new HashMap<>(); // guarded by this
    private boolean closed; // guarded by this

    OfferSlots(int maxTotal, int maxPerPeer) {
        this.maxTotal = maxTotal;
        this.maxPerPeer = maxPerPeer;
    }

    synchronized Admission admit(Key key, PendingOffer offer) {
        if (closed) {
            return Admission.CLOSED;
        }
        if (perPeer.getOrDefault(key.peer(), 0) >= maxPerPeer) {
            return Admission.PEER_FULL;
        }
        if (pending.size() >= maxTotal) {
            return Admission.ACCOUNT_FULL;
        }
        if (pending.putIfAbsent(key, offer) != null) {
            return Admission.DUPLICATE;
        }
        perPeer.merge(key.peer(), 1, Integer::sum);
        return Admission.ADMITTED;
    }

    /** The offer was answered: its slot is free again. */
    synchronized void release(Key key, PendingOffer offer) {
        if (pending.remove(key, offer)) {
            perPeer.computeIfPresent(key.peer(), (peer, count) -> count == 1 ? null : count - 1);
        }
    }

    synchronized int size() {
        return pending.size();
    }

    synchronized int size(String peer) {
        return perPeer.getOrDefault(peer, 0);
    }

    /** Admits nothing from now on; returns the offers still waiting. */
    synchronized List<PendingOffer> close() {
        closed = true;
        List<PendingOffer> left = List.copyOf(pending.values());
        pending.clear();
        perPeer.clear();
        return left;
    }
}
