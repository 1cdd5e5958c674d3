package io.sift.socks5.internal;

import static io.sift.socks5.internal.Bytes.HASH;
import static io.sift.socks5.internal.Bytes.ascii;
import static io.sift.socks5.internal.Bytes.concat;
import static io.sift.socks5.internal.Bytes.connect;
import static io.sift.socks5.internal.Bytes.greeting;
import static io.sift.socks5.internal.Bytes.of;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.channels.SocketChannel;
import java.security.Permission;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.parsing.SmackParsingException;
import org.jivesoftware.smack.util.PacketParserUtils;
import org.jivesoftware.smack.xml.XmlPullParser;
import org.jivesoftware.smack.xml.XmlPullParserException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.sift.common.Jids;

/**
 * Fixed-seed fuzzing of the SOCKS5 bundle's edges. Bytestreams queries, generated with hostile
 * values and now and then broken, go through the registered provider (which never throws on XML
 * Smack's parser reads to its end) into the endpoint, which answers each with the error XEP-0065
 * prescribes, and looks no host name up while judging them. The client handshake, against a
 * streamhost on loopback that answers with mutated, truncated or trickled bytes, accepts exactly
 * the replies that grant what it asked for, and otherwise fails with an IOException within its
 * deadline. The direct streamhost closes an exchange cut at any length and held open at its deadline.
 */
class Socks5FuzzTest {

    private static final long[] SEEDS = {5L, 65L, 1928L};
    private static final int QUERIES_PER_SEED = 1000;
    private static final int REPLIES_PER_SEED = 150;
    private static final long HANDSHAKE_MILLIS = 300;
    private static final long LISTENER_DEADLINE_MILLIS = 600;
    /** The machine is shared: what must happen by a deadline may come this much later. */
    private static final long MARGIN_MILLIS = 5000;

    private static final String NS = Bytestreams.NAMESPACE;
    private static final String[] HOSTS = {"127.0.0.1", "::1", "[::1]", "fe80::1%eth0", "192.168.1.300", "1.2.3",
        "01.2.3.4", "1.2.3.4.", "0x7f.1", "2130706433", "localhost", "proxy.localhost", "a..b", "-a.b", "a_b",
        "xn--bcher-kva.example", "\u00E4.example", "a".repeat(64) + ".b", "a.".repeat(130), "", " ", ".:", ":",
        "[", "[]", "[1.2.3.4]", "\u0661.2.3.4", "&#x9;h", "h&lt;x", "1:2:3:4:5:6:7:8:9", "::ffff:1.2.3.4"};
    private static final String[] HOST_CHARACTERS = {"0123456789abcdef:.", "0123456789abcdefABCDEF:.[]-_xyz%"};
    private static final String[] PORTS = {"", "0", "1", "65535", "65536", "-1", "+80", " 80", "80 ", "0080",
        "\u0668\u0660", "99999999999999999999", "7777", "abc"};
    private static final String[] JIDS = {"", "proxy.localhost", "alice@localhost/a", "@", "a@", "@b", "a@b@c",
        "a/b/c", "x".repeat(1100) + "@b", "\u00E9@\u00FC.example", "a b@c", "[::1]", "&lt;x&gt;", "a@b/\u202E"};
    private static final String[] VALUES = {"", " ", "s1", "tcp", "udp", "TCP", "x".repeat(70_000), "\u4E2D",
        "&#x1F600;", "<", "&", "'"};
    private static final String[] STRAY = {"<", ">", "&", "'", "\"", "\u0000", "=", "/", "\uD800"};
    private static final String[] NAMESPACES = {"", "jabber:client", Bytestreams.NAMESPACE + "#udp",
        "http://jabber.org/protocol/ibb"};

    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fuzz-streamhost");
        t.setDaemon(true);
        return t;
    });
    private final BytestreamProviders providers = new BytestreamProviders();
    private final Endpoints endpoints = new Endpoints();
    private DirectListener listener;

    @AfterEach
    void stop() {
        providers.unregister();
        endpoints.close();
        threads.shutdownNow();
        if (listener != null) {
            listener.stop();
        }
    }

    // --- bytestreams queries ---

    @Test
    void everyQueryGetsTheXepAnswerAndNoHostNameIsLookedUp() throws Exception {
        providers.register();
        Socks5Endpoint bob = endpoints.endpoint("bob@localhost/b",
                ConfigProxy.settings(Map.of("discoverProxies", false)), new FakeTransport(), () -> null,
                new FakeConnector());
        int[] seen = new int[4]; // broken XML, not a bytestreams query, refused as such, an offer nobody expects
        List<String> lookedUp = NameLookups.during(() -> {
            for (long seed : SEEDS) {
                Random random = new Random(seed);
                for (int i = 0; i < QUERIES_PER_SEED; i++) {
                    String query = brokenNowAndThen(query(random), random);
                    String xml = "<iq xmlns='jabber:client' type='set' id='q" + i + "' from='alice@localhost/a'"
                            + " to='bob@localhost/b'>" + query + "</iq>";
                    seen[judge(bob, xml, "seed " + seed + " #" + i + ": " + shown(query))]++;
                }
            }
        });
        System.out.printf("Socks5FuzzTest queries (seeds %s x %d): %d broken XML, %d not ours, %d refused,"
                + " %d offers nobody expects; host names looked up: %s%n", Arrays.toString(SEEDS), QUERIES_PER_SEED,
                seen[0], seen[1], seen[2], seen[3], lookedUp);
        assertTrue(seen[2] > 0 && seen[3] > 0, "the generator reaches both outcomes");
        assertEquals(List.of(), lookedUp, "hosts from offers are judged without any name lookup");
    }

    /** Parses and answers one stanza; returns which kind of outcome it had (see {@code seen}). */
    private static int judge(Socks5Endpoint bob, String xml, String context) throws Exception {
        XmlPullParser parser;
        boolean wellFormed = true;
        String name = null;
        String namespace = null;
        try {
            parser = PacketParserUtils.getParserFor(xml);
            for (XmlPullParser.Event e = parser.next(); e != XmlPullParser.Event.END_DOCUMENT; e = parser.next()) {
                if (e == XmlPullParser.Event.START_ELEMENT && parser.getDepth() == 2 && name == null) {
                    name = parser.getName();
                    namespace = parser.getNamespace();
                }
            }
        } catch (XmlPullParserException | IOException e) {
            wellFormed = false;
        }
        boolean ours = Bytestreams.QUERY.equals(name) && NS.equals(namespace);
        if (!wellFormed) {
            if (ours) {
                assertOnlyParserErrors(xml, context);
            }
            return 0;
        }
        if (!ours) {
            return 1;
        }
        Stanza stanza;
        try {
            stanza = PacketParserUtils.parseStanza(xml);
        } catch (Exception e) {
            throw new AssertionError("the provider threw " + e + " on well-formed XML, " + context, e);
        }
        BytestreamQuery query = assertInstanceOf(BytestreamQuery.class, stanza, context);
        OfferCheck.Outcome outcome = OfferCheck.check(query);
        if (outcome instanceof OfferCheck.Offer offer) {
            assertUsable(offer, query, context);
        }
        IQ answer = bob.handleQuery(query);
        assertNotNull(answer, context);
        String answerXml = answer.toXML().toString();
        assertFalse(answerXml.contains("<streamhost") || answerXml.contains("<activate"), "echoed: " + context);
        IQ read = PacketParserUtils.parseStanza(answerXml);
        assertEquals(IQ.Type.error, read.getType(), context);
        StanzaError.Condition condition = read.getError().getCondition();
        if (outcome instanceof OfferCheck.Refusal refusal) {
            assertEquals(refusal.condition(), condition, context);
            assertEquals(refusal.type(), read.getError().getType(), context);
            assertTrue(Set.of(StanzaError.Condition.bad_request, StanzaError.Condition.not_acceptable,
                    StanzaError.Condition.feature_not_implemented).contains(condition), context);
            return 2;
        }
        // an offer for a stream this side does not expect: refused before any connection is tried
        assertEquals(StanzaError.Condition.not_acceptable, condition, context);
        return 3;
    }

    /** Every streamhost of an accepted offer, checked against its raw values independently of OfferCheck. */
    private static void assertUsable(OfferCheck.Offer offer, BytestreamQuery query, String context) {
        assertTrue(query.sid() != null && !query.sid().isEmpty(), context);
        assertTrue(query.mode() == null || query.mode().equals("tcp"), context);
        assertTrue(query.activateTarget() == null, context);
        assertEquals(Math.min(query.streamhosts().size(), Bytestreams.MAX_TRIED_STREAMHOSTS),
                offer.streamhosts().size(), context);
        for (BytestreamQuery.RawStreamhost raw : query.streamhosts()) {
            assertTrue(Jids.isValid(raw.jid()) && Hosts.isUsable(raw.host()), context);
            assertTrue(raw.port().matches("[0-9]+"), context);
            BigInteger port = new BigInteger(raw.port());
            assertTrue(port.signum() > 0 && port.intValue() <= 65535 && port.bitLength() < 32, context);
        }
    }

    private static void assertOnlyParserErrors(String xml, String context) {
        try {
            PacketParserUtils.parseStanza(xml);
        } catch (XmlPullParserException | SmackParsingException expected) {
            // the parser's, or the provider's report of a document that ended inside the query
        } catch (Exception e) {
            throw new AssertionError("broken XML made the parse throw " + e + ", " + context, e);
        }
    }

    /** A query as initiators, targets and proxies write them, with hostile values here and there. */
    private static String query(Random random) {
        StringBuilder xml = new StringBuilder("<query xmlns='")
                .append(random.nextInt(15) == 0 ? pick(NAMESPACES, random) : NS).append('\'');
        attribute(xml, "sid", random.nextInt(8) == 0 ? pick(VALUES, random) : "s1", random);
        attribute(xml, "mode", random.nextInt(4) == 0 ? pick(VALUES, random) : "tcp", random);
        xml.append('>');
        int kind = random.nextInt(10);
        int count = kind < 7 ? 1 + random.nextInt(random.nextInt(8) == 0 ? 40 : 3) : 0;
        for (int n = 0; n < count; n++) {
            xml.append("<streamhost");
            attribute(xml, "jid", random.nextInt(4) == 0 ? pick(JIDS, random) : "proxy.localhost", random);
            attribute(xml, "host", host(random), random);
            attribute(xml, "port", random.nextInt(3) == 0 ? pick(PORTS, random) : "7777", random);
            xml.append(random.nextInt(10) == 0 ? "><x xmlns='urn:x'/></streamhost>" : "/>");
        }
        switch (kind) {
            case 7 -> xml.append("<streamhost-used jid='").append(pick(JIDS, random)).append("'/>");
            case 8 -> xml.append("<activate>").append(pick(JIDS, random)).append("</activate>");
            case 9 -> xml.append("<fast xmlns='http://affinix.com/jabber/stream'/><activate><x>a</x>")
                    .append("<n>".repeat(500)).append("</n>".repeat(500)).append("</activate>");
            default -> {
                // streamhosts only
            }
        }
        return xml.append("</query>").toString();
    }

    /** One of the listed hosts, or a short random string of the characters addresses are made of. */
    private static String host(Random random) {
        if (random.nextBoolean()) {
            return random.nextBoolean() ? "127.0.0.1" : pick(HOSTS, random);
        }
        String characters = pick(HOST_CHARACTERS, random);
        StringBuilder host = new StringBuilder();
        for (int n = random.nextInt(12); n > 0; n--) {
            host.append(characters.charAt(random.nextInt(characters.length())));
        }
        return host.toString();
    }

    /** The attribute, mostly: now and then left out or given twice. */
    private static void attribute(StringBuilder xml, String name, String value, Random random) {
        int dice = random.nextInt(20);
        if (dice > 0) {
            xml.append(' ').append(name).append("='").append(value).append('\'');
        }
        if (dice == 1) {
            xml.append(' ').append(name).append("='").append(value).append('\'');
        }
    }

    /** One query in six loses its end, a character, or gets a stray one. */
    private static String brokenNowAndThen(String xml, Random random) {
        int at = random.nextInt(xml.length());
        return switch (random.nextInt(18)) {
            case 0 -> xml.substring(0, at);
            case 1 -> xml.substring(0, at) + xml.substring(at + 1);
            case 2 -> xml.substring(0, at) + pick(STRAY, random) + xml.substring(at);
            default -> xml;
        };
    }

    /** The host names the JDK is asked to look up meanwhile, each once (its SecurityManager hook; Java 17 allows one). */
    private static final class NameLookups extends SecurityManager {

        private final List<String> hosts = new CopyOnWriteArrayList<>();

        interface Body {
            void run() throws Exception;
        }

        @SuppressWarnings("removal")
        static List<String> during(Body body) throws Exception {
            NameLookups recorder = new NameLookups();
            System.setSecurityManager(recorder);
            try {
                body.run();
            } finally {
                System.setSecurityManager(null);
            }
            return List.copyOf(new LinkedHashSet<>(recorder.hosts));
        }

        @Override
        public void checkPermission(Permission permission) {
            // everything is allowed: this only listens
        }

        @Override
        public void checkConnect(String host, int port) {
            if (port == -1) {
                hosts.add(host); // InetAddress resolving a name
            }
        }
    }

    // --- the client handshake against a hostile streamhost ---

    /** How the test's streamhost sends its bytes: then ends its output, or holds the connection, or trickles them. */
    private enum Mode { END, HOLD, TRICKLE }

    /** What a client that reads as SOCKS5 prescribes must do with these bytes from the streamhost. */
    private sealed interface Verdict permits Accept, Refuse, Incomplete {
    }

    /** A reply granting the connection; the stream's data starts after {@code length} bytes. */
    private record Accept(int length) implements Verdict {
    }

    /** A method choice or reply that refuses, or is no SOCKS5. */
    private record Refuse() implements Verdict {
    }

    /** Bytes that might still become a valid reply. */
    private record Incomplete() implements Verdict {
    }

    /**
     * The verdict for the streamhost's bytes, read field by field as a client that asked for
     * "no authentication" and CONNECT reads them: leniently only where SIFT means to be (RSV, and
     * BND.ADDR and BND.PORT of any type and content, as libpurple and proxies differ there).
     */
    private static Verdict verdict(byte[] in) {
        if (in.length < 2) {
            return new Incomplete();
        }
        if (in[0] != 5 || in[1] != 0) {
            return new Refuse();
        }
        if (in.length < 6) {
            return new Incomplete();
        }
        if (in[2] != 5 || in[3] != 0 || (in[5] != 1 && in[5] != 3 && in[5] != 4)) {
            return new Refuse();
        }
        if (in[5] == 3 && in.length < 7) {
            return new Incomplete();
        }
        int length = 2 + 4 + (in[5] == 1 ? 4 : in[5] == 4 ? 16 : 1 + (in[6] & 0xFF)) + 2;
        return in.length < length ? new Incomplete() : new Accept(length);
    }

    @Test
    void theClientAcceptsOnlyARepliedGrantAndOtherwiseFailsWithinItsDeadline() throws Exception {
        byte[] valid = concat(of(5, 0), of(5, 0, 0, 3, 40), ascii(HASH), of(0, 0));
        List<Reply> cases = new ArrayList<>();
        for (int length = 0; length <= valid.length; length++) {
            cases.add(new Reply(Arrays.copyOf(valid, length), Mode.END, "cut at " + length));
            cases.add(new Reply(Arrays.copyOf(valid, length), Mode.HOLD, "cut at " + length));
        }
        cases.add(new Reply(valid, Mode.TRICKLE, "whole"));
        for (long seed : SEEDS) {
            Random random = new Random(seed);
            for (int i = 0; i < REPLIES_PER_SEED; i++) {
                Mode mode = random.nextBoolean() ? Mode.END : Mode.HOLD;
                cases.add(new Reply(mutatedReply(valid, random), mode, "seed " + seed + " #" + i));
            }
        }
        ExecutorService clients = Executors.newFixedThreadPool(16);
        try {
            List<Future<String>> outcomes = new ArrayList<>();
            for (Reply reply : cases) {
                outcomes.add(clients.submit(() -> connectTo(reply)));
            }
            int[] counts = new int[3];
            for (Future<String> outcome : outcomes) {
                String kind = outcome.get(30, TimeUnit.SECONDS);
                counts[kind.equals("accepted") ? 0 : kind.equals("refused") ? 1 : 2]++;
            }
            System.out.printf("Socks5FuzzTest client handshake: %d streamhost replies (seeds %s): %d accepted,"
                    + " %d refused, %d incomplete%n", cases.size(), Arrays.toString(SEEDS), counts[0], counts[1],
                    counts[2]);
        } finally {
            clients.shutdownNow();
        }
    }

    /** What the test's streamhost answers, and how. */
    private record Reply(byte[] bytes, Mode mode, String name) {
        @Override
        public String toString() {
            return name + ", " + mode + ": " + Arrays.toString(bytes);
        }
    }

    /** Runs SIFT's connector against a streamhost that answers with {@code reply}; returns the verdict's kind. */
    private String connectTo(Reply answer) throws Exception {
        byte[] reply = answer.bytes();
        Mode mode = answer.mode();
        String context = answer.toString();
        // a trickled reply would be whole only long after the deadline
        Verdict verdict = mode == Mode.TRICKLE ? new Incomplete() : verdict(reply);
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Future<byte[]> heard = threads.submit(() -> streamhost(server, reply, mode));
            SocketConnector connector = new SocketConnector(5000, HANDSHAKE_MILLIS);
            long start = System.nanoTime();
            SocketChannel channel = null;
            IOException failure = null;
            try {
                channel = connector.attempt(new Streamhost("streamhost.localhost", "127.0.0.1", server.getLocalPort()),
                        HASH).connect();
            } catch (IOException e) {
                failure = e;
            }
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(millis < HANDSHAKE_MILLIS + MARGIN_MILLIS, context + ": took " + millis + " ms");
            String kind;
            if (verdict instanceof Accept accept) {
                assertNotNull(channel, () -> context + ": a valid grant was refused");
                try (SocketChannel stream = channel) {
                    // nothing of the reply is left behind, nothing after it was taken
                    byte[] data = Arrays.copyOfRange(reply, accept.length(), reply.length);
                    assertArrayEquals(data, read(stream, data.length, mode), context);
                }
                kind = "accepted";
            } else if (verdict instanceof Refuse) {
                assertInstanceOf(Socks5ProtocolException.class, failure, context);
                kind = "refused";
            } else {
                Class<?> ending = mode == Mode.END ? EOFException.class : SocketTimeoutException.class;
                assertTrue(ending.isInstance(failure), context + ": " + failure);
                assertTrue(mode == Mode.END || millis >= HANDSHAKE_MILLIS - 1, context + ": gave up after " + millis
                        + " ms");
                kind = "incomplete";
            }
            // exact in what it writes: the greeting, and the request only after a valid method choice
            byte[] expected = reply.length >= 2 && reply[0] == 5 && reply[1] == 0
                    ? concat(greeting(), connect(HASH)) : greeting();
            assertArrayEquals(expected, heard.get(MARGIN_MILLIS, TimeUnit.MILLISECONDS), context);
            return kind;
        }
    }

    /** Reads {@code length} bytes, and with END the end of the stream after them. */
    private static byte[] read(SocketChannel channel, int length, Mode mode) throws IOException {
        channel.socket().setSoTimeout((int) MARGIN_MILLIS);
        InputStream in = channel.socket().getInputStream();
        byte[] data = in.readNBytes(length);
        if (mode == Mode.END) {
            assertEquals(-1, in.read(), "bytes after the end");
        }
        return data;
    }

    /**
     * The test's streamhost: answers one client with {@code reply} and returns everything the client
     * sent until it closed (a client must not wait for more than the reply).
     */
    private static byte[] streamhost(ServerSocket server, byte[] reply, Mode mode) throws IOException {
        ByteArrayOutputStream heard = new ByteArrayOutputStream();
        try (Socket client = server.accept()) {
            client.setSoTimeout((int) (HANDSHAKE_MILLIS + MARGIN_MILLIS));
            InputStream in = client.getInputStream();
            OutputStream out = client.getOutputStream();
            if (mode == Mode.TRICKLE) {
                // one byte each 30 ms: the whole reply would take far longer than the client's deadline
                for (byte b : reply) {
                    out.write(b);
                    out.flush();
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(30));
                    heard.write(in.readNBytes(in.available()));
                }
            } else {
                out.write(reply);
                out.flush();
            }
            if (mode == Mode.END) {
                client.shutdownOutput();
            }
            in.transferTo(heard);
        } catch (IOException e) {
            // the client reset the connection, or went while a byte was trickled to it
        }
        return heard.toByteArray();
    }

    /** The valid grant changed in one of the ways a broken or hostile streamhost changes it. */
    private static byte[] mutatedReply(byte[] valid, Random random) {
        byte[] out = valid.clone();
        int at = random.nextInt(out.length);
        switch (random.nextInt(10)) {
            case 0 -> out[at] = (byte) random.nextInt(256);
            case 1 -> out = concat(Arrays.copyOf(out, at), of(random.nextInt(256)), Arrays.copyOfRange(out, at,
                    out.length));
            case 2 -> out = concat(Arrays.copyOf(out, at), Arrays.copyOfRange(out, at + 1, out.length));
            case 3 -> out[new int[] {0, 1, 2, 3, 4, 5}[random.nextInt(6)]] = (byte) new int[] {0, 1, 2, 4, 5, 8, 0x7F,
                0xFF}[random.nextInt(8)];
            case 4 -> out[6] = (byte) new int[] {0, 1, 39, 41, 255}[random.nextInt(5)]; // the domain's length
            case 5 -> out = concat(of(5, 0, 5, 0, 0, 1), new byte[] {(byte) 192, (byte) 168, 1, 7}, of(0x1f, 0x90));
            case 6 -> out = concat(of(5, 0, 5, 0, random.nextInt(256), 4), new byte[18]); // IPv6, any RSV
            case 7 -> out = concat(out, ascii("stream data"));
            case 8 -> {
                out = new byte[random.nextInt(80)];
                random.nextBytes(out);
            }
            default -> out[1] = (byte) new int[] {1, 2, 0xFF}[random.nextInt(3)]; // another method than asked
        }
        return out;
    }

    // --- the direct streamhost, exchanges cut and held open ---

    @Test
    void anExchangeCutAtAnyLengthAndHeldOpenIsClosedAtTheDeadline() throws Exception {
        listener = DirectListener.start(List.of(InetAddress.getByName("127.0.0.1")), 0, List.of("127.0.0.1"),
                new PendingLimits(LISTENER_DEADLINE_MILLIS, 1024, 64), new TestLog().logger());
        byte[] valid = concat(greeting(), connect(HASH));
        try (ClientSwarm swarm = new ClientSwarm(listener.port())) {
            for (int length = 0; length < valid.length; length++) {
                swarm.send(swarm.open("127.0.0." + (2 + length % 8)), Arrays.copyOf(valid, length));
            }
            int[] mostThreads = {0};
            Await.until("the listener closed every held exchange", (LISTENER_DEADLINE_MILLIS + MARGIN_MILLIS) / 1000,
                    () -> {
                        mostThreads[0] = Math.max(mostThreads[0], Threads.of(listener));
                        return swarm.poll() == valid.length;
                    });
            List<ClientSwarm.Client> clients = swarm.clients();
            for (int length = 0; length < valid.length; length++) {
                ClientSwarm.Client client = clients.get(length);
                byte[] due = length >= 3 ? of(5, 0) : new byte[0]; // the method choice once the greeting is whole
                byte[] got = client.bytes();
                assertTrue(client.wasReset() ? Arrays.equals(got, Arrays.copyOf(due, got.length))
                        : Arrays.equals(due, got), "cut at " + length + ": " + Arrays.toString(got));
                assertTrue(client.livedMillis() >= LISTENER_DEADLINE_MILLIS - 1,
                        "cut at " + length + ": closed after " + client.livedMillis() + " ms");
            }
            assertEquals(1, mostThreads[0]);
            Await.until("no connection pending", () -> listener.pendingCount() == 0);
        }
        // and the listener serves the stream they named
        ExpectedReceiver.Served served = ExpectedReceiver.start(listener, HASH, "127.0.0.10", ascii("after"), threads,
                MARGIN_MILLIS).get(MARGIN_MILLIS * 2, TimeUnit.MILLISECONDS);
        assertTrue(served.intact());
    }

    // --- helpers ---

    private static String pick(String[] values, Random random) {
        return values[random.nextInt(values.length)];
    }

    /** For a failure message: escaped where not printable ASCII, and cut. */
    private static String shown(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().limit(500).forEach(c -> out.append(c >= 0x20 && c < 0x7F ? Character.toString(c)
                : "\\u{" + Integer.toHexString(c) + "}"));
        return text.length() > 500 ? out + "...(" + text.length() + " chars)" : out.toString();
    }
}
