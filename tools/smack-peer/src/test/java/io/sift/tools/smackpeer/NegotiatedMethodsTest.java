package io.sift.tools.smackpeer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.jivesoftware.smack.packet.Stanza;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;

class NegotiatedMethodsTest {

    private static final Jid BOB = jid("bob@localhost/itest");

    private static Jid jid(String raw) {
        try {
            return JidCreate.from(raw);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** The receiver's accept: a result with the one chosen stream method. */
    private static String accept(String type, String fieldXml) {
        return "<iq xmlns='jabber:client' type='" + type + "' id='o1' from='bob@localhost/itest'"
                + " to='alice@localhost/smack'>"
                + "<si xmlns='http://jabber.org/protocol/si'>"
                + "<feature xmlns='http://jabber.org/protocol/feature-neg'><x xmlns='jabber:x:data' type='submit'>"
                + fieldXml + "</x></feature></si></iq>";
    }

    private static String method(String value) {
        return "<field var='stream-method'><value>" + value + "</value></field>";
    }

    private static String recorded(String xml) throws Exception {
        NegotiatedMethods methods = new NegotiatedMethods();
        Stanza stanza = StanzaXml.parse(xml);
        assertTrue(NegotiatedMethods.isAccept(stanza));
        methods.record(BOB, stanza);
        return methods.methodWith(BOB, Duration.ZERO);
    }

    @Test
    void chosenMethodIsNamed() throws Exception {
        assertEquals("socks5", recorded(accept("result", method("http://jabber.org/protocol/bytestreams"))));
        assertEquals("ibb", recorded(accept("result", method("http://jabber.org/protocol/ibb"))));
    }

    @Test
    void anythingElseIsUnknown() throws Exception {
        assertEquals("?", recorded(accept("result", method("urn:xmpp:jingle:transports:s5b:1"))));
        assertEquals("?", recorded(accept("result", method("HTTP://JABBER.ORG/PROTOCOL/IBB"))));
        assertEquals("?", recorded(accept("result", method("http://jabber.org/protocol/ibb ".repeat(10_000)))));
        assertEquals("?", recorded(accept("result", "<field var='stream-method'/>")));
        assertEquals("?", recorded(accept("result", "<field var='other'><value>http://jabber.org/protocol/ibb</value></field>")));
        assertEquals("?", recorded(accept("result", "")));
    }

    @Test
    void onlyResultsAreAccepts() throws Exception {
        assertFalse(NegotiatedMethods.isAccept(StanzaXml.parse(Socks5OnlyOfferTest.SMACK_OFFER)));
        assertFalse(NegotiatedMethods.isAccept(StanzaXml.parse(LoopbackStreamhostsTest.PROXY_OFFER)));
    }

    @Test
    void peersAreKeptApart() throws Exception {
        NegotiatedMethods methods = new NegotiatedMethods();
        methods.record(BOB, StanzaXml.parse(accept("result", method("http://jabber.org/protocol/ibb"))));
        assertEquals("ibb", methods.methodWith(jid("bob@localhost/itest"), Duration.ZERO));
        assertEquals("?", methods.methodWith(jid("bob@localhost/other"), Duration.ZERO));
        assertEquals("?", methods.methodWith(jid("bob@localhost"), Duration.ZERO));
        methods.record(null, StanzaXml.parse(accept("result", method("http://jabber.org/protocol/ibb"))));
    }

    @Test
    void aLateAcceptIsAwaited() throws Exception {
        NegotiatedMethods methods = new NegotiatedMethods();
        Stanza stanza = StanzaXml.parse(accept("result", method("http://jabber.org/protocol/bytestreams")));
        CompletableFuture<String> method = CompletableFuture.supplyAsync(() -> {
            try {
                return methods.methodWith(BOB, Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        methods.record(BOB, stanza);
        assertEquals("socks5", method.get(20, TimeUnit.SECONDS));
    }
}
