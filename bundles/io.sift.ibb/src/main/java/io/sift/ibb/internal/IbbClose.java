package io.sift.ibb.internal;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.IqData;

/** {@code <close xmlns='http://jabber.org/protocol/ibb' sid='..'/>}: either side ends the stream. */
final class IbbClose extends IQ {

    static final String ELEMENT = "close";

    private final String sid;

    private IbbClose(String sid) {
        super(ELEMENT, Ibb.NAMESPACE);
        this.sid = sid;
    }

    private IbbClose(IqData iqData, String sid) {
        super(iqData, ELEMENT, Ibb.NAMESPACE);
        this.sid = sid;
    }

    /** A close request to send (type set; the caller sets the recipient). */
    static IbbClose request(String sid) {
        IbbClose close = new IbbClose(sid);
        close.setType(Type.set);
        return close;
    }

    /** What a parser read; {@code sid} is null when the attribute is missing. */
    static IbbClose received(IqData iqData, String sid) {
        return new IbbClose(iqData, sid);
    }

    String sid() {
        return sid;
    }

    @Override
    protected IQChildElementXmlStringBuilder getIQChildElementBuilder(IQChildElementXmlStringBuilder xml) {
        xml.optAttribute("sid", sid);
        xml.setEmptyElement();
        return xml;
    }
}
