package io.sift.ibb.internal;

import java.util.Optional;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.IqData;

import io.sift.common.Numbers;

/**
 * {@code <open xmlns='http://jabber.org/protocol/ibb' block-size='4096' sid='..' stanza='iq'/>}.
 *
 * <p>Attributes are kept as received: parsing never fails on a peer's values (Smack's default
 * reaction to a parsing exception is to drop the whole connection), and the typed accessors say
 * whether a value is usable, so the receiving side can answer with the right error.
 */
final class IbbOpen extends IQ {

    static final String ELEMENT = "open";

    private final String sid;
    private final String blockSize;
    private final String stanza;

    private IbbOpen(String sid, String blockSize, String stanza) {
        super(ELEMENT, Ibb.NAMESPACE);
        this.sid = sid;
        this.blockSize = blockSize;
        this.stanza = stanza;
    }

    private IbbOpen(IqData iqData, String sid, String blockSize, String stanza) {
        super(iqData, ELEMENT, Ibb.NAMESPACE);
        this.sid = sid;
        this.blockSize = blockSize;
        this.stanza = stanza;
    }

    /** An open request to send (type set; the caller sets the recipient). */
    static IbbOpen request(String sid, int blockSize, DataStanza stanza) {
        IbbOpen open = new IbbOpen(sid, Integer.toString(blockSize), stanza.attribute());
        open.setType(Type.set);
        return open;
    }

    /** What a parser read; any attribute may be null (missing). */
    static IbbOpen received(IqData iqData, String sid, String blockSize, String stanza) {
        return new IbbOpen(iqData, sid, blockSize, stanza);
    }

    /** The stream id, or null when the attribute is missing. */
    String sid() {
        return sid;
    }

    /**
     * The block size: its value (saturated at {@link Integer#MAX_VALUE}), or a value {@code <= 0} when
     * the attribute is missing, not a plain decimal number, or zero.
     */
    int blockSize() {
        return Numbers.unsignedDecimal(blockSize);
    }

    /** The data stanza: IQ when the attribute is missing (the XEP's default); empty for an unknown value. */
    Optional<DataStanza> stanza() {
        return stanza == null ? Optional.of(DataStanza.IQ) : DataStanza.fromAttribute(stanza);
    }

    String rawBlockSize() {
        return blockSize;
    }

    String rawStanza() {
        return stanza;
    }

    @Override
    protected IQChildElementXmlStringBuilder getIQChildElementBuilder(IQChildElementXmlStringBuilder xml) {
        xml.optAttribute("block-size", blockSize);
        xml.optAttribute("sid", sid);
        xml.optAttribute("stanza", stanza);
        xml.setEmptyElement();
        return xml;
    }
}
