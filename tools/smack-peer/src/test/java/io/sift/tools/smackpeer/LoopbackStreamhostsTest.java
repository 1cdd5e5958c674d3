package io.sift.tools.smackpeer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smackx.bytestreams.socks5.packet.Bytestream;
import org.jivesoftware.smackx.bytestreams.socks5.packet.Bytestream.StreamHost;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.EntityFullJid;
import org.jxmpp.jid.impl.JidCreate;

class LoopbackStreamhostsTest {

    /** A SOCKS5 request as Smack 4.4.8 sends it when it found no usable local address: the server proxy only. */
    static final String PROXY_OFFER = "<iq xmlns='jabber:client' type='set' id='b1' from='alice@localhost/smack'"
            + " to='bob@localhost/itest'>"
            + "<query xmlns='http://jabber.org/protocol/bytestreams' sid='jsi_42' mode='tcp'>"
            + "<streamhost jid='proxy.localhost' host='127.0.0.1' port='7777'/>"
            + "</query></iq>";

    private static List<String> hosts(Bytestream request) {
        return request.getStreamHosts().stream()
                .map(h -> h.getJID() + " " + h.getAddress() + " " + h.getPort())
                .toList();
    }

    @Test
    void loopbackHostsGoFirstInTheGivenOrder() throws Exception {
        EntityFullJid self = JidCreate.entityFullFrom("alice@localhost/smack");
        LoopbackStreamhosts loopback = new LoopbackStreamhosts(
                List.of(InetAddress.getByName("127.0.0.1"), InetAddress.getByName("::1")), 7778);
        Bytestream request = StanzaXml.parse(PROXY_OFFER);

        loopback.prepend(request, self);

        Bytestream sent = StanzaXml.parse(request.toXML());
        assertEquals(List.of(
                "alice@localhost/smack 127.0.0.1 7778",
                "alice@localhost/smack 0:0:0:0:0:0:0:1 7778",
                "proxy.localhost 127.0.0.1 7777"), hosts(sent));
        assertEquals("jsi_42", sent.getSessionID());
        // Smack's initiator looks the used host up by JID: it must find the local one
        StreamHost used = sent.getStreamHost(self);
        assertEquals("127.0.0.1", used.getAddress().toString());
    }

    @Test
    void onlyTheRequestToTheTargetGetsThem() throws Exception {
        assertTrue(LoopbackStreamhosts.isStreamhostOffer(StanzaXml.parse(PROXY_OFFER)));

        Bytestream activation = new Bytestream("jsi_42");
        activation.setType(IQ.Type.set);
        activation.setToActivate(JidCreate.entityFullFrom("bob@localhost/itest"));
        assertFalse(LoopbackStreamhosts.isStreamhostOffer(activation));

        Bytestream used = new Bytestream("jsi_42");
        used.setType(IQ.Type.result);
        used.setUsedHost(JidCreate.from("proxy.localhost"));
        assertFalse(LoopbackStreamhosts.isStreamhostOffer(used));

        Bytestream query = new Bytestream();
        query.setType(IQ.Type.get);
        assertFalse(LoopbackStreamhosts.isStreamhostOffer(query));

        assertFalse(LoopbackStreamhosts.isStreamhostOffer(StanzaXml.parse(Socks5OnlyOfferTest.SMACK_OFFER)));
    }
}
