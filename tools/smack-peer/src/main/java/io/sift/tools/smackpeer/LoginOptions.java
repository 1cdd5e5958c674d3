package io.sift.tools.smackpeer;

import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.parts.Resourcepart;

/** Where and as whom the peer logs in. Always plain TCP: this is a test peer for a local server. */
record LoginOptions(EntityBareJid jid, String password, String host, int port, Resourcepart resource) {

    @Override
    public String toString() {
        // never print the password
        return "LoginOptions[jid=" + jid + ", host=" + host + ", port=" + port + ", resource=" + resource + "]";
    }
}
