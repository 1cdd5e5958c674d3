package io.sift.ibb.internal;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.util.PacketParserUtils;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.jivesoftware.smackx.iqversion.packet.Version;

/** What peers answer to disco#info and version requests, written as XML and parsed by Smack's providers. */
final class PeerAnswers {

    /** Smack 4.4.8's disco#info: its default identity, and some of the features its managers announce. */
    static final String SMACK_DISCO = "<identity category='client' type='pc' name='Smack'/>"
            + "<feature var='http://jabber.org/protocol/disco#info'/><feature var='jabber:iq:version'/>"
            + "<feature var='http://jabber.org/protocol/ibb'/><feature var='http://jabber.org/protocol/si'/>";

    /** The disco#info of a SIFT build that kept Smack's identity: SIFT's own file check is among the features. */
    static final String SIFT_DISCO = "<identity category='client' type='pc' name='Smack'/>"
            + "<feature var='http://jabber.org/protocol/ibb'/><feature var='" + PeerDescription.SIFT_FEATURE + "'/>";

    private PeerAnswers() {
    }

    static boolean isDiscoInfo(IQ request) {
        return request.getType() == IQ.Type.get && DiscoverInfo.NAMESPACE.equals(request.getChildElementNamespace());
    }

    static boolean isVersion(IQ request) {
        return request.getType() == IQ.Type.get && Version.NAMESPACE.equals(request.getChildElementNamespace());
    }

    static IQ discoInfo(IQ request, String content) {
        return parse(request, "<query xmlns='" + DiscoverInfo.NAMESPACE + "'>" + content + "</query>");
    }

    static IQ version(IQ request, String name) {
        return parse(request, "<query xmlns='" + Version.NAMESPACE + "'><name>" + name
                + "</name><version>1.0</version></query>");
    }

    /** A plain Smack client answers version requests so when its application set no version. */
    static IQ notAcceptable(IQ request) {
        return parseError(request, "not-acceptable", "cancel");
    }

    static IQ serviceUnavailable(IQ request) {
        return parseError(request, "service-unavailable", "cancel");
    }

    private static IQ parseError(IQ request, String condition, String type) {
        return parseIq(request, "error", "<error type='" + type + "'><" + condition
                + " xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error>");
    }

    private static IQ parse(IQ request, String child) {
        return parseIq(request, "result", child);
    }

    private static IQ parseIq(IQ request, String type, String child) {
        String xml = "<iq xmlns='jabber:client' type='" + type + "' id='" + request.getStanzaId() + "' from='"
                + request.getTo() + "' to='alice@localhost/a'>" + child + "</iq>";
        try {
            return (IQ) PacketParserUtils.parseStanza(xml);
        } catch (Exception e) {
            throw new IllegalStateException("cannot parse " + xml, e);
        }
    }
}
