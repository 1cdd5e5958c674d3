package io.sift.tools.smackpeer;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.jivesoftware.smack.XMPPConnection;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smackx.bytestreams.ibb.packet.DataPacketExtension;
import org.jivesoftware.smackx.bytestreams.socks5.packet.Bytestream;
import org.jivesoftware.smackx.si.packet.StreamInitiation;
import org.jivesoftware.smackx.xdata.FormField;
import org.jivesoftware.smackx.xdata.packet.DataForm;
import org.jxmpp.jid.Jid;

/**
 * Which stream method each peer's last accepted offer chose, read from the SI accept (the receiver's
 * result with one stream-method value). Smack 4.4.8 does not fall back to the other method after an
 * accept, so the chosen method is the one that carries the data. Smack hands neither the stream nor the
 * chosen negotiator to the application, and incoming IQ requests (the bytestream opens) never reach
 * stanza listeners, so the accept is the one place where the method shows.
 *
 * <p>The accept names no stream id: transfers are told apart by peer. Two concurrent transfers with the
 * same peer that chose different methods would be reported with the later one's method.
 */
final class NegotiatedMethods {

    static final String UNKNOWN = "?";

    private final Map<String, String> byPeer = new HashMap<>();

    NegotiatedMethods() {
    }

    /** Watches accepts both ways: the ones this peer sends (receiving) and the ones it gets (sending). */
    static NegotiatedMethods watch(XMPPConnection connection) {
        NegotiatedMethods methods = new NegotiatedMethods();
        connection.addStanzaSendingListener(stanza -> methods.record(stanza.getTo(), stanza), NegotiatedMethods::isAccept);
        connection.addSyncStanzaListener(stanza -> methods.record(stanza.getFrom(), stanza), NegotiatedMethods::isAccept);
        return methods;
    }

    static boolean isAccept(Stanza stanza) {
        return stanza instanceof StreamInitiation accept && accept.getType() == IQ.Type.result;
    }

    /** ibb, socks5 or ? for a stream-method namespace. */
    static String methodName(String namespace) {
        if (Bytestream.NAMESPACE.equals(namespace)) {
            return "socks5";
        }
        if (DataPacketExtension.NAMESPACE.equals(namespace)) {
            return "ibb";
        }
        return UNKNOWN;
    }

    /**
     * The method chosen with this peer. Smack notifies listeners on threads of its own, so a transfer can
     * finish a moment before its accept was recorded: a complete transfer waits up to {@code grace}.
     */
    synchronized String methodWith(Jid peer, Duration grace) throws InterruptedException {
        String key = peer.toString();
        long deadline = System.nanoTime() + grace.toNanos();
        while (!byPeer.containsKey(key)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return UNKNOWN;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return byPeer.get(key);
    }

    void record(Jid peer, Stanza stanza) {
        if (peer == null) {
            return;
        }
        DataForm form = ((StreamInitiation) stanza).getFeatureNegotiationForm();
        FormField field = form == null ? null : form.getField(Socks5OnlyOffer.STREAM_METHOD);
        String method = field == null ? UNKNOWN : methodName(field.getFirstValue());
        synchronized (this) {
            byPeer.put(peer.toString(), method);
            notifyAll();
        }
    }
}
