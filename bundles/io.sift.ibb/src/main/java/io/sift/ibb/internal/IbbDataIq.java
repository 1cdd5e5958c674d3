package io.sift.ibb.internal;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.IqData;

/** A data block carried by an IQ set, which the receiver acknowledges with a result. */
final class IbbDataIq extends IQ {

    private final DataElement data;

    private IbbDataIq(DataElement data) {
        super(DataElement.ELEMENT, Ibb.NAMESPACE);
        this.data = data;
    }

    private IbbDataIq(IqData iqData, DataElement data) {
        super(iqData, DataElement.ELEMENT, Ibb.NAMESPACE);
        this.data = data;
    }

    /** A block to send (type set; the caller sets the recipient). */
    static IbbDataIq request(DataElement data) {
        IbbDataIq iq = new IbbDataIq(data);
        iq.setType(Type.set);
        return iq;
    }

    static IbbDataIq received(IqData iqData, DataElement data) {
        return new IbbDataIq(iqData, data);
    }

    DataElement data() {
        return data;
    }

    /** A copy with the same addressing and id but no payload, to build an error answer from. */
    IbbDataIq withoutPayload() {
        IbbDataIq copy = new IbbDataIq(data.withoutPayload());
        copy.setStanzaId(getStanzaId());
        copy.setFrom(getFrom());
        copy.setTo(getTo());
        copy.setType(getType());
        return copy;
    }

    @Override
    protected IQChildElementXmlStringBuilder getIQChildElementBuilder(IQChildElementXmlStringBuilder xml) {
        data.appendBody(xml);
        return xml;
    }
}
