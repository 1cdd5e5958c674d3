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
    private final OfferPolicy policy;
    private final Path downloadDirectory;
    private final Logger log;

    OfferDecider(OfferPolicy policy, Path downloadDirectory, Logger log) {
        this.policy = policy;
        this.downloadDirectory = downloadDirectory;
        this.log = log;
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
        return switch (policy) {
            case ACCEPT -> OfferDecision.acceptInto(downloadDirectory);
            case ACCEPT_FROM_ROSTER -> offer.fromRosterContact()
                    ? OfferDecision.acceptInto(downloadDirectory)
                    : OfferDecision.decline("not accepted from senders outside the roster");
            case DECLINE -> OfferDecision.decline();
        };
    }
}
