package io.sift.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A bare XMPP client connection for the ceiling measurements: plain TCP to 127.0.0.1, SASL PLAIN
 * (the bench's servers allow it without TLS), resource binding, and raw stanzas both ways. No
 * presence is sent: IQs and messages to a full JID reach a bound resource without it, and the
 * peers' rosters see nothing of the measurement.
 */
final class XmppLink implements AutoCloseable {

    private static final int LOGIN_TIMEOUT_MILLIS = 20_000;

    private final Socket socket;
    private final OutputStream out;
    private final StanzaReader reader;
    private final String domain;
    private String jid;

    private XmppLink(Socket socket, String domain) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.reader = new StanzaReader(socket.getInputStream());
        this.domain = domain;
    }

    /** Logs user in on the server at 127.0.0.1:port with the given resource. */
    static XmppLink login(int port, String domain, String user, String password, String resource)
            throws IOException, BenchFailure {
        Socket socket = new Socket();
        XmppLink link = null;
        try {
            // one stanza per write and no waiting for acks: what the server gets is what it relays
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), LOGIN_TIMEOUT_MILLIS);
            socket.setSoTimeout(LOGIN_TIMEOUT_MILLIS);
            link = new XmppLink(socket, domain);
            link.authenticate(user, password);
            link.bind(resource);
            // a blocked read ends when the link is closed; the measurements keep their own deadlines
            socket.setSoTimeout(0);
            return link;
        } catch (IOException | BenchFailure | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private void authenticate(String user, String password) throws IOException, BenchFailure {
        Element features = openStream();
        if (!features.contains(">PLAIN<")) {
            throw new BenchFailure("the server offers no SASL PLAIN to " + user + ": " + features.shortText());
        }
        String token = Base64.getEncoder().encodeToString(("\0" + user + "\0" + password)
                .getBytes(StandardCharsets.UTF_8));
        send("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>" + token + "</auth>");
        Element answer = reader.next();
        if (!answer.name().equals("success")) {
            throw new BenchFailure("login of " + user + " failed: " + answer.shortText());
        }
    }

    private void bind(String resource) throws IOException, BenchFailure {
        Element features = openStream();
        send("<iq type='set' id='bind'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><resource>" + resource
                + "</resource></bind></iq>");
        Element bound = awaitResult("bind");
        jid = bound.textOf("jid").orElseThrow(() -> new BenchFailure("no JID in " + bound.shortText()));
        // older servers want a session; where it is advertised at all it costs one round trip
        if (features.contains("urn:ietf:params:xml:ns:xmpp-session")) {
            send("<iq type='set' id='session'><session xmlns='urn:ietf:params:xml:ns:xmpp-session'/></iq>");
            awaitResult("session");
        }
    }

    /** Opens (or after SASL, restarts) the stream; returns the server's stream features. */
    private Element openStream() throws IOException, BenchFailure {
        send("<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'"
                + " to='" + domain + "' version='1.0'>");
        Element features = reader.next();
        if (!features.name().equals("stream:features")) {
            throw new BenchFailure("expected stream features, got " + features.shortText());
        }
        return features;
    }

    /** Reads until the answer to the IQ with this id; an error answer fails. Other stanzas are skipped. */
    Element awaitResult(String id) throws IOException, BenchFailure {
        while (true) {
            Element e = reader.next();
            if (e.name().equals("iq") && e.attribute("id").map(id::equals).orElse(false)) {
                if (!e.attribute("type").map("result"::equals).orElse(false)) {
                    throw new BenchFailure("IQ " + id + " failed: " + e.shortText());
                }
                return e;
            }
            if (e.name().equals("stream:error")) {
                throw new BenchFailure("stream error: " + e.shortText());
            }
        }
    }

    /** The full JID the server bound. */
    String jid() {
        return jid;
    }

    Element read() throws IOException {
        return reader.next();
    }

    void send(String xml) throws IOException {
        byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
        send(bytes, bytes.length);
    }

    /** Sends the first {@code length} bytes in one write; several threads may send. */
    synchronized void send(byte[] bytes, int length) throws IOException {
        out.write(bytes, 0, length);
    }

    @Override
    public void close() {
        try {
            send("</stream:stream>");
        } catch (IOException alreadyGone) {
            // closing anyway
        }
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
    }
}
