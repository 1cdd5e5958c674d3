package io.sift.negotiation.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import org.jivesoftware.smack.packet.IQ;

import io.sift.negotiation.NegotiationException;

/** An account without a connection: scripted peers, recorded stanzas. */
final class FakeLink implements AccountLink {

    volatile boolean online = true;
    final Map<String, List<String>> resources = new HashMap<>();
    /** Per JID: a Set of features, or the NegotiationException its lookup throws. */
    final Map<String, Object> disco = new HashMap<>();
    final List<String> discoLookups = new CopyOnWriteArrayList<>();
    final List<IQ> requests = new CopyOnWriteArrayList<>();
    final List<IQ> sent = new CopyOnWriteArrayList<>();
    /** Shared with fakes of stream methods to check the order of events. */
    final List<String> events;
    volatile Function<IQ, IQ> peer = request -> null;
    volatile Duration lastTimeout;
    volatile NegotiationException sendFailure;

    FakeLink() {
        this(new CopyOnWriteArrayList<>());
    }

    FakeLink(List<String> events) {
        this.events = events;
    }

    @Override
    public String account() {
        return "alice@example.org";
    }

    @Override
    public String localJid() {
        return Xml.LOCAL;
    }

    @Override
    public boolean isOnline() {
        return online;
    }

    @Override
    public List<String> availableResources(String bareJid) {
        return resources.getOrDefault(bareJid, List.of());
    }

    @Override
    public Set<String> discoverFeatures(String jid) throws NegotiationException {
        discoLookups.add(jid);
        Object answer = disco.get(jid);
        if (answer instanceof NegotiationException e) {
            throw e;
        }
        if (answer == null) {
            throw new NegotiationException(NegotiationException.Kind.PEER_UNAVAILABLE, jid + " unknown");
        }
        @SuppressWarnings("unchecked")
        Set<String> features = (Set<String>) answer;
        return features;
    }

    /** What the peer itself answers when asked directly, where it differs from its (stale) capabilities. */
    final Map<String, Set<String>> peerAnswers = new HashMap<>();
    final List<String> peerLookups = new CopyOnWriteArrayList<>();

    @Override
    public Set<String> discoverFeaturesFromPeer(String jid) throws NegotiationException {
        peerLookups.add(jid);
        Set<String> fresh = peerAnswers.get(jid);
        return fresh != null ? fresh : discoverFeatures(jid);
    }

    @Override
    public IQ exchange(IQ request, Duration timeout) throws NegotiationException {
        requests.add(request);
        lastTimeout = timeout;
        IQ answer = peer.apply(request);
        if (answer == null) {
            throw new NegotiationException(NegotiationException.Kind.TIMEOUT, "no answer");
        }
        return answer;
    }

    @Override
    public void send(IQ stanza) throws NegotiationException {
        if (sendFailure != null) {
            throw sendFailure;
        }
        events.add("send");
        sent.add(stanza);
    }

    IQ lastSent() {
        return sent.get(sent.size() - 1);
    }

    static Map<String, Object> features(String jid, String... features) {
        Map<String, Object> map = new HashMap<>();
        map.put(jid, Set.of(features));
        return map;
    }

    static List<String> list(String... values) {
        return new ArrayList<>(List.of(values));
    }
}
