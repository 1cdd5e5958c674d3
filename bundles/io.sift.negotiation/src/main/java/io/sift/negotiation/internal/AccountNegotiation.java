package io.sift.negotiation.internal;

import java.util.Set;

import org.jivesoftware.smack.XMPPConnection;
import org.jivesoftware.smack.iqrequest.IQRequestHandler;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.osgi.service.log.Logger;

import io.sift.connection.AccountConnection;
import io.sift.negotiation.NegotiatedStream;
import io.sift.negotiation.NegotiationException;
import io.sift.negotiation.ResolvedPeer;
import io.sift.negotiation.StreamOffer;

/**
 * Stream Initiation on one logged-in account: serves incoming offers through an IQ handler on its
 * connection, sends offers, and keeps the account's disco#info features current. Lives exactly as
 * long as the account's service is bound.
 */
final class AccountNegotiation {

    private static final int DISCO_CACHE_ENTRIES = 512;

    private final AccountConnection account;
    private final XMPPConnection connection;
    private final SmackAccountLink link;
    private final OfferSender sender;
    private final IncomingOffers incoming;
    private final FeatureSync features;
    private final SiRequestHandler handler;
    private final Logger log;

    AccountNegotiation(AccountConnection account, NegotiationContext context) {
        this.account = account;
        this.connection = account.connection();
        this.log = context.log();
        this.link = new SmackAccountLink(account);
        DiscoCache cache = new DiscoCache(context.settings().discoCacheTtl(), DISCO_CACHE_ENTRIES, System::nanoTime,
                link::announcedCaps);
        this.sender = new OfferSender(link, cache, context.methods(), context.sids(), context.parser());
        this.incoming = new IncomingOffers(link, context.parser(), context.methods(), context.profiles(),
                context.executor(), new OfferSlots(context.settings().maxPendingOffers(),
                        context.settings().maxPendingOffersPerPeer()), log);
        this.features = new FeatureSync(new SmackDiscoFeatures(ServiceDiscoveryManager.getInstanceFor(connection)));
        this.handler = new SiRequestHandler(incoming::handle);
    }

    String jid() {
        return account.jid();
    }

    void start(Set<String> wantedFeatures) {
        IQRequestHandler previous = connection.registerIQRequestHandler(handler);
        if (previous != null && previous != handler) {
            log.warn("{}: replaced another handler of <si/> requests ({})", account.jid(), previous.getClass().getName());
        }
        features.apply(wantedFeatures);
    }

    void updateFeatures(Set<String> wantedFeatures) {
        features.apply(wantedFeatures);
    }

    NegotiatedStream offer(StreamOffer offer) throws NegotiationException, InterruptedException {
        return sender.offer(offer);
    }

    ResolvedPeer resolve(String peer, String profile) throws NegotiationException, InterruptedException {
        return sender.resolve(peer, profile);
    }

    /** Removes the handler and every feature this added; offers in progress fail as offline. */
    void close() {
        connection.unregisterIQRequestHandler(handler);
        incoming.close();
        link.close();
        try {
            features.clear();
        } catch (RuntimeException e) {
            log.warn("{}: could not remove the disco#info features: {}", account.jid(), e.toString());
        }
    }

    private record SmackDiscoFeatures(ServiceDiscoveryManager disco) implements FeatureSync.DiscoFeatures {

        @Override
        public boolean includes(String feature) {
            return disco.includesFeature(feature);
        }

        @Override
        public void add(String feature) {
            disco.addFeature(feature);
        }

        @Override
        public void remove(String feature) {
            disco.removeFeature(feature);
        }
    }
}
