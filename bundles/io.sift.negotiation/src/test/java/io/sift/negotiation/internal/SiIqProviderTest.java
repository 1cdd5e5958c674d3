package io.sift.negotiation.internal;

import static io.sift.negotiation.internal.Xml.FT;
import static io.sift.negotiation.internal.Xml.IBB;
import static io.sift.negotiation.internal.Xml.S5B;
import static io.sift.negotiation.internal.Xml.feature;
import static io.sift.negotiation.internal.Xml.offer;
import static io.sift.negotiation.internal.Xml.parseSi;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smack.xml.XmlPullParserException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SiIqProviderTest {

    private static final String SI = "<si xmlns='http://jabber.org/protocol/si'";

    @Test
    void readsACompleteOffer() throws Exception {
        SiIq si = parseSi(offer("s5b_405645b", FT, S5B, IBB));
        assertEquals("s5b_405645b", si.sid());
        assertEquals("text/plain", si.mimeType());
        assertEquals(FT, si.profile());
        assertEquals(Optional.empty(), si.malformation());
        StreamMethodForm form = si.form().orElseThrow();
        assertEquals("form", form.formType());
        assertTrue(form.hasMethodField());
        assertEquals(List.of(S5B, IBB), form.options());
        assertEquals(List.of(), form.values());

        assertEquals(1, si.payloads().size());
        StandardExtensionElement file = si.payloadFor(FT).orElseThrow();
        assertEquals("file", file.getElementName());
        assertEquals(FT, file.getNamespace());
        assertEquals("test.txt", file.getAttributeValue("name"));
        assertEquals("1022", file.getAttributeValue("size"));
        assertEquals("a file", file.getFirstElement("desc").getText());
        assertTrue(file.getFirstElement("range") != null);
    }

    @Test
    void readsAnAnswerWithOneValue() throws Exception {
        SiIq si = parseSi(SI + "><feature xmlns='http://jabber.org/protocol/feature-neg'><x xmlns='jabber:x:data' type='submit'>"
                + "<field var='stream-method'><value>" + IBB + "</value></field></x></feature></si>");
        StreamMethodForm form = si.form().orElseThrow();
        assertEquals("submit", form.formType());
        assertEquals(List.of(IBB), form.values());
        assertEquals(List.of(), form.options());
        assertNull(si.sid());
        assertEquals(List.of(), si.payloads());
    }

    @Test
    void keepsBothValuesOfASmack43Answer() throws Exception {
        SiIq si = parseSi(SI + "><feature xmlns='http://jabber.org/protocol/feature-neg'><x xmlns='jabber:x:data' type='submit'>"
                + "<field var='stream-method'><value>" + S5B + "</value><value>" + IBB + "</value></field></x></feature></si>");
        assertEquals(List.of(S5B, IBB), si.form().orElseThrow().values());
    }

    @Test
    void missingAttributesAreNull() throws Exception {
        SiIq si = parseSi(offer(null, null, IBB));
        assertNull(si.sid());
        assertNull(si.profile());
        assertEquals(List.of(IBB), si.form().orElseThrow().options());
    }

    @Test
    void offerWithoutFeatureHasNoForm() throws Exception {
        SiIq si = parseSi(SI + " id='a' profile='" + FT + "'><file xmlns='" + FT + "' name='x' size='1'/></si>");
        assertEquals(Optional.empty(), si.form());
        assertEquals(1, si.payloads().size());
    }

    @Test
    void emptyFieldHasNoOptions() throws Exception {
        SiIq si = parseSi(SI + " id='a' profile='" + FT + "'>" + feature("form") + "</si>");
        StreamMethodForm form = si.form().orElseThrow();
        assertTrue(form.hasMethodField());
        assertEquals(List.of(), form.options());
    }

    @Test
    void formWithoutTheMethodFieldSaysSo() throws Exception {
        SiIq si = parseSi(SI + " id='a'><feature xmlns='http://jabber.org/protocol/feature-neg'><x xmlns='jabber:x:data' type='form'>"
                + "<field var='something-else'><option><value>" + IBB + "</value></option></field></x></feature></si>");
        StreamMethodForm form = si.form().orElseThrow();
        assertFalse(form.hasMethodField());
        assertEquals(List.of(), form.options());
    }

    @Test
    void whitespaceAroundOptionsIsStrippedAndBlankOnesDropped() throws Exception {
        SiIq si = parseSi(SI + " id='a'>" + feature("form", "\n   " + S5B + "  \t", "   ", "", IBB + "\n") + "</si>");
        assertEquals(List.of(S5B, IBB), si.form().orElseThrow().options());
    }

    @Test
    void escapedCharactersInValuesAreDecoded() throws Exception {
        SiIq si = parseSi(SI + " id='a'>" + feature("form", "urn:x:a&amp;b&lt;c&gt;") + "</si>");
        assertEquals(List.of("urn:x:a&b<c>"), si.form().orElseThrow().options());
    }

    @Test
    void unknownChildrenAreKeptAsPayloadInOrder() throws Exception {
        SiIq si = parseSi(SI + " id='a' profile='" + FT + "'>"
                + "<thumbnail xmlns='urn:xmpp:thumbs:1' uri='cid:x' width='10'/>"
                + "<file xmlns='" + FT + "' name='x' size='1'/>"
                + "<extra xmlns='urn:example' xmlns:e='urn:example:e' e:flag='yes'><inner>text</inner></extra>"
                + feature("form", IBB) + "</si>");
        assertEquals(List.of("thumbnail", "file", "extra"),
                si.payloads().stream().map(StandardExtensionElement::getElementName).toList());
        assertEquals("file", si.payloadFor(FT).orElseThrow().getElementName());
        StandardExtensionElement extra = si.payloads().get(2);
        assertEquals("yes", extra.getAttributeValue("e:flag"));
        assertEquals("urn:example:e", extra.getAttributeValue("xmlns:e"));
        assertEquals("text", extra.getFirstElement("inner").getText());
        // kept as received: written out again, it reads the same
        SiIq again = parseSi(si.getChildElementXML().toString());
        assertEquals(si.getChildElementXML().toString(), again.getChildElementXML().toString());
    }

    @Test
    void payloadOutsideTheProfileNamespaceIsStillFound() throws Exception {
        SiIq si = parseSi(SI + " id='a' profile='urn:custom'><data xmlns='urn:other'/>" + feature("form", IBB) + "</si>");
        assertEquals("data", si.payloadFor("urn:custom").orElseThrow().getElementName());
    }

    @Test
    void hugeAttributeValuesAreReadAsTheyAre() throws Exception {
        String huge = "x".repeat(200_000);
        SiIq si = parseSi(offer(huge, FT, IBB));
        assertEquals(huge, si.sid());
    }

    @Test
    void overlongValuesAreDropped() throws Exception {
        SiIq si = parseSi(SI + " id='a'>" + feature("form", IBB + "x".repeat(SiIqProvider.MAX_VALUE_LENGTH), S5B) + "</si>");
        assertEquals(List.of(S5B), si.form().orElseThrow().options());
    }

    @Test
    void junkInsideTheFormIsSkipped() throws Exception {
        SiIq si = parseSi(SI + " id='a'><feature xmlns='http://jabber.org/protocol/feature-neg'>"
                + "<junk><x xmlns='jabber:x:data'/></junk>"
                + "<x xmlns='jabber:x:data' type='form'><title>t</title><field var='stream-method' type='list-single'>"
                + "<desc><value>urn:not-an-option</value></desc>"
                + "<option label='a'><junk/><value>" + S5B + "</value></option>"
                + "<option><value>" + IBB + "<b>x</b></value></option>"
                + "</field><field var='stream-method'><option><value>urn:second-field</value></option></field></x>"
                + "</feature>" + feature("form", "urn:second-feature") + "</si>");
        // the second feature and the second field are ignored; text inside junk in a value is kept with it
        assertEquals(List.of(S5B, IBB + "x"), si.form().orElseThrow().options());
        assertEquals(List.of(), si.payloads());
    }

    @Test
    void deeplyNestedPayloadIsMarkedMalformedAndTheRestIsRead() throws Exception {
        int depth = SiIqProvider.MAX_PAYLOAD_DEPTH + 5;
        String nested = "<a>".repeat(depth) + "</a>".repeat(depth);
        SiIq si = parseSi(SI + " id='a' profile='" + FT + "'><deep xmlns='urn:junk'>" + nested + "</deep>"
                + feature("form", IBB) + "</si>");
        assertTrue(si.malformation().orElseThrow().contains("nested"));
        assertEquals(List.of(IBB), si.form().orElseThrow().options());
    }

    @Test
    void payloadJustWithinTheDepthLimitIsKept() throws Exception {
        int depth = SiIqProvider.MAX_PAYLOAD_DEPTH - 1;
        String nested = "<a>".repeat(depth) + "</a>".repeat(depth);
        SiIq si = parseSi(SI + " id='a'><deep xmlns='urn:junk'>" + nested + "</deep></si>");
        assertEquals(Optional.empty(), si.malformation());
        assertEquals(1, si.payloads().size());
    }

    @Test
    void payloadInTheEmptyNamespaceIsMarkedMalformedNotThrown() throws Exception {
        // Smack's element builder rejects an empty namespace; thrown from a provider, that would close the connection
        SiIq si = parseSi(SI + " id='a'><junk xmlns=''><inner xmlns=''/></junk>" + feature("form", IBB) + "</si>");
        assertTrue(si.malformation().orElseThrow().contains("unusable payload"));
        assertEquals(List.of(), si.payloads());
        assertEquals(List.of(IBB), si.form().orElseThrow().options());
    }

    @Test
    void featureInAWrongNamespaceIsPayloadNotForm() throws Exception {
        SiIq si = parseSi(SI + " id='a'><feature xmlns='urn:bogus'><x xmlns='jabber:x:data' type='form'>"
                + "<field var='stream-method'><option><value>" + IBB + "</value></option></field></x></feature></si>");
        assertEquals(Optional.empty(), si.form());
        assertEquals("urn:bogus", si.payloads().get(0).getNamespace());
    }

    @Test
    void featureAndFormWithoutNamespacesOfTheirOwnAreAccepted() throws Exception {
        SiIq si = parseSi(SI + " id='a'><feature><x type='form'><field var='stream-method'>"
                + "<option><value>" + IBB + "</value></option></field></x></feature></si>");
        assertEquals(List.of(IBB), si.form().orElseThrow().options());
        assertEquals(List.of(), si.payloads());
    }

    @Test
    void formInAWrongNamespaceIsIgnored() throws Exception {
        SiIq si = parseSi(SI + " id='a'><feature xmlns='http://jabber.org/protocol/feature-neg'><x xmlns='urn:bogus' type='form'>"
                + "<field var='stream-method'><option><value>" + IBB + "</value></option></field></x></feature></si>");
        assertEquals(Optional.empty(), si.form());
    }

    @Test
    void controlCharactersFromCharacterReferencesAreKeptForTheCheckToRefuse() throws Exception {
        SiIq si = parseSi(offer("a&#x9;b", FT, IBB));
        assertEquals("a\tb", si.sid());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "<si xmlns='http://jabber.org/protocol/si' id='a'><file xmlns='x'>",
        "<si xmlns='http://jabber.org/protocol/si' id='a'><feature xmlns='http://jabber.org/protocol/feature-neg'><x xmlns='jabber:x:data'><field var='stream-method'><option><value>ab",
        "<si xmlns='http://jabber.org/protocol/si' id='a'>",
    })
    void truncatedXmlFailsWithAParserError(String truncated) {
        assertThrows(XmlPullParserException.class, () -> parseSi(truncated));
    }

    @Test
    void illegalXmlCharacterFailsWithAParserError() {
        assertThrows(XmlPullParserException.class, () -> parseSi(offer("a&#x1;b", FT, IBB)));
    }
}
