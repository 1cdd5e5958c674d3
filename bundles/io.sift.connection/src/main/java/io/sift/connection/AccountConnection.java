package io.sift.connection;

import org.jivesoftware.smack.XMPPConnection;
import org.jxmpp.jid.EntityFullJid;
import org.osgi.annotation.versioning.ProviderType;

import io.sift.api.XmppAccount;

/**
 * A logged-in account together with its Smack connection.
 *
 * <p>Registered (under this interface and {@link XmppAccount}) while the account is authenticated and
 * withdrawn when the connection drops, so a component that references it is only active while the
 * connection can carry stanzas. Handlers a consumer adds to {@link #connection()} must be removed
 * when the consumer deactivates.
 */
@ProviderType
public interface AccountConnection extends XmppAccount {

    /** The authenticated connection. */
    XMPPConnection connection();

    /** The full JID bound for this session. */
    EntityFullJid user();
}
