package io.sift.connection.internal;

import java.util.Optional;

import org.jivesoftware.smack.XMPPConnection;
import org.jxmpp.jid.EntityFullJid;
import org.jxmpp.jid.Jid;

import io.sift.connection.AccountConnection;

/** The service object of one authenticated session. */
record RegisteredAccount(XMPPConnection connection, EntityFullJid user, PeerCaps peers) implements AccountConnection {

    @Override
    public String jid() {
        return user.asEntityBareJidString();
    }

    @Override
    public String boundJid() {
        return user.toString();
    }

    @Override
    public Optional<String> peerCapsNode(Jid peer) {
        return peers.node(peer);
    }

    @Override
    public Optional<String> peerCapsVersion(Jid peer) {
        return peers.version(peer);
    }
}
