package io.sift.tools.smackpeer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smackx.si.packet.StreamInitiation;
import org.jivesoftware.smackx.xdata.FormField;
import org.jivesoftware.smackx.xdata.ListSingleFormField;
import org.junit.jupiter.api.Test;

class Socks5OnlyOfferTest {

    /** An offer as Smack 4.4.8 sends it: both methods, SOCKS5 first. */
    static final String SMACK_OFFER = "<iq xmlns='jabber:client' type='set' id='o1' from='alice@localhost/smack'"
            + " to='bob@localhost/itest'>"
            + "<si xmlns='http://jabber.org/protocol/si' id='jsi_42' mime-type='text/plain'"
            + " profile='http://jabber.org/protocol/si/profile/file-transfer'>"
            + "<file xmlns='http://jabber.org/protocol/si/profile/file-transfer' name='a b.txt' size='5'>"
            + "<desc>d</desc></file>"
            + "<feature xmlns='http://jabber.org/protocol/feature-neg'><x xmlns='jabber:x:data' type='form'>"
            + "<field var='stream-method' type='list-single'>"
            + "<option><value>http://jabber.org/protocol/bytestreams</value></option>"
            + "<option><value>http://jabber.org/protocol/ibb</value></option>"
            + "</field></x></feature></si></iq>";

    private static List<String> options(StreamInitiation offer) {
        FormField field = offer.getFeatureNegotiationForm().getField("stream-method");
        return ((ListSingleFormField) field).getOptions().stream().map(FormField.Option::getValueString).toList();
    }

    @Test
    void offerListsSocks5Only() throws Exception {
        StreamInitiation offer = StanzaXml.parse(SMACK_OFFER);
        assertEquals(List.of("http://jabber.org/protocol/bytestreams", "http://jabber.org/protocol/ibb"), options(offer));

        Socks5OnlyOffer.restrict(offer);

        // what goes on the wire, read back as the receiver reads it
        StreamInitiation sent = StanzaXml.parse(offer.toXML());
        assertEquals(List.of("http://jabber.org/protocol/bytestreams"), options(sent));
        assertEquals("jsi_42", sent.getSessionID());
        assertEquals("a b.txt", sent.getFile().getName());
        assertEquals(5, sent.getFile().getSize());
        assertEquals("o1", sent.getStanzaId());
    }

    @Test
    void onlyOffersAreRewritten() throws Exception {
        assertTrue(Socks5OnlyOffer.isOffer(StanzaXml.parse(SMACK_OFFER)));
        StreamInitiation accept = StanzaXml.parse(SMACK_OFFER.replace("type='set'", "type='result'"));
        assertEquals(IQ.Type.result, accept.getType());
        assertFalse(Socks5OnlyOffer.isOffer(accept));
        assertFalse(Socks5OnlyOffer.isOffer(StanzaXml.parse(LoopbackStreamhostsTest.PROXY_OFFER)));
    }
}
