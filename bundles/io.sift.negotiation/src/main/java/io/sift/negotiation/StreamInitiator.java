package io.sift.negotiation;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/** Sends Stream Initiation offers (one service for all accounts). */
@ProviderType
public interface StreamInitiator {

    /**
     * Offers a stream and waits for the answer: checks the peer's disco features (cached), offers the
     * methods both sides have, and returns the one the peer chose.
     *
     * @throws NegotiationException when no stream was agreed; its kind says why
     * @throws IllegalArgumentException if the peer is not a JID, or the profile or MIME type has
     *         characters that cannot be sent (spaces in the profile, control characters)
     */
    NegotiatedStream offer(StreamOffer offer) throws NegotiationException, InterruptedException;

    /**
     * Finds the resource an offer of {@code profile} to {@code peer} would go to, and its features
     * (cached, as {@link #offer} uses them). A full JID is checked as it is.
     *
     * @throws NegotiationException {@code NOT_SUPPORTED}, {@code PEER_UNAVAILABLE} or
     *         {@code ACCOUNT_OFFLINE}, as {@link #offer} would
     * @throws IllegalArgumentException if the peer is not a JID
     * @since 1.1
     */
    ResolvedPeer resolve(String account, String peer, String profile) throws NegotiationException,
            InterruptedException;

    /**
     * The stream methods (namespaces) registered right now, most preferred first: what an offer with
     * an empty method list would offer, before the peer's features are taken into account.
     */
    List<String> availableMethods();
}
