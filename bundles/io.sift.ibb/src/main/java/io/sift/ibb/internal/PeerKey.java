package io.sift.ibb.internal;

import java.util.Locale;

import org.jxmpp.jid.Jid;

/** A peer's full JID as a map key: the bare part ignoring case, the resource exactly (as XMPP compares them). */
final class PeerKey {

    private PeerKey() {
    }

    static String of(Jid peer) {
        String bare = peer.asBareJid().toString().toLowerCase(Locale.ROOT);
        return peer.hasResource() ? bare + "/" + peer.getResourceOrThrow() : bare;
    }
}
