package io.sift.filetransfer.internal;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import io.sift.negotiation.NegotiatedStream;
import io.sift.negotiation.NegotiationException;
import io.sift.negotiation.ResolvedPeer;
import io.sift.negotiation.StreamInitiator;
import io.sift.negotiation.StreamOffer;

/** A stream initiator that remembers the offers and answers them as the test says. */
final class FakeInitiator implements StreamInitiator {

    /** The peer's side of the negotiation. */
    interface Peer {
        NegotiatedStream answer(StreamOffer offer) throws NegotiationException, InterruptedException;
    }

    final List<StreamOffer> offers = new CopyOnWriteArrayList<>();
    private volatile Peer peer = offer -> {
        throw new NegotiationException(NegotiationException.Kind.PEER_UNAVAILABLE, "nobody answers");
    };

    void answerWith(Peer answering) {
        peer = answering;
    }

    /** How the peer answers now (to wrap it). */
    Peer peer() {
        return peer;
    }

    /** What availableMethods() returns. */
    volatile List<String> available = List.of("http://jabber.org/protocol/bytestreams", "http://jabber.org/protocol/ibb");

    @Override
    public List<String> availableMethods() {
        return available;
    }

    /** What resolve() says the peer announces. */
    volatile Set<String> peerFeatures = Set.of("http://jabber.org/protocol/si",
            "http://jabber.org/protocol/si/profile/file-transfer");

    @Override
    public ResolvedPeer resolve(String account, String peer, String profile) throws NegotiationException {
        return new ResolvedPeer(peer, peerFeatures);
    }

    @Override
    public NegotiatedStream offer(StreamOffer offer) throws NegotiationException, InterruptedException {
        offers.add(offer);
        return peer.answer(offer);
    }
}
