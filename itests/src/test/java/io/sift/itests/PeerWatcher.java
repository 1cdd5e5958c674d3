package io.sift.itests;

import java.net.InetAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.StanzaListener;
import org.jivesoftware.smack.filter.AndFilter;
import org.jivesoftware.smack.filter.FromMatchesFilter;
import org.jivesoftware.smack.filter.PresenceTypeFilter;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.jivesoftware.smackx.caps.EntityCapsManager;
import org.jivesoftware.smackx.caps.packet.CapsExtension;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.jivesoftware.smackx.iqversion.packet.Version;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;

/**
 * A plain Smack client (not SIFT) that watches one peer the way other clients do: it remembers the
 * capabilities of the peer's latest presence and keeps disco#info answers by capabilities version,
 * asking the peer only for a version it has not seen.
 */
final class PeerWatcher implements AutoCloseable {

    private final XMPPTCPConnection connection;
    private final Jid peer;
    private volatile CapsExtension latestCaps;
    private final Map<String, DiscoverInfo> answersByVer = new ConcurrentHashMap<>();

    private PeerWatcher(XMPPTCPConnection connection, Jid peer) {
        this.connection = connection;
        this.peer = peer;
    }

    /**
     * Logs in as {@code user/resource} and watches {@code peer} (a full JID). {@code onPresence} sees
     * each available presence of the peer on the thread that read it, before anything else happens.
     */
    static PeerWatcher login(String user, String resource, String peer, Consumer<Presence> onPresence)
            throws Exception {
        XMPPTCPConnection connection = new XMPPTCPConnection(XMPPTCPConnectionConfiguration.builder()
                .setXmppDomain(LocalProsody.DOMAIN)
                .setHostAddress(InetAddress.getByName(LocalProsody.HOST))
                .setPort(LocalProsody.c2sPort())
                .setUsernameAndPassword(user, LocalProsody.password(user))
                .setResource(resource)
                .setSecurityMode(SecurityMode.disabled)
                .build());
        PeerWatcher watcher = new PeerWatcher(connection, JidCreate.from(peer));
        StanzaListener listener = stanza -> {
            CapsExtension caps = CapsExtension.from(stanza);
            if (caps != null) {
                watcher.latestCaps = caps;
            }
            onPresence.accept((Presence) stanza);
        };
        // synchronous: runs before the next stanza is processed, as soon as the presence is read
        connection.addSyncStanzaListener(listener,
                new AndFilter(PresenceTypeFilter.AVAILABLE, FromMatchesFilter.createFull(watcher.peer)));
        connection.connect().login();
        return watcher;
    }

    XMPPTCPConnection connection() {
        return connection;
    }

    /** The capabilities of the peer's latest available presence, or null. */
    CapsExtension latestCaps() {
        return latestCaps;
    }

    /** Asks the peer itself (optionally at a node), never a cache. */
    DiscoverInfo ask(String node) throws Exception {
        DiscoverInfo request = DiscoverInfo.builder(connection).to(peer).setNode(node).build();
        return connection.createStanzaCollectorAndSend(request).nextResultOrThrow();
    }

    /** Sends a disco#info request at once and hands the answer over later: the result, or what went wrong. */
    void askAsync(Consumer<Object> answer) throws Exception {
        DiscoverInfo request = DiscoverInfo.builder(connection).to(peer).build();
        connection.sendIqRequestAsync(request).onSuccess(answer::accept).onError(answer::accept);
    }

    /**
     * The peer's features as a caching client sees them: the answer stored under the version of the
     * peer's latest presence, asked for at {@code node#ver} (and checked against the version) only
     * when that version is new.
     */
    DiscoverInfo cachedInfo() throws Exception {
        CapsExtension caps = latestCaps;
        if (caps == null) {
            return null;
        }
        DiscoverInfo known = answersByVer.get(caps.getVer());
        if (known != null) {
            return known;
        }
        DiscoverInfo answer = ask(caps.getNode() + "#" + caps.getVer());
        if (!EntityCapsManager.verifyDiscoverInfoVersion(caps.getVer(), caps.getHash(), answer)) {
            throw new AssertionError("the answer at " + caps.getNode() + "#" + caps.getVer()
                    + " does not match its version: " + answer.toXML());
        }
        answersByVer.put(caps.getVer(), answer);
        return answer;
    }

    Version softwareVersion() throws Exception {
        Version request = new Version(peer);
        return connection.createStanzaCollectorAndSend(request).nextResultOrThrow();
    }

    @Override
    public void close() {
        connection.disconnect();
    }
}
