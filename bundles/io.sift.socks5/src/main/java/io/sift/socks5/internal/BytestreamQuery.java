package io.sift.socks5.internal;

import java.util.List;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.IqData;

/**
 * {@code <query xmlns='http://jabber.org/protocol/bytestreams'/>} in all its uses: the initiator's
 * offer of streamhosts, the target's {@code <streamhost-used/>}, the activation request to a proxy,
 * and the question to a proxy for its address and the answer.
 *
 * <p>Values are kept as received: parsing never fails on a peer's values (Smack's default reaction
 * to a parsing exception is to drop the whole connection), and {@link OfferCheck} decides whether
 * they are usable so the right error can be answered.
 */
final class BytestreamQuery extends IQ {

    /** A {@code <streamhost/>} as received; any attribute may be null (missing). */
    record RawStreamhost(String jid, String host, String port) {
    }

    static final String STREAMHOST = "streamhost";
    static final String STREAMHOST_USED = "streamhost-used";
    static final String ACTIVATE = "activate";

    private final String sid;
    private final String mode;
    private final List<RawStreamhost> streamhosts;
    private final String streamhostUsed;
    private final String activate;

    private BytestreamQuery(IqData iqData, String sid, String mode, List<RawStreamhost> streamhosts,
            String streamhostUsed, String activate) {
        super(iqData, Bytestreams.QUERY, Bytestreams.NAMESPACE);
        this.sid = sid;
        this.mode = mode;
        this.streamhosts = List.copyOf(streamhosts);
        this.streamhostUsed = streamhostUsed;
        this.activate = activate;
    }

    private BytestreamQuery(String sid, String mode, List<RawStreamhost> streamhosts, String streamhostUsed,
            String activate) {
        super(Bytestreams.QUERY, Bytestreams.NAMESPACE);
        this.sid = sid;
        this.mode = mode;
        this.streamhosts = List.copyOf(streamhosts);
        this.streamhostUsed = streamhostUsed;
        this.activate = activate;
    }

    /** The initiator's offer (type set, mode tcp; the caller sets the recipient). */
    static BytestreamQuery offer(String sid, List<Streamhost> streamhosts) {
        List<RawStreamhost> raw = streamhosts.stream()
                .map(s -> new RawStreamhost(s.jid(), s.host(), Integer.toString(s.port())))
                .toList();
        BytestreamQuery query = new BytestreamQuery(sid, "tcp", raw, null, null);
        query.setType(Type.set);
        return query;
    }

    /** The target's answer to {@code offer}: the streamhost it connected to. */
    static BytestreamQuery used(IQ offer, String sid, String streamhostJid) {
        BytestreamQuery answer = new BytestreamQuery(sid, null, List.of(), streamhostJid, null);
        answer.setType(Type.result);
        answer.setStanzaId(offer.getStanzaId());
        answer.setTo(offer.getFrom());
        answer.setFrom(offer.getTo());
        return answer;
    }

    /** The initiator's request to a proxy to start relaying between the two connections. */
    static BytestreamQuery activate(String sid, String targetJid) {
        BytestreamQuery query = new BytestreamQuery(sid, null, List.of(), null, targetJid);
        query.setType(Type.set);
        return query;
    }

    /** The question to a proxy for its network address (type get, empty query). */
    static BytestreamQuery addressRequest() {
        BytestreamQuery query = new BytestreamQuery(null, null, List.of(), null, null);
        query.setType(Type.get);
        return query;
    }

    /** What a parser read. */
    static BytestreamQuery received(IqData iqData, String sid, String mode, List<RawStreamhost> streamhosts,
            String streamhostUsed, String activate) {
        return new BytestreamQuery(iqData, sid, mode, streamhosts, streamhostUsed, activate);
    }

    /** The stream id, or null when the attribute is missing. */
    String sid() {
        return sid;
    }

    /** The mode attribute as received, or null (the XEP's default is tcp). */
    String mode() {
        return mode;
    }

    List<RawStreamhost> streamhosts() {
        return streamhosts;
    }

    /** The jid of {@code <streamhost-used/>}, or null when there is none. */
    String streamhostUsed() {
        return streamhostUsed;
    }

    /** The text of {@code <activate/>}, or null when there is none. */
    String activateTarget() {
        return activate;
    }

    @Override
    protected IQChildElementXmlStringBuilder getIQChildElementBuilder(IQChildElementXmlStringBuilder xml) {
        xml.optAttribute("sid", sid);
        xml.optAttribute("mode", mode);
        if (streamhosts.isEmpty() && streamhostUsed == null && activate == null) {
            xml.setEmptyElement();
            return xml;
        }
        xml.rightAngleBracket();
        for (RawStreamhost host : streamhosts) {
            xml.halfOpenElement(STREAMHOST);
            xml.optAttribute("jid", host.jid());
            xml.optAttribute("host", host.host());
            xml.optAttribute("port", host.port());
            xml.closeEmptyElement();
        }
        if (streamhostUsed != null) {
            xml.halfOpenElement(STREAMHOST_USED);
            xml.attribute("jid", streamhostUsed);
            xml.closeEmptyElement();
        }
        if (activate != null) {
            xml.element(ACTIVATE, activate);
        }
        return xml;
    }
}
