package io.sift.negotiation.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StanzaError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.sift.negotiation.NegotiationException;
import io.sift.negotiation.NegotiationException.Kind;

class AnswerErrorsTest {

    private static StanzaError error(String errorXml) throws Exception {
        IQ iq = Xml.stanza("<iq xmlns='jabber:client' type='error' id='1' from='" + Xml.PEER + "'>" + errorXml + "</iq>");
        assertEquals(IQ.Type.error, iq.getType());
        return iq.getError();
    }

    private static String condition(String type, String condition, String extra) {
        return "<error type='" + type + "'><" + condition + " xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>" + extra + "</error>";
    }

    @Test
    void forbiddenIsADeclineWithItsText() throws Exception {
        NegotiationException e = AnswerErrors.forAnswer(error("<error type='cancel'>"
                + "<forbidden xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>"
                + "<text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>Offer Declined</text></error>"), Xml.PEER);
        assertEquals(Kind.DECLINED, e.kind());
        assertTrue(e.getMessage().contains("Offer Declined"), e.getMessage());
        assertTrue(e.getMessage().contains(Xml.PEER), e.getMessage());
    }

    @Test
    void noValidStreamsIsRecognised() throws Exception {
        NegotiationException e = AnswerErrors.forAnswer(error(condition("cancel", "bad-request",
                "<no-valid-streams xmlns='http://jabber.org/protocol/si'/>")), Xml.PEER);
        assertEquals(Kind.NO_VALID_STREAMS, e.kind());
    }

    @Test
    void badProfileMeansNotSupported() throws Exception {
        NegotiationException e = AnswerErrors.forAnswer(error(condition("modify", "bad-request",
                "<bad-profile xmlns='http://jabber.org/protocol/si'/>")), Xml.PEER);
        assertEquals(Kind.NOT_SUPPORTED, e.kind());
    }

    @Test
    void siChildDecidesEvenWithAnotherCondition() throws Exception {
        NegotiationException e = AnswerErrors.forAnswer(error(condition("cancel", "not-acceptable",
                "<no-valid-streams xmlns='http://jabber.org/protocol/si'/>")), Xml.PEER);
        assertEquals(Kind.NO_VALID_STREAMS, e.kind());
    }

    @Test
    void siChildInAnotherNamespaceDoesNotCount() throws Exception {
        NegotiationException e = AnswerErrors.forAnswer(error(condition("cancel", "bad-request",
                "<no-valid-streams xmlns='urn:bogus'/>")), Xml.PEER);
        assertEquals(Kind.PROTOCOL_ERROR, e.kind());
    }

    @ParameterizedTest
    @CsvSource({
        "cancel, service-unavailable, NOT_SUPPORTED",
        "cancel, feature-not-implemented, NOT_SUPPORTED",
        "wait, recipient-unavailable, PEER_UNAVAILABLE",
        "cancel, item-not-found, PEER_UNAVAILABLE",
        "cancel, remote-server-not-found, PEER_UNAVAILABLE",
        "modify, bad-request, PROTOCOL_ERROR",
        "cancel, not-acceptable, PROTOCOL_ERROR",
        "wait, internal-server-error, PROTOCOL_ERROR",
        "wait, resource-constraint, BUSY",
        "cancel, resource-constraint, PROTOCOL_ERROR",
    })
    void conditionsOfAnswersMapToKinds(String type, String condition, Kind kind) throws Exception {
        assertEquals(kind, AnswerErrors.forAnswer(error(condition(type, condition, "")), Xml.PEER).kind());
    }

    @ParameterizedTest
    @CsvSource({
        "cancel, service-unavailable, PEER_UNAVAILABLE",
        "wait, recipient-unavailable, PEER_UNAVAILABLE",
        "cancel, item-not-found, PEER_UNAVAILABLE",
        "cancel, remote-server-not-found, PEER_UNAVAILABLE",
        "cancel, feature-not-implemented, NOT_SUPPORTED",
        "auth, forbidden, PROTOCOL_ERROR",
    })
    void conditionsOfDiscoErrorsMapToKinds(String type, String condition, Kind kind) throws Exception {
        assertEquals(kind, AnswerErrors.forDisco(error(condition(type, condition, "")), Xml.PEER).kind());
    }

    @Test
    void hostileErrorTextIsCleanedAndCut() throws Exception {
        String text = "line1&#10;forged log line" + "x".repeat(5000);
        NegotiationException e = AnswerErrors.forAnswer(error("<error type='cancel'>"
                + "<forbidden xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>"
                + "<text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>" + text + "</text></error>"), Xml.PEER);
        assertEquals(Kind.DECLINED, e.kind());
        assertTrue(!e.getMessage().contains("\n"), e.getMessage());
        assertTrue(e.getMessage().length() < SiReplies.MAX_TEXT_LENGTH + 100, "length " + e.getMessage().length());
    }

    @Test
    void applicationSpecificConditionIsAProtocolError() throws Exception {
        NegotiationException e = AnswerErrors.forAnswer(error(condition("cancel", "undefined-condition",
                "<quota-exceeded xmlns='urn:example:app'/>")), Xml.PEER);
        assertEquals(Kind.PROTOCOL_ERROR, e.kind());
        assertTrue(e.getMessage().contains("undefined-condition"), e.getMessage());
    }
}
