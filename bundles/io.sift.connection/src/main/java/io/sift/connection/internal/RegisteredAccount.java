package io.sift.connection.internal;

import org.jivesoftware.smack.XMPPConnection;
import org.jxmpp.jid.EntityFullJid;

import io.sift.connection.AccountConnection;

/** The service object of one authenticated session. */
record RegisteredAccount(XMPPConnection connection, EntityFullJid user) implements AccountConnection {

    @Override
    public String jid() {
        return user.asEntityBareJidString();
    }

    @Override
    public String boundJid() {
        return user.toString();
    }
}
