package io.sift.negotiation.internal;

import static io.sift.negotiation.internal.Xml.FT;
import static io.sift.negotiation.internal.Xml.IBB;
import static io.sift.negotiation.internal.Xml.PEER;
import static io.sift.negotiation.internal.Xml.S5B;
import static io.sift.negotiation.internal.Xml.parseSi;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;

class SiIqBuildTest {

    private static final StandardExtensionElement FILE = StandardExtensionElement.builder("file", FT)
            .addAttribute("name", "a.txt").addAttribute("size", "3").build();

    private static Jid peer() throws Exception {
        return JidCreate.from(PEER);
    }

    @Test
    void offerIsWrittenAsXep0095Shows() throws Exception {
        SiIq offer = SiIq.offer(peer(), "sid1", FT, "text/plain", FILE, List.of(S5B, IBB));
        assertEquals(IQ.Type.set, offer.getType());
        assertEquals(PEER, offer.getTo().toString());
        assertEquals("<si xmlns='http://jabber.org/protocol/si' id='sid1' mime-type='text/plain' profile='" + FT + "'>"
                + "<file xmlns='" + FT + "' name='a.txt' size='3'></file>"
                + "<feature xmlns='http://jabber.org/protocol/feature-neg'><x xmlns='jabber:x:data' type='form'>"
                + "<field var='stream-method' type='list-single'>"
                + "<option><value>" + S5B + "</value></option><option><value>" + IBB + "</value></option>"
                + "</field></x></feature></si>", offer.getChildElementXML().toString());
    }

    @Test
    void emptyPayloadElementsAreWrittenWithAnEndTag() throws Exception {
        // Smack writes StandardExtensionElements so; equivalent XML, noted here so the expectations above read right
        assertEquals("<file xmlns='" + FT + "' name='a.txt' size='3'></file>", FILE.toXML().toString());
    }

    @Test
    void offerWithoutMimeTypeLeavesTheAttributeOut() throws Exception {
        SiIq offer = SiIq.offer(peer(), "sid1", FT, null, FILE, List.of(IBB));
        assertTrue(!offer.getChildElementXML().toString().contains("mime-type"));
    }

    @Test
    void answerCarriesExactlyOneValueAndAddressesTheRequest() throws Exception {
        SiIq request = Xml.request(PEER, "req-7", Xml.offer("s", FT, S5B, IBB));
        StandardExtensionElement range = StandardExtensionElement.builder("file", FT)
                .addElement(StandardExtensionElement.builder("range", FT).addAttribute("offset", "10").build()).build();
        SiIq answer = SiIq.answer(request, IBB, Optional.of(range));
        assertEquals(IQ.Type.result, answer.getType());
        assertEquals(PEER, answer.getTo().toString());
        assertEquals("req-7", answer.getStanzaId());
        assertEquals("<si xmlns='http://jabber.org/protocol/si'>"
                + "<file xmlns='" + FT + "'><range offset='10'></range></file>"
                + "<feature xmlns='http://jabber.org/protocol/feature-neg'><x xmlns='jabber:x:data' type='submit'>"
                + "<field var='stream-method'><value>" + IBB + "</value></field></x></feature></si>",
                answer.getChildElementXML().toString());
    }

    @Test
    void builtOfferReadsBackTheSame() throws Exception {
        SiIq offer = SiIq.offer(peer(), "sid1", FT, "application/pdf", FILE, List.of(S5B, IBB));
        SiIq read = parseSi(offer.getChildElementXML().toString());
        assertEquals("sid1", read.sid());
        assertEquals("application/pdf", read.mimeType());
        assertEquals(FT, read.profile());
        assertEquals(List.of(S5B, IBB), read.form().orElseThrow().options());
        assertEquals(FILE.toXML().toString(), read.payloadFor(FT).orElseThrow().toXML().toString());
    }

    @Test
    void markupInPayloadTextIsEscapedNotInjected() throws Exception {
        String hostile = "</desc></file></si></iq><iq type='set'><evil/>&amp;";
        StandardExtensionElement file = StandardExtensionElement.builder("file", FT)
                .addAttribute("name", "a'\"<>&.txt")
                .addElement(StandardExtensionElement.builder("desc", FT).setText(hostile).build()).build();
        SiIq offer = SiIq.offer(peer(), "sid1", FT, null, file, List.of(IBB));
        SiIq read = parseSi(offer.getChildElementXML().toString());
        StandardExtensionElement readFile = read.payloadFor(FT).orElseThrow();
        assertEquals(hostile, readFile.getFirstElement("desc").getText());
        assertEquals("a'\"<>&.txt", readFile.getAttributeValue("name"));
        assertEquals(1, read.payloads().size());
    }

    @Test
    void offerRefusesWhatItMustNotSend() throws Exception {
        Jid to = peer();
        assertThrows(IllegalArgumentException.class, () -> SiIq.offer(to, "", FT, null, FILE, List.of(IBB)));
        assertThrows(IllegalArgumentException.class, () -> SiIq.offer(to, "a\nb", FT, null, FILE, List.of(IBB)));
        assertThrows(IllegalArgumentException.class, () -> SiIq.offer(to, "sid", "", null, FILE, List.of(IBB)));
        assertThrows(IllegalArgumentException.class, () -> SiIq.offer(to, "sid", FT + "\u0000", null, FILE, List.of(IBB)));
        assertThrows(IllegalArgumentException.class, () -> SiIq.offer(to, "sid", FT, "text/\u0085plain", FILE, List.of(IBB)));
        assertThrows(IllegalArgumentException.class, () -> SiIq.offer(to, "sid", FT, null, FILE, List.of()));
        assertThrows(IllegalArgumentException.class, () -> SiIq.offer(to, "sid", FT, null, FILE, List.of(IBB, " ")));
        assertThrows(IllegalArgumentException.class, () -> SiIq.offer(to, "sid", FT, null, FILE, List.of("\uD800")));
    }

    @Test
    void mimeTypeWithParametersIsSent() throws Exception {
        SiIq offer = SiIq.offer(peer(), "sid1", FT, "text/plain; charset=UTF-8", FILE, List.of(IBB));
        assertEquals("text/plain; charset=UTF-8", parseSi(offer.getChildElementXML().toString()).mimeType());
    }

    @Test
    void answerRefusesAnUnsendableMethod() throws Exception {
        SiIq request = Xml.request(PEER, "r", Xml.offer("s", FT, IBB));
        assertThrows(IllegalArgumentException.class, () -> SiIq.answer(request, "", Optional.empty()));
        assertThrows(IllegalArgumentException.class, () -> SiIq.answer(request, "urn:\u0001", Optional.empty()));
    }
}
