package io.sift.negotiation.internal;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.jivesoftware.smack.packet.IQ;

import io.sift.negotiation.NegotiationException;

/**
 * What negotiation needs from one logged-in account. The protocol classes work against this
 * interface only, so they run in tests without a connection; {@link SmackAccountLink} is the thin
 * part that talks to Smack.
 */
interface AccountLink {

    /** Bare JID of the account. */
    String account();

    /** The full JID of this session. */
    String localJid();

    boolean isOnline();

    /** Full JIDs of the available resources of {@code bareJid}, highest presence priority first. */
    List<String> availableResources(String bareJid);

    /**
     * As {@link #availableResources}, but right after the account logged in, when the presences of its
     * contacts are still arriving, it waits a moment for one from {@code bareJid} when none is known.
     */
    default List<String> awaitAvailableResources(String bareJid) throws InterruptedException {
        return availableResources(bareJid);
    }

    /**
     * The disco#info features of {@code jid}.
     *
     * @throws NegotiationException PEER_UNAVAILABLE (error or no answer), NOT_SUPPORTED,
     *         ACCOUNT_OFFLINE or PROTOCOL_ERROR
     */
    Set<String> discoverFeatures(String jid) throws NegotiationException, InterruptedException;

    /**
     * The disco#info features of {@code jid}, asked of the peer itself: {@link #discoverFeatures} may
     * answer from entity capabilities (XEP-0115), which lag behind when the peer's features changed
     * just now (a bundle started, an account just logged in).
     */
    default Set<String> discoverFeaturesFromPeer(String jid) throws NegotiationException, InterruptedException {
        return discoverFeatures(jid);
    }

    /**
     * The verification string of the entity capabilities (XEP-0115) {@code jid} announced in its last
     * presence, which changes with its features; empty when it announced none or its presence did not
     * reach this account.
     */
    default Optional<String> announcedCaps(String jid) {
        return Optional.empty();
    }

    /**
     * Sends a request and waits for its answer.
     *
     * @return the answer, a result or an error IQ
     * @throws NegotiationException TIMEOUT when none came in time, ACCOUNT_OFFLINE when the account
     *         went offline meanwhile
     */
    IQ exchange(IQ request, Duration timeout) throws NegotiationException, InterruptedException;

    /**
     * Sends an answer.
     *
     * @throws NegotiationException ACCOUNT_OFFLINE when it cannot be sent
     */
    void send(IQ stanza) throws NegotiationException;
}
