package io.sift.negotiation.internal;

import static io.sift.negotiation.internal.Xml.FT;
import static io.sift.negotiation.internal.Xml.IBB;
import static io.sift.negotiation.internal.Xml.S5B;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.jivesoftware.smack.SmackConfiguration;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.provider.IqProvider;
import org.jivesoftware.smack.provider.ProviderManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Which class a received {@code <si/>} becomes, with Smack initialised as in a running framework. */
class SiProviderRegistrationTest {

    private static final String SMACKS_OWN = "org.jivesoftware.smackx.si.packet.StreamInitiation";
    private static final String OFFER = "<iq xmlns='jabber:client' type='set' id='o1' from='" + Xml.PEER + "' to='" + Xml.LOCAL + "'>"
            + "<si xmlns='http://jabber.org/protocol/si' id='s1' mime-type='text/plain' profile='" + FT + "'>"
            + "<file xmlns='" + FT + "' name='a.txt' size='3'/>" + Xml.feature("form", S5B, IBB) + "</si></iq>";

    private IqProvider<IQ> before;

    @BeforeEach
    void initialiseSmack() {
        // Smack's one-time start-up registers smack-extensions' providers, its si provider among them
        SmackConfiguration.getVersion();
        before = ProviderManager.getIQProvider(SiNamespaces.SI_ELEMENT, SiNamespaces.SI);
    }

    @AfterEach
    void restoreSmacksProvider() {
        ProviderManager.removeIQProvider(SiNamespaces.SI_ELEMENT, SiNamespaces.SI);
        if (before != null) {
            ProviderManager.addIQProvider(SiNamespaces.SI_ELEMENT, SiNamespaces.SI, before);
        }
    }

    @Test
    void withoutThisBundlesProviderSmackParsesItsOwnClass() throws Exception {
        IQ iq = Xml.stanza(OFFER);
        assertEquals(SMACKS_OWN, iq.getClass().getName());
    }

    @Test
    void registeredProviderMakesOffersSiIqs() throws Exception {
        SiIqProvider provider = new SiIqProvider();
        SiProviderRegistration registration = new SiProviderRegistration(provider);
        registration.ensureRegistered();
        assertTrue(registration.isInPlace());

        SiIq si = assertInstanceOf(SiIq.class, Xml.stanza(OFFER));
        assertEquals(IQ.Type.set, si.getType());
        assertEquals("o1", si.getStanzaId());
        assertEquals(Xml.PEER, si.getFrom().toString());
        assertEquals("s1", si.sid());
        assertEquals(List.of(S5B, IBB), si.form().orElseThrow().options());

        registration.remove();
        assertFalse(registration.isInPlace());
        assertFalse(Xml.stanza(OFFER) instanceof SiIq);
    }

    @Test
    void ensureRegisteredPutsItBackWhenSomethingReplacedIt() throws Exception {
        SiIqProvider provider = new SiIqProvider();
        SiProviderRegistration registration = new SiProviderRegistration(provider);
        registration.ensureRegistered();
        ProviderManager.addIQProvider(SiNamespaces.SI_ELEMENT, SiNamespaces.SI, before);
        assertFalse(registration.isInPlace());
        registration.ensureRegistered();
        assertInstanceOf(SiIq.class, Xml.stanza(OFFER));
    }

    @Test
    void removeLeavesAProviderSomeoneElseRegistered() throws Exception {
        SiProviderRegistration registration = new SiProviderRegistration(new SiIqProvider());
        registration.ensureRegistered();
        SiIqProvider someoneElses = new SiIqProvider();
        ProviderManager.addIQProvider(SiNamespaces.SI_ELEMENT, SiNamespaces.SI, someoneElses);
        registration.remove();
        assertSame(someoneElses, ProviderManager.getIQProvider(SiNamespaces.SI_ELEMENT, SiNamespaces.SI));
    }

    @Test
    void offerParsedByAnotherProviderIsReadAgain() throws Exception {
        IQ smacks = Xml.stanza(OFFER);
        assertEquals(SMACKS_OWN, smacks.getClass().getName());
        SiIq si = new SiIqProvider().asSi(smacks).orElseThrow();
        assertEquals("s1", si.sid());
        assertEquals(FT, si.profile());
        assertEquals("o1", si.getStanzaId());
        assertEquals(Xml.PEER, si.getFrom().toString());
        assertEquals(IQ.Type.set, si.getType());
        assertEquals(List.of(S5B, IBB), si.form().orElseThrow().options());
        assertEquals("a.txt", si.payloadFor(FT).orElseThrow().getAttributeValue("name"));
    }

    @Test
    void offerWithoutAnyProviderIsReadAgainFromSmacksRawContent() throws Exception {
        // Smack's UnparsedIQ keeps the child's XML without the namespace declarations of nested elements
        ProviderManager.removeIQProvider(SiNamespaces.SI_ELEMENT, SiNamespaces.SI);
        IQ unparsed = Xml.stanza(OFFER);
        assertFalse(unparsed instanceof SiIq);
        SiIq si = new SiIqProvider().asSi(unparsed).orElseThrow();
        assertEquals("s1", si.sid());
        assertEquals(List.of(S5B, IBB), si.form().orElseThrow().options());
    }

    @Test
    void iqWithoutSiIsNotReadAsOne() throws Exception {
        IQ ping = Xml.stanza("<iq xmlns='jabber:client' type='get' id='p' from='" + Xml.PEER + "'><ping xmlns='urn:xmpp:ping'/></iq>");
        assertTrue(new SiIqProvider().asSi(ping).isEmpty());
    }
}
