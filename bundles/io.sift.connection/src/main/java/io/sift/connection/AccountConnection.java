package io.sift.connection;

import java.util.Optional;

import org.jivesoftware.smack.XMPPConnection;
import org.jxmpp.jid.EntityFullJid;
import org.jxmpp.jid.Jid;
import org.osgi.annotation.versioning.ProviderType;

import io.sift.api.XmppAccount;

/**
 * A logged-in account together with its Smack connection.
 *
 * <p>Registered while the account is authenticated and withdrawn when the connection drops, so a
 * component that references it is only active while the connection can carry stanzas. It is
 * registered before the account sends its available presence: a bundle that serves the account adds
 * its request handlers and disco#info features when it binds this service, and they are in place
 * when peers first see the account. The same object is registered as {@link XmppAccount} once the
 * presence is out. Handlers and features a consumer adds to {@link #connection()} must be removed
 * when the consumer deactivates.
 */
@ProviderType
public interface AccountConnection extends XmppAccount {

    /** The authenticated connection. */
    XMPPConnection connection();

    /** The full JID bound for this session. */
    EntityFullJid user();

    /**
     * The entity capabilities node (XEP-0115) that {@code peer} (a full JID) announced in its latest
     * presence to this account, which names the peer's software; empty when no presence with
     * capabilities arrived from it (it is not in the roster, or announced none), and from
     * implementations that do not follow presences.
     */
    default Optional<String> peerCapsNode(Jid peer) {
        return Optional.empty();
    }

    /**
     * The verification string ({@code ver}, XEP-0115) of the capabilities {@code peer} (a full JID)
     * announced in its latest presence to this account: it changes whenever the peer's features do,
     * so what was learned of the peer under another one is out of date. Empty as for
     * {@link #peerCapsNode}.
     *
     * @since 1.2
     */
    default Optional<String> peerCapsVersion(Jid peer) {
        return Optional.empty();
    }
}
