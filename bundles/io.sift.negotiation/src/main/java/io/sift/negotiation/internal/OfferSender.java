package io.sift.negotiation.internal;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.stringprep.XmppStringprepException;

import io.sift.negotiation.NegotiatedStream;
import io.sift.negotiation.NegotiationException;
import io.sift.negotiation.NegotiationException.Kind;
import io.sift.negotiation.ResolvedPeer;
import io.sift.negotiation.StreamOffer;
import io.sift.spi.StreamMethod;
import io.sift.spi.StreamSession;

/** Sends one account's offers: finds the peer's resource, checks its features, offers, reads the answer. */
final class OfferSender {

    /** An answer timeout beyond this is taken as this: nobody waits longer for a person to decide. */
    static final Duration MAX_ANSWER_TIMEOUT = Duration.ofDays(1);

    private final AccountLink link;
    private final DiscoCache discoCache;
    private final RankedServices<StreamMethod> methods;
    private final SidGenerator sids;
    private final SiIqProvider parser;

    OfferSender(AccountLink link, DiscoCache discoCache, RankedServices<StreamMethod> methods, SidGenerator sids,
            SiIqProvider parser) {
        this.link = link;
        this.discoCache = discoCache;
        this.methods = methods;
        this.sids = sids;
        this.parser = parser;
    }

    /**
     * @throws IllegalArgumentException if {@code offer.peer()} is not a JID, or the profile, MIME type
     *         or payload cannot be sent
     */
    NegotiatedStream offer(StreamOffer offer) throws NegotiationException, InterruptedException {
        if (!link.isOnline()) {
            throw new NegotiationException(Kind.ACCOUNT_OFFLINE, "account " + link.account() + " is offline");
        }
        SiIq.requireName("profile", offer.profile());
        if (offer.mimeType() != null) {
            SiIq.requireMimeType(offer.mimeType());
        }
        Target target = findTarget(parseJid(offer.peer()), offer.profile());
        List<String> offered = methodsToOffer(target, offer);
        String sid = sids.next();
        SiIq request = SiIq.offer(parseJid(target.jid()), sid, offer.profile(), offer.mimeType(), offer.payload(),
                offered);
        IQ answer = link.exchange(request, boundedTimeout(offer.answerTimeout()));
        if (answer.getType() == IQ.Type.error) {
            NegotiationException failure = answer.getError() == null
                    ? new NegotiationException(Kind.PROTOCOL_ERROR, target.jid() + " answered an error without a condition")
                    : AnswerErrors.forAnswer(answer.getError(), target.jid());
            if (failure.kind() == Kind.NOT_SUPPORTED || failure.kind() == Kind.PEER_UNAVAILABLE) {
                discoCache.forget(target.jid());
            }
            throw failure;
        }
        if (answer.getType() != IQ.Type.result) {
            throw new NegotiationException(Kind.PROTOCOL_ERROR, target.jid() + " answered with type " + answer.getType());
        }
        SiIq si = parser.asSi(answer).orElseThrow(() -> new NegotiationException(Kind.PROTOCOL_ERROR,
                target.jid() + " accepted without an <si/> answer"));
        List<String> answered = si.form().map(StreamMethodForm::values).orElse(List.of());
        String chosen = MethodChoice.chosen(answered, offered).orElseThrow(() -> new NegotiationException(
                Kind.PROTOCOL_ERROR, target.jid() + " chose " + answered + ", which was not offered " + offered));
        StreamMethod method = methods.find(chosen).orElseThrow(() -> new NegotiationException(
                Kind.NO_COMMON_METHOD, "the stream method " + chosen + " chosen by " + target.jid() + " went away"));
        Optional<StandardExtensionElement> payload = si.payloadFor(offer.profile());
        StreamSession session = new StreamSession(link.account(), sid, link.localJid(), target.jid());
        return new NegotiatedStream(session, method, payload);
    }

    ResolvedPeer resolve(String peer, String profile) throws NegotiationException, InterruptedException {
        if (!link.isOnline()) {
            throw new NegotiationException(Kind.ACCOUNT_OFFLINE, "account " + link.account() + " is offline");
        }
        Target target = findTarget(parseJid(peer), profile);
        return new ResolvedPeer(target.jid(), target.features());
    }

    /**
     * The methods both sides have. A peer whose known features (cached, or from its capabilities) lack
     * every method this side could offer is asked once more: it may have added one since.
     */
    private List<String> methodsToOffer(Target target, StreamOffer offer) throws NegotiationException,
            InterruptedException {
        List<String> offered = MethodChoice.toOffer(methods.keys(), offer.methods(), target.features());
        if (offered.isEmpty() && !MethodChoice.toOffer(methods.keys(), offer.methods(), Set.of()).isEmpty()) {
            discoCache.forget(target.jid());
            Set<String> fresh = discoCache.features(target.jid(), link::discoverFeaturesFromPeer);
            offered = MethodChoice.toOffer(methods.keys(), offer.methods(), fresh);
        }
        if (offered.isEmpty()) {
            throw new NegotiationException(Kind.NO_COMMON_METHOD, "no stream method to offer to " + target.jid()
                    + (offer.methods().isEmpty() ? "" : " among " + offer.methods()));
        }
        return offered;
    }

    /** The full JID to send to, and its features. */
    private record Target(String jid, Set<String> features) {
    }

    private Target findTarget(Jid peer, String profile) throws NegotiationException, InterruptedException {
        if (peer.hasResource() || !peer.hasLocalpart()) {
            // a full JID, or a service's domain JID: addressed as it is
            String jid = peer.toString();
            Set<String> features = featuresOf(jid, profile);
            if (!supports(features, profile)) {
                throw notSupported(jid, profile);
            }
            return new Target(jid, features);
        }
        List<String> resources = link.awaitAvailableResources(peer.toString());
        if (resources.isEmpty()) {
            throw new NegotiationException(Kind.PEER_UNAVAILABLE, peer + " has no available resource");
        }
        NegotiationException firstFailure = null;
        boolean someoneAnswered = false;
        for (String resource : resources) {
            try {
                Set<String> features = featuresOf(resource, profile);
                if (supports(features, profile)) {
                    return new Target(resource, features);
                }
                someoneAnswered = true;
            } catch (NegotiationException e) {
                if (e.kind() == Kind.ACCOUNT_OFFLINE) {
                    throw e;
                }
                if (firstFailure == null) {
                    firstFailure = e;
                }
            }
        }
        if (someoneAnswered || firstFailure == null) {
            throw notSupported(peer.toString(), profile);
        }
        throw firstFailure;
    }

    /**
     * The peer's features, from the cache or its entity capabilities; an answer that lacks the profile
     * is checked once more by asking the peer itself, since capabilities lag behind a change.
     */
    private Set<String> featuresOf(String jid, String profile) throws NegotiationException, InterruptedException {
        Set<String> features = discoCache.features(jid, link::discoverFeatures);
        if (supports(features, profile)) {
            return features;
        }
        discoCache.forget(jid);
        return discoCache.features(jid, link::discoverFeaturesFromPeer);
    }

    private static boolean supports(Set<String> features, String profile) {
        return features.contains(SiNamespaces.SI) && features.contains(profile);
    }

    private static NegotiationException notSupported(String jid, String profile) {
        return new NegotiationException(Kind.NOT_SUPPORTED,
                jid + " does not announce stream initiation with the profile " + profile);
    }

    private static Jid parseJid(String jid) {
        try {
            return JidCreate.from(jid.strip());
        } catch (XmppStringprepException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not a JID: '" + XmlText.printable(jid, 100) + "'", e);
        }
    }

    /** {@code timeout} within [1 ms, {@link #MAX_ANSWER_TIMEOUT}]. */
    static Duration boundedTimeout(Duration timeout) {
        if (timeout.compareTo(Duration.ofMillis(1)) < 0) {
            return Duration.ofMillis(1);
        }
        return timeout.compareTo(MAX_ANSWER_TIMEOUT) > 0 ? MAX_ANSWER_TIMEOUT : timeout;
    }
}
