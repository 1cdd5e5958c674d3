package io.sift.ibb.internal;

import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.util.XmlStringBuilder;

import io.sift.common.Numbers;

/**
 * {@code <data xmlns='http://jabber.org/protocol/ibb' seq='0' sid='..'>base64</data>}: one block,
 * as the child of an IQ ({@link IbbDataIq}) or as an extension of a message.
 *
 * <p>Like {@link IbbOpen}, it keeps what was received and judges it only when asked.
 */
final class DataElement implements ExtensionElement {

    static final String ELEMENT = "data";

    private final String sid;
    private final String seq;
    private final CharSequence payload;

    private DataElement(String sid, String seq, CharSequence payload) {
        this.sid = sid;
        this.seq = seq;
        this.payload = payload;
    }

    /** A block to send; {@code payload} is the block's base64 text. */
    static DataElement outgoing(String sid, int seq, Base64Text payload) {
        return new DataElement(sid, Integer.toString(seq), payload);
    }

    /**
     * What a parser read. {@code sid} and {@code seq} are null when missing; {@code payload} is null
     * when the element held anything but text (a child element), which no base64 block can be.
     */
    static DataElement received(String sid, String seq, CharSequence payload) {
        return new DataElement(sid, seq, payload);
    }

    /** The stream id, or null when the attribute is missing. */
    String sid() {
        return sid;
    }

    /** The sequence number, or {@code -1} when it is missing, not a number, or outside 0..65535. */
    int seq() {
        int value = Numbers.unsignedDecimal(seq);
        return value > Ibb.MAX_SEQ ? -1 : value;
    }

    String rawSeq() {
        return seq;
    }

    /** The base64 text as received (may contain whitespace), or null when the content was not text. */
    CharSequence payload() {
        return payload;
    }

    /** The same block without its payload: an error answer echoes the request, but never a peer's data back. */
    DataElement withoutPayload() {
        return new DataElement(sid, seq, "");
    }

    @Override
    public String getNamespace() {
        return Ibb.NAMESPACE;
    }

    @Override
    public String getElementName() {
        return ELEMENT;
    }

    /** Appends the attributes and the content to an element whose start tag is open ({@code <data xmlns='..'}). */
    void appendBody(XmlStringBuilder xml) {
        xml.optAttribute("seq", seq);
        xml.optAttribute("sid", sid);
        xml.rightAngleBracket();
        if (payload instanceof Base64Text text) {
            // our own base64: nothing to escape, and no copy of a large block
            xml.append(text.forWriter());
        } else if (payload != null) {
            xml.escape(payload);
        }
    }

    @Override
    public XmlStringBuilder toXML(XmlEnvironment enclosingNamespace) {
        XmlStringBuilder xml = new XmlStringBuilder(this, enclosingNamespace);
        appendBody(xml);
        xml.closeElement(this);
        return xml;
    }
}
