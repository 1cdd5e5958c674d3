package io.sift.negotiation.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.osgi.service.log.Logger;

import io.sift.negotiation.IncomingStreamOffer;
import io.sift.negotiation.NegotiationException;
import io.sift.negotiation.NegotiationException.Kind;
import io.sift.spi.PendingStream;
import io.sift.spi.StreamException;
import io.sift.spi.StreamMethod;
import io.sift.spi.StreamSession;

/** An offer handed to a profile, answered exactly once (by the profile, or by this bundle on failure). */
final class PendingOffer implements IncomingStreamOffer {

    private final IQ request;
    private final StreamSession session;
    private final OfferCheck.Valid offer;
    private final AccountLink link;
    private final RankedServices<StreamMethod> registry;
    private final Consumer<PendingOffer> onAnswered;
    private final Logger log;
    private final AtomicBoolean answered = new AtomicBoolean();
    private volatile boolean accountGone;

    /** @param onAnswered runs once the offer is answered, whichever way */
    PendingOffer(IQ request, StreamSession session, OfferCheck.Valid offer, AccountLink link,
            RankedServices<StreamMethod> registry, Consumer<PendingOffer> onAnswered, Logger log) {
        this.request = request;
        this.session = session;
        this.offer = offer;
        this.link = link;
        this.registry = registry;
        this.onAnswered = onAnswered;
        this.log = log;
    }

    @Override
    public StreamSession session() {
        return session;
    }

    @Override
    public Optional<String> mimeType() {
        return offer.mimeType();
    }

    @Override
    public StandardExtensionElement payload() {
        return offer.payload();
    }

    @Override
    public List<String> methods() {
        return offer.methods();
    }

    @Override
    public PendingStream accept(Optional<StandardExtensionElement> answerPayload) throws NegotiationException {
        Objects.requireNonNull(answerPayload, "answerPayload");
        claim();
        try {
            if (accountGone || !link.isOnline()) {
                throw new NegotiationException(Kind.ACCOUNT_OFFLINE,
                        "account " + session.account() + " went offline before the offer was accepted");
            }
            for (String namespace : offer.methods()) {
                Optional<StreamMethod> method = registry.find(namespace);
                if (method.isEmpty()) {
                    continue;
                }
                PendingStream stream;
                try {
                    // before the answer: the initiator may open the stream as soon as it reads it
                    stream = method.get().expect(session);
                } catch (StreamException | RuntimeException e) {
                    log.warn("{}: stream method {} cannot take stream {} from {}: {}", session.account(), namespace,
                            session.sid(), session.initiator(), e.toString());
                    continue;
                }
                List<PendingStream> alternatives = expectAlternatives(namespace);
                PendingStream accepted = new AcceptedStream(stream, alternatives, AcceptedStream.ALTERNATIVE_GRACE);
                try {
                    link.send(SiReplies.accepted(request, namespace, answerPayload));
                } catch (NegotiationException | RuntimeException e) {
                    accepted.cancel();
                    throw e;
                }
                return accepted;
            }
            sendQuietly(SiReplies.noValidStreams(request, "no stream method is available any more"));
            throw new NegotiationException(Kind.NO_COMMON_METHOD,
                    "none of " + offer.methods() + " could take stream " + session.sid());
        } finally {
            onAnswered.accept(this);
        }
    }

    /** The other offered methods registered here, expecting the same stream (see {@link AcceptedStream}). */
    private List<PendingStream> expectAlternatives(String chosen) {
        List<PendingStream> alternatives = new ArrayList<>();
        for (String namespace : offer.methods()) {
            if (namespace.equals(chosen)) {
                continue;
            }
            Optional<StreamMethod> method = registry.find(namespace);
            if (method.isEmpty()) {
                continue;
            }
            try {
                alternatives.add(method.get().expect(session));
            } catch (StreamException | RuntimeException e) {
                log.debug("{}: stream method {} cannot stand by for stream {}: {}", session.account(), namespace,
                        session.sid(), e.toString());
            }
        }
        return alternatives;
    }

    @Override
    public void decline(String text) {
        claim();
        try {
            sendQuietly(SiReplies.declined(request, text));
        } finally {
            onAnswered.accept(this);
        }
    }

    @Override
    public void refuseBusy(String text) {
        claim();
        try {
            sendQuietly(SiReplies.busy(request, text));
        } finally {
            onAnswered.accept(this);
        }
    }

    @Override
    public void rejectAsBadRequest(String text) {
        claim();
        try {
            sendQuietly(SiReplies.badRequest(request, text));
        } finally {
            onAnswered.accept(this);
        }
    }

    /** Answers with {@code reply} unless the offer was answered already; for failures on this side. */
    boolean answerInternally(IQ reply) {
        if (!answered.compareAndSet(false, true)) {
            return false;
        }
        try {
            sendQuietly(reply);
        } finally {
            onAnswered.accept(this);
        }
        return true;
    }

    /** The account went offline: accepting fails from now on, declining sends nothing. */
    void accountGone() {
        accountGone = true;
    }

    IQ request() {
        return request;
    }

    String profile() {
        return offer.profile();
    }

    private void claim() {
        if (!answered.compareAndSet(false, true)) {
            throw new IllegalStateException("stream offer " + session.sid() + " from " + session.initiator()
                    + " was answered already");
        }
    }

    private void sendQuietly(IQ reply) {
        if (accountGone) {
            return;
        }
        try {
            link.send(reply);
        } catch (NegotiationException e) {
            log.debug("{}: could not answer stream offer {} from {}: {}", session.account(), session.sid(),
                    session.initiator(), e.getMessage());
        }
    }
}
