package io.sift.tools.smackpeer;

import java.io.IOException;
import java.lang.reflect.Field;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

import org.jivesoftware.smack.StanzaListener;
import org.jivesoftware.smack.XMPPConnection;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smackx.bytestreams.socks5.packet.Bytestream;
import org.jivesoftware.smackx.bytestreams.socks5.packet.Bytestream.StreamHost;
import org.jxmpp.jid.Jid;

/**
 * Offers loopback addresses for Smack's local streamhost. Smack 4.4.8 drops every loopback address from its
 * own list (Socks5BytestreamManager.getLocalStreamHost skips InetAddress.isLoopbackAddress()), so on a
 * machine without a usable interface address there is no direct path at all. The loopback streamhosts are
 * added to the outgoing SOCKS5 request, in front: the target tries streamhosts in document order, and the
 * server's proxies come next. Smack itself still serves the connection: for a streamhost with its own JID
 * the initiator takes the socket from its local server socket, whichever address the target used.
 */
final class LoopbackStreamhosts {

    private final List<InetAddress> addresses;
    private final int port;
    private final Field streamHosts;

    LoopbackStreamhosts(List<InetAddress> addresses, int port) throws IOException {
        this.addresses = List.copyOf(addresses);
        this.port = port;
        try {
            // Bytestream hands out its streamhosts read-only and only appends: putting ours first needs the list
            this.streamHosts = Bytestream.class.getDeclaredField("streamHosts");
            this.streamHosts.setAccessible(true);
        } catch (NoSuchFieldException | RuntimeException e) {
            throw new IOException("this Smack version cannot be made to offer a loopback streamhost", e);
        }
    }

    // the stanza interceptor is deprecated in Smack 4.4 but is its only hook that can change an outgoing IQ
    @SuppressWarnings("deprecation")
    void install(XMPPConnection connection) {
        StanzaListener prepend = stanza -> prepend((Bytestream) stanza, connection.getUser());
        connection.addStanzaInterceptor(prepend, LoopbackStreamhosts::isStreamhostOffer);
    }

    /** The initiator's request to the target; the activation request to a proxy has no streamhosts. */
    static boolean isStreamhostOffer(Stanza stanza) {
        return stanza instanceof Bytestream request
                && request.getType() == IQ.Type.set
                && request.getToActivate() == null
                && request.countStreamHosts() > 0;
    }

    @SuppressWarnings("unchecked")
    void prepend(Bytestream request, Jid self) {
        List<StreamHost> ours = new ArrayList<>(addresses.size());
        for (InetAddress address : addresses) {
            ours.add(new StreamHost(self, address, port));
        }
        try {
            ((List<StreamHost>) streamHosts.get(request)).addAll(0, ours);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
