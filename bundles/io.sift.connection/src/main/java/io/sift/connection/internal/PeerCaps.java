package io.sift.connection.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.jivesoftware.smack.StanzaListener;
import org.jivesoftware.smack.XMPPConnection;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smackx.caps.packet.CapsExtension;
import org.jxmpp.jid.Jid;

/**
 * The entity capabilities (XEP-0115) each peer announced in its latest presence on one connection:
 * the node tells what software the peer runs, the version string changes whenever its features do. SIFT turns Smack's own capabilities handling
 * off on its connections (see {@link AnnouncedCapabilities}), and with it Smack's record of what
 * peers announce; this takes that record's place, per connection rather than JVM-wide.
 */
final class PeerCaps implements AutoCloseable {

    private static final int PEERS_KEPT = 4096;

    private final XMPPConnection connection;
    private final StanzaListener listener = stanza -> record((Presence) stanza);
    private record Announced(String node, String ver) {
    }

    private final Map<Jid, Announced> nodes = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Jid, Announced> eldest) {
            return size() > PEERS_KEPT;
        }
    }; // guarded by itself

    PeerCaps(XMPPConnection connection) {
        this.connection = connection;
        // synchronous: recorded before any later stanza of the peer (an answer, an open request) is handled
        connection.addSyncStanzaListener(listener, StanzaTypeFilter.PRESENCE);
    }

    Optional<String> node(Jid peer) {
        synchronized (nodes) {
            return Optional.ofNullable(nodes.get(peer)).map(Announced::node);
        }
    }

    Optional<String> version(Jid peer) {
        synchronized (nodes) {
            return Optional.ofNullable(nodes.get(peer)).map(Announced::ver).filter(ver -> !ver.isEmpty());
        }
    }

    private void record(Presence presence) {
        Jid from = presence.getFrom();
        if (from == null) {
            return;
        }
        CapsExtension caps = CapsExtension.from(presence);
        synchronized (nodes) {
            if (presence.getType() == Presence.Type.available && caps != null && caps.getNode() != null) {
                nodes.put(from, new Announced(caps.getNode(), caps.getVer() == null ? "" : caps.getVer()));
            } else if (presence.getType() == Presence.Type.unavailable) {
                nodes.remove(from);
            }
        }
    }

    @Override
    public void close() {
        connection.removeSyncStanzaListener(listener);
    }
}
