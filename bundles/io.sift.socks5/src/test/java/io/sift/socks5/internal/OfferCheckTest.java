package io.sift.socks5.internal;

import static io.sift.socks5.internal.BytestreamQueryTest.NS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StanzaError;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which offers the target tries, and the errors it answers to the others. */
class OfferCheckTest {

    private static final BytestreamProviders PROVIDERS = new BytestreamProviders();

    @BeforeAll
    static void registerProvider() {
        PROVIDERS.register();
    }

    @AfterAll
    static void unregisterProvider() {
        PROVIDERS.unregister();
    }

    private static OfferCheck.Outcome check(String query) throws Exception {
        return OfferCheck.check(BytestreamQueryTest.parse(query));
    }

    private static OfferCheck.Refusal refusal(String query) throws Exception {
        return assertInstanceOf(OfferCheck.Refusal.class, check(query));
    }

    private static String streamhost(String jid, String host, String port) {
        return "<streamhost jid='" + jid + "' host='" + host + "' port='" + port + "'/>";
    }

    private static void assertBadRequest(String query) throws Exception {
        OfferCheck.Refusal r = refusal(query);
        assertEquals(StanzaError.Condition.bad_request, r.condition(), r.reason());
        assertEquals(StanzaError.Type.MODIFY, r.type());
    }

    @Test
    void validOfferKeepsDocumentOrderAndReadsPorts() throws Exception {
        OfferCheck.Offer offer = assertInstanceOf(OfferCheck.Offer.class, check("<query xmlns='" + NS + "' sid='s1'>"
                + streamhost("alice@localhost/a", "192.168.0.2", "5086")
                + streamhost("alice@localhost/a", "[2001:db8::1]", "5086")
                + streamhost("proxy.localhost", "proxy.example.org", "7777") + "</query>"));
        assertEquals("s1", offer.sid());
        assertEquals(List.of(new Streamhost("alice@localhost/a", "192.168.0.2", 5086),
                new Streamhost("alice@localhost/a", "2001:db8::1", 5086),
                new Streamhost("proxy.localhost", "proxy.example.org", 7777)), offer.streamhosts());
    }

    @Test
    void tcpModeIsAccepted() throws Exception {
        assertInstanceOf(OfferCheck.Offer.class,
                check("<query xmlns='" + NS + "' sid='s' mode='tcp'>" + streamhost("j", "h", "1") + "</query>"));
    }

    @Test
    void missingOrEmptySidIsABadRequest() throws Exception {
        assertBadRequest("<query xmlns='" + NS + "'>" + streamhost("j", "h", "1") + "</query>");
        assertBadRequest("<query xmlns='" + NS + "' sid=''>" + streamhost("j", "h", "1") + "</query>");
    }

    @Test
    void offerWithoutStreamhostIsABadRequest() throws Exception {
        assertBadRequest("<query xmlns='" + NS + "' sid='s'/>");
    }

    @Test
    void streamhostWithoutJidHostOrPortIsABadRequest() throws Exception {
        assertBadRequest("<query xmlns='" + NS + "' sid='s'><streamhost host='h' port='1'/></query>");
        assertBadRequest("<query xmlns='" + NS + "' sid='s'><streamhost jid='j' port='1'/></query>");
        assertBadRequest("<query xmlns='" + NS + "' sid='s'><streamhost jid='j' host='h'/></query>");
        // one bad streamhost spoils the offer, wherever it is
        assertBadRequest("<query xmlns='" + NS + "' sid='s'>" + streamhost("j", "h", "1")
                + "<streamhost jid='j' host='h'/></query>");
    }

    @ParameterizedTest
    @ValueSource(strings = {"99999999999", "-1", "0", "65536", "", "port"})
    void portOutOfRangeIsABadRequest(String port) throws Exception {
        assertBadRequest("<query xmlns='" + NS + "' sid='s'>" + streamhost("j", "h", port) + "</query>");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a b", "&lt;iq/&gt;", "host&#10;name", "-leading", "h_o$t", "1.2.3.4.5", "999.1.1.1"})
    void unusableHostIsABadRequest(String host) throws Exception {
        assertBadRequest("<query xmlns='" + NS + "' sid='s'>" + streamhost("j", host, "1") + "</query>");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a@", "a@b/", "a b@c"})
    void invalidJidIsABadRequest(String jid) throws Exception {
        assertBadRequest("<query xmlns='" + NS + "' sid='s'>" + streamhost(jid, "h", "1") + "</query>");
    }

    @Test
    void udpModeIsNotAcceptable() throws Exception {
        OfferCheck.Refusal r = refusal("<query xmlns='" + NS + "' sid='s' mode='udp'>" + streamhost("j", "h", "1")
                + "</query>");
        assertEquals(StanzaError.Condition.not_acceptable, r.condition());
        assertEquals(StanzaError.Type.CANCEL, r.type());
    }

    @Test
    void unknownModeIsABadRequest() throws Exception {
        assertBadRequest("<query xmlns='" + NS + "' sid='s' mode='sctp'>" + streamhost("j", "h", "1") + "</query>");
    }

    @Test
    void activationSentToThisClientIsNotImplemented() throws Exception {
        OfferCheck.Refusal r = refusal("<query xmlns='" + NS + "' sid='s'><activate>bob@localhost/b</activate></query>");
        assertEquals(StanzaError.Condition.feature_not_implemented, r.condition());
    }

    @Test
    void onlyTheFirstStreamhostsOfAHugeOfferAreTried() throws Exception {
        StringBuilder xml = new StringBuilder("<query xmlns='" + NS + "' sid='s'>");
        for (int i = 0; i < 500; i++) {
            xml.append(streamhost("h" + i + ".localhost", "10.0.0.1", Integer.toString(1000 + i)));
        }
        OfferCheck.Offer offer = assertInstanceOf(OfferCheck.Offer.class, check(xml.append("</query>").toString()));
        assertEquals(Bytestreams.MAX_TRIED_STREAMHOSTS, offer.streamhosts().size());
        assertEquals("h0.localhost", offer.streamhosts().get(0).jid());
        assertEquals("h31.localhost", offer.streamhosts().get(31).jid());
    }

    @Test
    void errorReplyGoesBackToTheSenderWithoutEchoingTheOffer() throws Exception {
        BytestreamQuery offer = BytestreamQueryTest.parse("<query xmlns='" + NS + "' sid='s'>"
                + streamhost("evil.localhost", "10.0.0.1", "99999999999") + "</query>");
        IQ reply = Socks5Errors.reply(offer, StanzaError.Condition.bad_request, StanzaError.Type.MODIFY);
        assertEquals("<iq xmlns='jabber:client' to='alice@localhost/a' from='bob@localhost/b' id='q1' type='error'>"
                + "<error type='modify'><bad-request xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>",
                reply.toXML().toString());
        assertTrue(!reply.toXML().toString().contains("evil"));
    }

    @Test
    void errorConditionsAreReadFromAnswers() throws Exception {
        BytestreamQuery offer = BytestreamQueryTest.parse("<query xmlns='" + NS + "' sid='s'/>");
        IQ itemNotFound = Socks5Errors.reply(offer, StanzaError.Condition.item_not_found, StanzaError.Type.CANCEL);
        assertEquals(StanzaError.Condition.item_not_found, Socks5Errors.conditionOf(itemNotFound));
        assertEquals("error item-not-found", Socks5Errors.describe(itemNotFound));
        assertEquals(null, Socks5Errors.conditionOf(IQ.createResultIQ(offer)));
    }
}
