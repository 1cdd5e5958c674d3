package io.sift.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class StanzaReaderTest {

    private static final String HEADER = "<?xml version='1.0'?><stream:stream xmlns='jabber:client' "
            + "xmlns:stream='http://etherx.jabber.org/streams' id='x' from='localhost' version='1.0'>";

    @Test
    void cutsStanzasAfterTheHeaderAndSkipsWhitespace() throws Exception {
        StanzaReader r = reader(HEADER + "<stream:features><mechanisms xmlns='m'><mechanism>PLAIN</mechanism>"
                + "</mechanisms></stream:features> \n <success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>"
                + "<iq type=\"result\" id='bind'><bind><jid>alice@localhost/b&amp;1</jid></bind></iq>"
                + "</stream:stream>", 7);
        Element features = r.next();
        assertEquals("stream:features", features.name());
        assertTrue(features.contains(">PLAIN<"));
        assertEquals("success", r.next().name());
        Element bound = r.next();
        assertEquals(Optional.of("result"), bound.attribute("type"));
        assertEquals(Optional.of("bind"), bound.attribute("id"));
        assertEquals(Optional.of("alice@localhost/b&1"), bound.textOf("jid"));
        assertThrows(EOFException.class, r::next);
    }

    @Test
    void aRestartedStreamIsSkippedToo() throws Exception {
        StanzaReader r = reader(HEADER + "<success/>" + HEADER + "<stream:features/>", 3);
        assertEquals("success", r.next().name());
        assertEquals("stream:features", r.next().name());
        assertThrows(EOFException.class, r::next);
    }

    @Test
    void dataBlocksTheirAttributesAndText() throws Exception {
        String b64 = "QUJD".repeat(30000);
        String stanza = "<iq from='alice@localhost/blast' to='bob@localhost/blast' type='set' id='d7'>"
                + "<data xmlns='http://jabber.org/protocol/ibb' seq='7' sid='s1'>" + b64 + "</data></iq>";
        StanzaReader r = reader(HEADER + stanza + stanza.replace("'7'", "'8'").replace("d7", "d8"), 1000);
        for (int seq = 7; seq <= 8; seq++) {
            Element e = r.next();
            assertEquals("iq", e.name());
            assertEquals(Optional.of("d" + seq), e.attribute("id"));
            assertEquals(Optional.of("alice@localhost/blast"), e.attribute("from"));
            Element.Tag data = e.child().orElseThrow();
            assertEquals("data", data.name());
            assertEquals(Optional.of(Integer.toString(seq)), e.attribute(data, "seq"));
            assertEquals(ByteBuffer.wrap(b64.getBytes(StandardCharsets.US_ASCII)), e.childText(data));
            assertNotEquals(ByteBuffer.wrap("QUJD".getBytes(StandardCharsets.US_ASCII)), e.childText(data));
        }
    }

    @Test
    void anAngleBracketInAQuotedValueDoesNotEndTheTag() throws Exception {
        Element e = reader(HEADER + "<message id='a>b' to=\"x\"><body>hi</body></message>", 5).next();
        assertEquals(Optional.of("a>b"), e.attribute("id"));
        assertEquals(Optional.of("x"), e.attribute("to"));
        assertEquals(Optional.empty(), e.attribute("type"));
        assertEquals("body", e.child().orElseThrow().name());
    }

    @Test
    void aConnectionThatEndsMidStanzaIsAnEnd() {
        assertThrows(EOFException.class, () -> reader(HEADER + "<iq type='set'><data>AAAA", 4).next());
    }

    /** A reader over text that arrives in small pieces, as from a socket. */
    private static StanzaReader reader(String text, int piece) {
        byte[] all = text.getBytes(StandardCharsets.UTF_8);
        InputStream trickle = new ByteArrayInputStream(all) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, piece));
            }
        };
        return new StanzaReader(trickle);
    }

}
