package io.sift.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * An XMPP account that is logged in right now.
 *
 * <p>One service is registered per configured account while it is online, and withdrawn while it
 * is offline; it comes back after a reconnect. Consumers pick an account with a filter on
 * {@link #JID}, e.g. {@code (sift.jid=alice@example.org)}.
 */
@ProviderType
public interface XmppAccount {

    /** Service property: the account's bare JID ({@code user@domain}). */
    String JID = "sift.jid";

    /** Service property: the full JID the server bound for this session ({@code user@domain/resource}). */
    String BOUND_JID = "sift.boundJid";

    /** The account's bare JID, e.g. {@code alice@example.org}. */
    String jid();

    /** The full JID of the current session, e.g. {@code alice@example.org/sift}. */
    String boundJid();
}
