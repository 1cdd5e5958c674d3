package io.sift.socks5.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.util.PacketParserUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.jxmpp.jid.impl.JidCreate;

import io.sift.common.Numbers;

/** The bytestreams query as it arrives (parsed by this bundle's provider) and as it is sent. */
class BytestreamQueryTest {

    static final String NS = "http://jabber.org/protocol/bytestreams";
    private static final BytestreamProviders PROVIDERS = new BytestreamProviders();

    @BeforeAll
    static void registerProvider() {
        PROVIDERS.register();
    }

    @AfterAll
    static void unregisterProvider() {
        PROVIDERS.unregister();
    }

    static BytestreamQuery parse(String queryXml) throws Exception {
        IQ iq = PacketParserUtils.parseStanza("<iq type='set' id='q1' from='alice@localhost/a' to='bob@localhost/b'>"
                + queryXml + "</iq>");
        return assertInstanceOf(BytestreamQuery.class, iq);
    }

    static BytestreamQuery.RawStreamhost raw(String jid, String host, String port) {
        return new BytestreamQuery.RawStreamhost(jid, host, port);
    }

    @Test
    void offerIsParsedWithItsStreamhostsInDocumentOrder() throws Exception {
        BytestreamQuery q = parse("<query xmlns='" + NS + "' sid='vxf9n471bn46' mode='tcp'>"
                + "<streamhost jid='alice@localhost/a' host='192.168.4.1' port='5086'/>"
                + "<streamhost jid='proxy.localhost' host='127.0.0.1' port='7777'/></query>");
        assertEquals("vxf9n471bn46", q.sid());
        assertEquals("tcp", q.mode());
        assertEquals(List.of(raw("alice@localhost/a", "192.168.4.1", "5086"), raw("proxy.localhost", "127.0.0.1", "7777")),
                q.streamhosts());
        assertNull(q.streamhostUsed());
        assertNull(q.activateTarget());
        assertEquals(IQ.Type.set, q.getType());
        assertEquals("q1", q.getStanzaId());
        assertEquals("alice@localhost/a", q.getFrom().toString());
    }

    @Test
    void missingAttributesAreNull() throws Exception {
        BytestreamQuery q = parse("<query xmlns='" + NS + "'><streamhost/><streamhost jid='j'/></query>");
        assertNull(q.sid());
        assertNull(q.mode());
        assertEquals(List.of(raw(null, null, null), raw("j", null, null)), q.streamhosts());
    }

    @ParameterizedTest
    @ValueSource(strings = {"99999999999", "-1", "0", "65536", " 80", "80 ", "0x50", "", "1e3", "\u0661\u0662"})
    void hostilePortsAreKeptRawAndAreNoPort(String port) throws Exception {
        BytestreamQuery q = parse("<query xmlns='" + NS + "' sid='s'><streamhost jid='j' host='h' port='" + port
                + "'/></query>");
        assertEquals(port, q.streamhosts().get(0).port());
        assertEquals(-1, Numbers.port(q.streamhosts().get(0).port()));
    }

    @Test
    void validPortsAreRead() {
        assertEquals(1, Numbers.port("1"));
        assertEquals(65535, Numbers.port("65535"));
        assertEquals(7777, Numbers.port("07777"));
    }

    @Test
    void udpModeIsKeptForTheCheckToRefuse() throws Exception {
        assertEquals("udp", parse("<query xmlns='" + NS + "' sid='s' mode='udp'/>").mode());
    }

    @Test
    void manyStreamhostsAreAllParsed() throws Exception {
        StringBuilder xml = new StringBuilder("<query xmlns='" + NS + "' sid='s'>");
        for (int i = 0; i < 1000; i++) {
            xml.append("<streamhost jid='h").append(i).append(".localhost' host='10.0.").append(i / 256).append('.')
                    .append(i % 256).append("' port='").append(1000 + i).append("'/>");
        }
        BytestreamQuery q = parse(xml.append("</query>").toString());
        assertEquals(1000, q.streamhosts().size());
        assertEquals(raw("h999.localhost", "10.0.3.231", "1999"), q.streamhosts().get(999));
    }

    @Test
    void activateTextAndStreamhostUsedAreRead() throws Exception {
        BytestreamQuery activate = parse("<query xmlns='" + NS + "' sid='s'><activate> bob@localhost/b </activate></query>");
        assertEquals("bob@localhost/b", activate.activateTarget());
        assertEquals("", parse("<query xmlns='" + NS + "' sid='s'><activate/></query>").activateTarget());
        assertEquals("a&b<c", parse("<query xmlns='" + NS + "' sid='s'><activate>a&amp;b&lt;c</activate></query>")
                .activateTarget());
        BytestreamQuery used = parse("<query xmlns='" + NS + "' sid='s'><streamhost-used jid='proxy.localhost'/>"
                + "<streamhost-used jid='second'/></query>");
        assertEquals("proxy.localhost", used.streamhostUsed());
    }

    @Test
    void childrenOfOtherNamespacesAndNestedElementsAreIgnored() throws Exception {
        BytestreamQuery q = parse("<query xmlns='" + NS + "' sid='s'>"
                + "<streamhost xmlns='urn:other' jid='x' host='x' port='1'/>"
                + "<streamhost jid='j' host='h' port='1'><streamhost jid='inner' host='i' port='2'/>text</streamhost>"
                + "<fast xmlns='http://affinix.com/jabber/stream'/>stray text<unknown/>"
                + "<activate>t<b>ignored</b>u</activate></query>");
        assertEquals(List.of(raw("j", "h", "1")), q.streamhosts());
        assertEquals("tu", q.activateTarget());
    }

    @Test
    void injectedMarkupAndControlCharactersStayValues() throws Exception {
        BytestreamQuery q = parse("<query xmlns='" + NS + "' sid='s&apos;&gt;&lt;iq/&gt;'>"
                + "<streamhost jid='a&#10;b' host='&lt;iq type=&apos;set&apos;/&gt;' port='1'/></query>");
        assertEquals("s'><iq/>", q.sid());
        assertEquals("a\nb", q.streamhosts().get(0).jid());
        assertEquals("<iq type='set'/>", q.streamhosts().get(0).host());
    }

    @Test
    void truncatedQueryIsAParseError() {
        assertThrows(Exception.class, () -> PacketParserUtils.parseStanza(
                "<iq type='set' id='q1' from='alice@localhost/a'><query xmlns='" + NS + "' sid='s'><streamhost jid='j'"));
        assertThrows(Exception.class, () -> PacketParserUtils.parseStanza(
                "<iq type='set' id='q1' from='alice@localhost/a'><query xmlns='" + NS + "' sid='s'><streamhost/>"));
    }

    @Test
    void offerIsBuiltAsTheXepShowsIt() throws Exception {
        BytestreamQuery offer = BytestreamQuery.offer("s1", List.of(new Streamhost("alice@localhost/a", "127.0.0.1", 5086),
                new Streamhost("proxy.localhost", "::1", 7777)));
        offer.setTo(JidCreate.from("bob@localhost/b"));
        offer.setStanzaId("o1");
        assertEquals("<iq xmlns='jabber:client' to='bob@localhost/b' id='o1' type='set'>"
                + "<query xmlns='" + NS + "' sid='s1' mode='tcp'>"
                + "<streamhost jid='alice@localhost/a' host='127.0.0.1' port='5086'/>"
                + "<streamhost jid='proxy.localhost' host='::1' port='7777'/></query></iq>", offer.toXML().toString());
    }

    @Test
    void builtValuesAreEscapedAndSurviveARoundTrip() throws Exception {
        String sid = "s'\"<>&\u00e9";
        BytestreamQuery offer = BytestreamQuery.offer(sid, List.of(new Streamhost("a@b/c'<", "h", 1)));
        offer.setFrom(JidCreate.from("alice@localhost/a"));
        BytestreamQuery back = assertInstanceOf(BytestreamQuery.class, PacketParserUtils.parseStanza(offer.toXML().toString()));
        assertEquals(sid, back.sid());
        assertEquals(List.of(raw("a@b/c'<", "h", "1")), back.streamhosts());
    }

    @Test
    void streamhostUsedAnswersTheOfferItself() throws Exception {
        BytestreamQuery offer = parse("<query xmlns='" + NS + "' sid='s1'><streamhost jid='j' host='h' port='1'/></query>");
        BytestreamQuery used = BytestreamQuery.used(offer, "s1", "proxy.localhost");
        assertEquals("<iq xmlns='jabber:client' to='alice@localhost/a' from='bob@localhost/b' id='q1' type='result'>"
                + "<query xmlns='" + NS + "' sid='s1'><streamhost-used jid='proxy.localhost'/></query></iq>",
                used.toXML().toString());
    }

    @Test
    void activateAndAddressRequestAreBuilt() {
        BytestreamQuery activate = BytestreamQuery.activate("s1", "bob@localhost/b&");
        activate.setStanzaId("a1");
        assertEquals("<iq xmlns='jabber:client' id='a1' type='set'><query xmlns='" + NS + "' sid='s1'>"
                + "<activate>bob@localhost/b&amp;</activate></query></iq>", activate.toXML().toString());
        BytestreamQuery ask = BytestreamQuery.addressRequest();
        ask.setStanzaId("g1");
        assertEquals("<iq xmlns='jabber:client' id='g1' type='get'><query xmlns='" + NS + "'/></iq>",
                ask.toXML().toString());
    }

    @Test
    void controlCharactersInBuiltValuesCannotBreakTheStanza() throws Exception {
        BytestreamQuery activate = BytestreamQuery.activate("s1", "x</activate><iq>");
        String xml = activate.toXML().toString();
        assertTrue(xml.contains("x&lt;/activate&gt;&lt;iq&gt;"), xml);
    }
}
