package io.sift.ibb.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.util.PacketParserUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Answers to data blocks as they arrive: XML parsed by Smack with this bundle's providers in place. */
class IbbErrorsTest {

    private static final IbbProviders PROVIDERS = new IbbProviders();

    @BeforeAll
    static void registerProviders() {
        PROVIDERS.register();
    }

    @AfterAll
    static void unregisterProviders() {
        PROVIDERS.unregister();
    }

    private static IQ answer(String error) throws Exception {
        return (IQ) PacketParserUtils.parseStanza("<iq xmlns='jabber:client' to='alice@localhost/a' "
                + "from='dave@localhost/smack' id='d1' type='error'>" + error
                + "<data xmlns='http://jabber.org/protocol/ibb' seq='1' sid='s'>AAAA</data></iq>");
    }

    @Test
    void smacksComplaintIsOutOfSequenceAndItsWordsAreKept() throws Exception {
        IQ answer = answer("<error type='wait'><unexpected-request xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>"
                + "<text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas' xml:lang='en'>Unexpected IBB sequence 1 received, "
                + "expected 0</text></error>");
        assertTrue(IbbErrors.isOutOfSequence(answer));
        assertEquals("error unexpected-request (\"Unexpected IBB sequence 1 received, expected 0\")",
                IbbErrors.describe(answer));
    }

    @Test
    void unexpectedRequestWithoutWordsIsOutOfSequence() throws Exception {
        // XEP-0047 answers a block whose sequence number was used already with unexpected-request
        IQ answer = answer("<error type='cancel'><unexpected-request xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>"
                + "</error>");
        assertTrue(IbbErrors.isOutOfSequence(answer));
        assertEquals("error unexpected-request", IbbErrors.describe(answer));
    }

    @Test
    void wordsAboutTheSequenceSaySoWhateverTheCondition() throws Exception {
        assertTrue(IbbErrors.isOutOfSequence(answer("<error type='cancel'><bad-request "
                + "xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/><text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>"
                + "Out of SEQUENCE packet</text></error>")));
    }

    @Test
    void otherRefusalsAreNot() throws Exception {
        assertFalse(IbbErrors.isOutOfSequence(answer("<error type='cancel'><item-not-found "
                + "xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error>")));
        assertFalse(IbbErrors.isOutOfSequence(answer("<error type='modify'><bad-request "
                + "xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/><text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>"
                + "invalid base64</text></error>")));
    }
}
