package io.sift.negotiation.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import org.jivesoftware.smack.packet.IQ;
import org.osgi.service.log.Logger;

import io.sift.negotiation.NegotiationException;
import io.sift.negotiation.SiProfile;
import io.sift.spi.StreamMethod;
import io.sift.spi.StreamSession;

/**
 * The target side of one account: checks each incoming offer, refuses what cannot be served, and
 * hands the rest to its profile on the negotiation executor. The number of unanswered offers is
 * bounded, so a peer that floods offers cannot fill the memory.
 */
final class IncomingOffers {

    private record Key(String initiator, String sid) {
    }

    private final AccountLink link;
    private final SiIqProvider parser;
    private final RankedServices<StreamMethod> methods;
    private final RankedServices<SiProfile> profiles;
    private final Executor executor;
    private final int maxPending;
    private final Logger log;
    private final Map<Key, PendingOffer> pending = new HashMap<>(); // guarded by this
    private boolean closed; // guarded by this

    IncomingOffers(AccountLink link, SiIqProvider parser, RankedServices<StreamMethod> methods,
            RankedServices<SiProfile> profiles, Executor executor, int maxPending, Logger log) {
        this.link = link;
        this.parser = parser;
        this.methods = methods;
        this.profiles = profiles;
        this.executor = executor;
        this.maxPending = maxPending;
        this.log = log;
    }

    /** An {@code <si/>} set request arrived. Called on a Smack thread: only quick work here. */
    void handle(IQ request) {
        String from = request.getFrom() == null ? null : request.getFrom().toString();
        OfferCheck.Verdict verdict = parser.asSi(request)
                .<OfferCheck.Verdict>map(si -> OfferCheck.check(si, profiles::contains, methods.keys()))
                .orElse(new OfferCheck.Refused(OfferCheck.Refusal.BAD_REQUEST, "unreadable <si/> element"));
        if (from == null && verdict instanceof OfferCheck.Valid) {
            verdict = new OfferCheck.Refused(OfferCheck.Refusal.BAD_REQUEST, "the offer has no sender");
        }
        if (verdict instanceof OfferCheck.Refused refused) {
            log.debug("{}: refusing a stream offer from {}: {} ({})", link.account(), from, refused.refusal(),
                    refused.text());
            reply(SiReplies.refused(request, refused));
            return;
        }
        OfferCheck.Valid offer = (OfferCheck.Valid) verdict;
        Optional<SiProfile> profile = profiles.find(offer.profile());
        if (profile.isEmpty()) {
            // the profile went away since the check
            reply(SiReplies.badProfile(request, "profile not supported"));
            return;
        }
        Key key = new Key(from, offer.sid());
        StreamSession session = new StreamSession(link.account(), offer.sid(), from, link.localJid());
        PendingOffer pendingOffer = new PendingOffer(request, session, offer, link, methods,
                answered -> release(key, answered), log);
        IQ refusal = null;
        synchronized (this) {
            if (closed) {
                return;
            }
            if (pending.size() >= maxPending) {
                refusal = SiReplies.busy(request);
            } else if (pending.containsKey(key)) {
                refusal = SiReplies.badRequest(request, "stream id " + offer.sid() + " is in use");
            } else {
                pending.put(key, pendingOffer);
            }
        }
        if (refusal != null) {
            log.debug("{}: refusing the stream offer {} from {}: {}", link.account(), offer.sid(), from,
                    refusal.getError().getCondition());
            reply(refusal);
            return;
        }
        try {
            executor.execute(() -> deliver(profile.get(), pendingOffer));
        } catch (RejectedExecutionException e) {
            pendingOffer.answerInternally(SiReplies.busy(request));
        }
    }

    private void deliver(SiProfile profile, PendingOffer offer) {
        try {
            profile.offered(offer);
        } catch (RuntimeException e) {
            log.error("{}: the profile {} failed on stream offer {} from {}", link.account(), offer.profile(),
                    offer.session().sid(), offer.session().initiator(), e);
            offer.answerInternally(SiReplies.internalError(offer.request()));
        }
    }

    private synchronized void release(Key key, PendingOffer offer) {
        pending.remove(key, offer);
    }

    synchronized int pendingCount() {
        return pending.size();
    }

    /** The account went offline: unanswered offers can no longer be accepted. */
    void close() {
        List<PendingOffer> left;
        synchronized (this) {
            closed = true;
            left = List.copyOf(pending.values());
            pending.clear();
        }
        left.forEach(PendingOffer::accountGone);
    }

    private void reply(IQ reply) {
        try {
            link.send(reply);
        } catch (NegotiationException e) {
            log.debug("{}: could not answer a stream offer: {}", link.account(), e.getMessage());
        }
    }
}
