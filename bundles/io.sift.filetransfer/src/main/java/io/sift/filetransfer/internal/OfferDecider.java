package io.sift.filetransfer.internal;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

import org.osgi.framework.ServiceReference;
import org.osgi.service.log.Logger;

import io.sift.api.IncomingOffer;
import io.sift.api.OfferDecision;
import io.sift.api.OfferHandler;
import io.sift.api.XmppAccount;

/**
 * Asks the offer handlers, highest service ranking first, until one accepts or declines; when all
 * pass, the configured policy decides. A handler registered with {@code sift.jid} only sees offers
 * to that account.
 */
final class OfferDecider {

    /** ServiceReference orders by ranking then id; descending = highest ranking first. */
    private final ConcurrentSkipListMap<ServiceReference<OfferHandler>, OfferHandler> handlers =
            new ConcurrentSkipListMap<>();
    /** The policy and its directory, replaced together when the configuration changes. */
    private volatile Policy policy;
    private final Logger log;

    OfferDecider(OfferPolicy policy, Path downloadDirectory, Logger log) {
        this.policy = new Policy(policy, downloadDirectory);
        this.log = log;
    }

    private record Policy(OfferPolicy kind, Path downloadDirectory) {
    }

    void configure(OfferPolicy kind, Path downloadDirectory) {
        policy = new Policy(kind, downloadDirectory);
    }

    void add(ServiceReference<OfferHandler> ref, OfferHandler handler) {
        handlers.put(ref, handler);
    }

    void remove(ServiceReference<OfferHandler> ref) {
        handlers.remove(ref);
    }

    OfferDecision decide(IncomingOffer offer) {
        for (Map.Entry<ServiceReference<OfferHandler>, OfferHandler> entry : handlers.descendingMap().entrySet()) {
            Object only = entry.getKey().getProperty(XmppAccount.JID);
            if (only != null && !only.toString().equalsIgnoreCase(offer.account())) {
                continue;
            }
            try {
                OfferDecision decision = entry.getValue().decide(offer);
                if (decision != null && !decision.isPass()) {
                    return decision;
                }
            } catch (RuntimeException e) {
                log.warn("Offer handler {} failed on transfer {}: {}; asking the next one.",
                        entry.getValue().getClass().getName(), offer.transferId(), e.toString());
            }
        }
        return byPolicy(offer);
    }

    private OfferDecision byPolicy(IncomingOffer offer) {
        Policy current = policy;
        return switch (current.kind()) {
            case ACCEPT -> OfferDecision.acceptInto(current.downloadDirectory());
            case ACCEPT_FROM_ROSTER -> offer.fromRosterContact()
                    ? OfferDecision.acceptInto(current.downloadDirectory())
                    : OfferDecision.decline("not accepted from senders outside the roster");
            case DECLINE -> OfferDecision.decline();
        };
    }
}
