package io.sift.ibb.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.regex.Pattern;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.packet.StanzaError.Condition;
import org.jivesoftware.smack.parsing.SmackParsingException;
import org.jivesoftware.smack.util.PacketParserUtils;
import org.jivesoftware.smack.xml.XmlPullParser;
import org.jivesoftware.smack.xml.XmlPullParserException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;

import io.sift.spi.ByteStream;
import io.sift.spi.StreamException;
import io.sift.spi.StreamSession;

/**
 * Mutated {@code <open/>}, {@code <data/>} (in an IQ and in a message) and {@code <close/>} from
 * fixed seeds, parsed by this bundle's registered providers as Smack parses a received stanza, then
 * handed to an account's endpoint that expects stream s1 from alice. The providers never throw on
 * XML that Smack's parser reads to its end; every request gets exactly the answer XEP-0047 prescribes
 * for its values (worked out here from the raw attributes); a block is taken exactly when its base64
 * is valid, and then with the bytes that base64 stands for.
 */
class IbbFuzzTest {

    private static final long[] SEEDS = {47L, 0x1BBL, 2_024L};
    private static final int STANZAS_PER_SEED = 1000;
    private static final int TEXTS_PER_SEED = 2000;

    private static final String NS = Ibb.NAMESPACE;
    private static final String ALICE = "alice@localhost/a";
    private static final String BOB = "bob@localhost/b";
    private static final StreamSession SESSION = new StreamSession("bob@localhost", "s1", ALICE, BOB);
    private static final int BLOCK_SIZE = 4096;
    private static final int MAX_BLOCK_SIZE = 8192;

    /** Valid base64 once XML white space is dropped, per RFC 4648 with padding. */
    private static final Pattern BASE64 = Pattern.compile("([A-Za-z0-9+/]{4})*([A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?");
    private static final Pattern XML_SPACE = Pattern.compile("[ \t\r\n]");

    private static final String[] VALUES = {"", " ", "s1", "S1", "s1 ", "s2", "0", "00", "1", "65535", "65536", "-1",
        "+1", " 0", "0x10", "1e3", "4096", "8192", "8193", "99999999999999999999", "\u0660", "\uFF10", "iq", "IQ",
        "message", "presence", "&#x9;", "&lt;&amp;&gt;", "\u202E\u4E2D\uD83D\uDE00", "<", "&", "\u0001", "'",
        "s".repeat(70_000)};
    private static final String[] NAMESPACES = {"", "jabber:client", "http://jabber.org/protocol/bytestreams",
        "HTTP://JABBER.ORG/PROTOCOL/IBB", NS + "#x"};
    private static final String[] NOT_BASE64 = {"=", "==", "-", "_", ".", "*", "%", "\u00E9", "\u0000", "\u000B",
        "\u00A0", "\u3000", "\uFF21", "\u0660", "\uD83D\uDE00", "&#x41;", "&amp;", "<x/>", "<!--c-->",
        "<![CDATA[AAAA]]>", "<?p?>", "\r\n", " ", "\t", "&#x20;"};

    private final IbbProviders providers = new IbbProviders();

    @BeforeEach
    void register() {
        providers.register();
    }

    @AfterEach
    void unregister() {
        providers.unregister();
    }

    /** An element as a peer may write it: attributes in order (a name may come twice), raw text, or none. */
    private record Element(String name, String namespace, List<String[]> attributes, String content) {

        String xml() {
            StringBuilder xml = new StringBuilder("<" + name + " xmlns='" + namespace + "'");
            attributes.forEach(a -> xml.append(' ').append(a[0]).append("='").append(a[1]).append('\''));
            return xml.append(content == null ? "/>" : ">" + content + "</" + name + ">").toString();
        }
    }

    private static Element open() {
        return new Element("open", NS, attributes("block-size", "4096", "sid", "s1", "stanza", "iq"), null);
    }

    private static Element data(Random random) {
        byte[] bytes = new byte[random.nextInt(4) == 0 ? random.nextInt(BLOCK_SIZE + 2) : random.nextInt(40)];
        random.nextBytes(bytes);
        return new Element("data", NS, attributes("seq", "0", "sid", "s1"), Base64.getEncoder().encodeToString(bytes));
    }

    private static Element close() {
        return new Element("close", NS, attributes("sid", "s1"), null);
    }

    private static List<String[]> attributes(String... namesAndValues) {
        List<String[]> list = new ArrayList<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            list.add(new String[] {namesAndValues[i], namesAndValues[i + 1]});
        }
        return list;
    }

    @Test
    void openRequestsGetTheirXepAnswer() throws Exception {
        int[] seen = fuzz(random -> open(), "iq", (parsed, raw, context) -> {
            IbbEndpoint bob = endpoint(new FakeTransport());
            bob.expect(SESSION);
            assertAnswer(openAnswer(raw), bob.handleOpen(assertInstanceOf(IbbOpen.class, parsed, context)), context);
        });
        report("open", seen);
    }

    @Test
    void closeRequestsGetTheirXepAnswer() throws Exception {
        int[] seen = fuzz(random -> close(), "iq", (parsed, raw, context) -> {
            Opened opened = opened();
            Condition expected = raw.get("sid") == null ? Condition.bad_request
                    : raw.get("sid").equals("s1") ? null : Condition.item_not_found;
            assertAnswer(expected, opened.bob.handleClose(assertInstanceOf(IbbClose.class, parsed, context)), context);
        });
        report("close", seen);
    }

    @Test
    void dataIqsAreTakenExactlyWhenValidAndAnsweredAsTheXepSays() throws Exception {
        int[] seen = fuzz(IbbFuzzTest::data, "iq", (parsed, raw, context) -> {
            Opened opened = opened();
            Condition expected = dataVerdict(raw);
            IQ answer = opened.bob.handleData(assertInstanceOf(IbbDataIq.class, parsed, context));
            assertAnswer(expected, answer, context);
            assertStreamGot(opened, raw, expected, context);
        });
        report("data iq", seen);
    }

    @Test
    void dataMessagesAreTakenExactlyWhenValid() throws Exception {
        int[] seen = fuzz(IbbFuzzTest::data, "message", (parsed, raw, context) -> {
            Opened opened = opened();
            DataElement data = assertInstanceOf(DataElement.class,
                    ((Message) parsed).getExtensionElement(DataElement.ELEMENT, NS), context);
            opened.bob.handleDataMessage(JidCreate.from(ALICE), data, false);
            assertStreamGot(opened, raw, dataVerdict(raw), context);
        });
        report("data message", seen);
    }

    @Test
    void base64IsDecodedToItsBytesOrRejected() throws Exception {
        for (long seed : SEEDS) {
            Random random = new Random(seed);
            for (int i = 0; i < TEXTS_PER_SEED; i++) {
                byte[] bytes = new byte[random.nextInt(20) == 0 ? random.nextInt(20_000) : random.nextInt(100)];
                random.nextBytes(bytes);
                String text = new BlockEncoder().encode(ByteBuffer.wrap(bytes)).toString();
                assertArrayEquals(bytes, DecodedBlock.of(text, bytes.length), "round trip of " + bytes.length);
                if (bytes.length > 0) {
                    assertEquals(Base64Block.Problem.TOO_LONG, rejection(text, bytes.length - 1));
                }
                String bent = bentBase64(text, random);
                assertDecodedOrRejected(bent, random.nextInt(bytes.length + 3), "seed " + seed + " #" + i);
            }
        }
        String text = Base64.getEncoder().encodeToString("every truncation".getBytes());
        for (int length = 0; length <= text.length(); length++) {
            assertDecodedOrRejected(text.substring(0, length), 100, "truncated at " + length);
        }
    }

    // --- the stanza fuzz ---

    /** What a stanza does to an endpoint, given its parse and the raw values of its element. */
    private interface Check {
        void run(Stanza parsed, Map<String, String> raw, String context) throws Exception;
    }

    /** Mutated elements of one kind in {@code envelope} stanzas; returns how many were broken, elsewhere, handled. */
    private int[] fuzz(Function<Random, Element> valid, String envelope, Check check) throws Exception {
        String name = valid.apply(new Random(0)).name();
        String type = envelope.equals("iq") ? " type='set'" : "";
        int[] seen = new int[3];
        for (long seed : SEEDS) {
            Random random = new Random(seed);
            for (int i = 0; i < STANZAS_PER_SEED; i++) {
                String element = bent(valid.apply(random), random);
                String xml = "<" + envelope + " xmlns='jabber:client'" + type + " id='f" + i + "' from='" + ALICE
                        + "' to='" + BOB + "'>" + element + "</" + envelope + ">";
                String context = "seed " + seed + " #" + i + ": " + shown(element);
                Child child = child(xml);
                boolean ours = child.raw != null && NS.equals(child.raw.get("xmlns"))
                        && name.equals(child.raw.get("name"));
                if (!child.wellFormed) {
                    seen[0]++;
                    if (ours) {
                        assertOnlyParserErrors(xml, context);
                    }
                } else if (!ours) {
                    seen[1]++; // no element, or another provider's
                } else {
                    Stanza parsed;
                    try {
                        parsed = PacketParserUtils.parseStanza(xml);
                    } catch (Exception e) {
                        throw new AssertionError("the provider threw " + e + " on well-formed XML, " + context, e);
                    }
                    check.run(parsed, child.raw, context);
                    seen[2]++;
                }
            }
        }
        return seen;
    }

    private static void report(String what, int[] seen) {
        System.out.printf("IbbFuzzTest %s (seeds %s x %d): %d broken XML, %d not ours, %d handled%n", what,
                Arrays.toString(SEEDS), STANZAS_PER_SEED, seen[0], seen[1], seen[2]);
        assertTrue(seen[2] > STANZAS_PER_SEED, "most mutations reach the endpoint");
    }

    /**
     * The stanza's child as Smack's parser alone reads it: name, namespace ("xmlns"), attributes, and
     * text ("text", absent when it holds an element), null when no child element is reached; and
     * whether the whole XML is well formed.
     */
    private record Child(Map<String, String> raw, boolean wellFormed) {
    }

    private static Child child(String xml) {
        Map<String, String> raw = null;
        StringBuilder text = new StringBuilder();
        boolean element = false;
        try {
            XmlPullParser parser = PacketParserUtils.getParserFor(xml);
            for (XmlPullParser.Event e = parser.next(); e != XmlPullParser.Event.END_DOCUMENT; e = parser.next()) {
                if (e == XmlPullParser.Event.START_ELEMENT && parser.getDepth() == 2 && raw == null) {
                    raw = new HashMap<>();
                    raw.put("name", parser.getName());
                    raw.put("xmlns", parser.getNamespace());
                    for (int a = 0; a < parser.getAttributeCount(); a++) {
                        raw.put(parser.getAttributeName(a), parser.getAttributeValue(a));
                    }
                } else if (e == XmlPullParser.Event.START_ELEMENT) {
                    element = true;
                } else if (e == XmlPullParser.Event.TEXT_CHARACTERS || e == XmlPullParser.Event.ENTITY_REFERENCE
                        || e == XmlPullParser.Event.IGNORABLE_WHITESPACE) {
                    text.append(parser.getText());
                }
            }
        } catch (XmlPullParserException | IOException | IllegalArgumentException e) {
            return new Child(raw, false);
        }
        if (raw != null && !element) {
            raw.put("text", text.toString());
        }
        return new Child(raw, true);
    }

    /** Broken XML is the stream's business: the parse may fail, but only with the parser's own errors. */
    private static void assertOnlyParserErrors(String xml, String context) {
        try {
            PacketParserUtils.parseStanza(xml);
        } catch (XmlPullParserException | SmackParsingException expected) {
            // the parser's, or the provider's report of a document that ended inside the element
        } catch (Exception e) {
            throw new AssertionError("broken XML made the parse throw " + e + ", " + context, e);
        }
    }

    /** The condition XEP-0047 prescribes for an open request with these values; null for a result. */
    private static Condition openAnswer(Map<String, String> raw) {
        String stanza = raw.get("stanza");
        BigInteger blockSize = number(raw.get("block-size"));
        if (raw.get("sid") == null || blockSize == null || blockSize.signum() == 0
                || stanza != null && !stanza.equals("iq") && !stanza.equals("message")) {
            return Condition.bad_request;
        }
        if (!raw.get("sid").equals("s1")) {
            return Condition.not_acceptable;
        }
        return blockSize.compareTo(BigInteger.valueOf(MAX_BLOCK_SIZE)) > 0 ? Condition.resource_constraint : null;
    }

    /** The condition for a first block of stream s1 (block size 4096) with these values; null when it is taken. */
    private static Condition dataVerdict(Map<String, String> raw) {
        String sid = raw.get("sid");
        if (sid == null) {
            return Condition.bad_request;
        }
        if (!sid.equals("s1")) {
            return Condition.item_not_found;
        }
        BigInteger seq = number(raw.get("seq"));
        if (seq == null || seq.compareTo(BigInteger.valueOf(Ibb.MAX_SEQ)) > 0) {
            return Condition.bad_request;
        }
        if (seq.signum() != 0) {
            return Condition.unexpected_request;
        }
        byte[] block = reference(raw.get("text"));
        if (block == null) {
            return Condition.bad_request;
        }
        return block.length > BLOCK_SIZE ? Condition.resource_constraint : null;
    }

    /** ASCII digits only, as XEP-0047's xs:unsignedShort and xs:int values are written; null otherwise. */
    private static BigInteger number(String value) {
        return value != null && value.matches("[0-9]+") ? new BigInteger(value) : null;
    }

    /** The bytes valid base64 stands for, decoded by the JDK; null when it is not valid. */
    private static byte[] reference(String text) {
        String compact = text == null ? null : XML_SPACE.matcher(text).replaceAll("");
        return compact != null && BASE64.matcher(compact).matches() ? Base64.getDecoder().decode(compact) : null;
    }

    /** A result (expected null) or an error with that condition, which reads back as the same. */
    private static void assertAnswer(Condition expected, IQ answer, String context) throws Exception {
        assertEquals(expected == null ? IQ.Type.result : IQ.Type.error, answer.getType(), context);
        if (expected != null) {
            assertEquals(expected, answer.getError().getCondition(), context);
        }
        IQ read = PacketParserUtils.parseStanza(answer.toXML().toString());
        assertEquals(answer.getType(), read.getType(), context);
    }

    /** An endpoint with stream s1 from alice open, and its receiving end. */
    private record Opened(IbbEndpoint bob, ByteStream stream) {
    }

    private static IbbEndpoint endpoint(FakeTransport transport) {
        transport.autoAnswer = IQ::createResultIQ;
        return new IbbEndpoint("bob@localhost", new IbbSettings(BLOCK_SIZE, 16, DataStanza.IQ, MAX_BLOCK_SIZE, 5000,
                5000, 5000, 10, false), PeerRules.NONE, FlowLimits.DEFAULT, transport, side -> { },
                new TestLog().logger());
    }

    private static Opened opened() throws Exception {
        IbbEndpoint bob = endpoint(new FakeTransport());
        var pending = bob.expect(SESSION);
        IbbOpen open = IbbOpen.request("s1", BLOCK_SIZE, DataStanza.IQ);
        open.setFrom(JidCreate.from(ALICE));
        assertEquals(IQ.Type.result, bob.handleOpen(open).getType());
        return new Opened(bob, pending.await(Duration.ofSeconds(5)));
    }

    /**
     * After alice closes: the stream read the block's bytes when it was taken, broke when a block of
     * s1 was refused, and read nothing when the block was for no stream of hers.
     */
    private static void assertStreamGot(Opened opened, Map<String, String> raw, Condition verdict, String context)
            throws Exception {
        IbbClose close = IbbClose.request("s1");
        close.setFrom(JidCreate.from(ALICE));
        opened.bob.handleClose(close);
        boolean refusedOnS1 = verdict != null && "s1".equals(raw.get("sid"));
        if (refusedOnS1) {
            assertThrows(StreamException.class, () -> readAll(opened.stream), context);
        } else {
            assertArrayEquals(verdict == null ? reference(raw.get("text")) : new byte[0], readAll(opened.stream),
                    context);
        }
    }

    private static byte[] readAll(ByteStream stream) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        ByteBuffer buffer = ByteBuffer.allocate(8192);
        while (stream.in().read(buffer.clear()) >= 0) {
            all.write(buffer.array(), 0, buffer.position());
        }
        return all.toByteArray();
    }

    // --- base64 ---

    private static void assertDecodedOrRejected(String text, int max, String context) {
        String shownText = context + ": '" + shown(text) + "' (max " + max + ")";
        byte[] expected = reference(text);
        if (expected == null) {
            assertEquals(Base64Block.Problem.MALFORMED, rejection(text, max), shownText);
        } else if (expected.length > max) {
            assertEquals(Base64Block.Problem.TOO_LONG, rejection(text, max), shownText);
        } else {
            try {
                assertArrayEquals(expected, DecodedBlock.of(text, max), shownText);
            } catch (Base64Block.RejectedException e) {
                throw new AssertionError("valid base64 refused (" + e.getMessage() + "), " + shownText, e);
            }
        }
    }

    private static Base64Block.Problem rejection(String text, int max) {
        return assertThrows(Base64Block.RejectedException.class, () -> DecodedBlock.of(text, max),
                () -> "accepted: '" + shown(text) + "'").problem();
    }

    /** Valid base64 bent once: a foreign character, padding moved, added or dropped, cut, doubled, spaced. */
    private static String bentBase64(String text, Random random) {
        int at = random.nextInt(text.length() + 1);
        String head = text.substring(0, at);
        String tail = text.substring(at);
        return switch (random.nextInt(9)) {
            case 0 -> head + pick(NOT_BASE64, random) + tail;
            case 1 -> tail.isEmpty() ? head + "=" : head + pick(NOT_BASE64, random) + tail.substring(1);
            case 2 -> head + " \t\r\n".charAt(random.nextInt(4)) + tail; // still valid
            case 3 -> text.replace("=", "") + "=".repeat(random.nextInt(4));
            case 4 -> head + tail.substring(Math.min(tail.length(), 1 + random.nextInt(3)));
            case 5 -> text + text;
            case 6 -> head;
            case 7 -> tail.isEmpty() ? text : head + (char) ('A' + random.nextInt(26)) + tail.substring(1); // other bytes
            default -> "=".repeat(random.nextInt(3)) + text;
        };
    }

    // --- mutations of elements ---

    /** One or two changes to a valid element, and now and then a cut or stray character in its XML. */
    private static String bent(Element element, Random random) {
        Element out = bendOnce(element, random);
        if (random.nextBoolean()) {
            out = bendOnce(out, random);
        }
        String xml = out.xml();
        int at = random.nextInt(xml.length());
        return switch (random.nextInt(8)) {
            case 0 -> xml.substring(0, at);
            case 1 -> xml.substring(0, at) + pick(NOT_BASE64, random) + xml.substring(at + 1);
            default -> xml;
        };
    }

    private static Element bendOnce(Element e, Random random) {
        List<String[]> attributes = new ArrayList<>(e.attributes);
        int a = random.nextInt(attributes.size() + 1);
        String name = a < attributes.size() ? attributes.get(a)[0] : "sid";
        switch (random.nextInt(9)) {
            case 0, 1, 2 -> {
                if (a < attributes.size()) {
                    attributes.set(a, new String[] {name, pick(VALUES, random)});
                }
            }
            case 3 -> {
                if (a < attributes.size()) {
                    attributes.remove(a);
                }
            }
            case 4 -> attributes.add(random.nextInt(attributes.size() + 1), new String[] {name, pick(VALUES, random)});
            case 5 -> {
                return new Element(e.name, pick(NAMESPACES, random), attributes, e.content);
            }
            case 6 -> {
                return new Element(e.name, e.namespace, attributes, e.content == null ? pick(VALUES, random)
                        : bentBase64(e.content, random));
            }
            case 7 -> {
                int depth = new int[] {1, 2, 50, 2000}[random.nextInt(4)];
                String inner = e.content == null ? "" : e.content;
                return new Element(e.name, e.namespace, attributes, "<x>".repeat(depth) + inner + "</x>".repeat(depth));
            }
            default -> {
                return new Element(e.name, e.namespace, attributes,
                        e.content == null ? null : e.content + "AAAA".repeat(random.nextInt(2000)));
            }
        }
        return new Element(e.name, e.namespace, attributes, e.content);
    }

    private static String pick(String[] values, Random random) {
        return values[random.nextInt(values.length)];
    }

    /** For a failure message: escaped where not printable ASCII, and cut. */
    private static String shown(String text) {
        StringBuilder out = new StringBuilder();
        text.chars().limit(400).forEach(c -> out.append(c >= 0x20 && c < 0x7F ? Character.toString(c)
                : String.format("\\u%04X", c)));
        return text.length() > 400 ? out + "...(" + text.length() + " chars)" : out.toString();
    }
}
