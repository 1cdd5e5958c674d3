package io.sift.negotiation.internal;

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
 * hands the rest to its profile on the negotiation executor. Unanswered offers are bounded in total
 * and per peer ({@link OfferSlots}), so a peer that floods offers can neither fill the memory nor
 * crowd out the offers of other peers.
 */
final class IncomingOffers {

    private static final String PEER_BUSY = "too many of your offers are waiting for an answer";
    private static final String ACCOUNT_BUSY = "too many offers are waiting for an answer";

    private final AccountLink link;
    private final SiIqProvider parser;
    private final RankedServices<StreamMethod> methods;
    private final RankedServices<SiProfile> profiles;
    private final Executor executor;
    private final OfferSlots slots;
    private final Logger log;

    IncomingOffers(AccountLink link, SiIqProvider parser, RankedServices<StreamMethod> methods,
            RankedServices<SiProfile> profiles, Executor executor, OfferSlots slots, Logger log) {
        this.link = link;
        this.parser = parser;
        this.methods = methods;
        this.profiles = profiles;
        this.executor = executor;
        this.slots = slots;
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
        OfferSlots.Key key = new OfferSlots.Key(request.getFrom().asBareJid().toString(), from, offer.sid());
        StreamSession session = new StreamSession(link.account(), offer.sid(), from, link.localJid());
        PendingOffer pendingOffer = new PendingOffer(request, session, offer, link, methods,
                answered -> slots.release(key, answered), log);
        switch (slots.admit(key, pendingOffer)) {
            case ADMITTED -> deliverLater(profile.get(), pendingOffer);
            case CLOSED -> {
                // the account went offline meanwhile: nobody can answer any more
            }
            case DUPLICATE -> refuse(offer, SiReplies.badRequest(request, "stream id " + offer.sid() + " is in use"));
            case PEER_FULL -> refuse(offer, SiReplies.busy(request, PEER_BUSY));
            case ACCOUNT_FULL -> refuse(offer, SiReplies.busy(request, ACCOUNT_BUSY));
        }
    }

    private void deliverLater(SiProfile profile, PendingOffer offer) {
        try {
            executor.execute(() -> deliver(profile, offer));
        } catch (RejectedExecutionException e) {
            offer.answerInternally(SiReplies.busy(offer.request(), ACCOUNT_BUSY));
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

    int pendingCount() {
        return slots.size();
    }

    /** @param peer a bare JID */
    int pendingCount(String peer) {
        return slots.size(peer);
    }

    /** The account went offline: unanswered offers can no longer be accepted. */
    void close() {
        slots.close().forEach(PendingOffer::accountGone);
    }

    private void refuse(OfferCheck.Valid offer, IQ refusal) {
        log.debug("{}: refusing the stream offer {} from {}: {} ({})", link.account(), offer.sid(), refusal.getTo(),
                refusal.getError().getCondition(), refusal.getError().getDescriptiveText());
        reply(refusal);
    }

    private void reply(IQ reply) {
        try {
            link.send(reply);
        } catch (NegotiationException e) {
            log.debug("{}: could not answer a stream offer: {}", link.account(), e.getMessage());
        }
    }
}
