package io.sift.negotiation.internal;

import static io.sift.negotiation.internal.Xml.FT;
import static io.sift.negotiation.internal.Xml.IBB;
import static io.sift.negotiation.internal.Xml.LOCAL;
import static io.sift.negotiation.internal.Xml.PEER;
import static io.sift.negotiation.internal.Xml.S5B;
import static io.sift.negotiation.internal.Xml.feature;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smack.util.PacketParserUtils;
import org.jivesoftware.smack.xml.XmlPullParser;
import org.jivesoftware.smack.xml.XmlPullParserException;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;

import io.sift.negotiation.IncomingStreamOffer;
import io.sift.negotiation.NegotiatedStream;
import io.sift.negotiation.NegotiationException;
import io.sift.negotiation.SiProfile;
import io.sift.negotiation.StreamOffer;
import io.sift.spi.StreamMethod;

/**
 * Mutated {@code <si/>} offers and answers from fixed seeds, read by this bundle's provider and
 * judged by the code that answers them. On XML that Smack's parser reads to its end the provider
 * never throws (Smack would close the connection); on broken XML it throws nothing but the parser's
 * own XmlPullParserException. An offer either reaches the profile or gets one of XEP-0095's errors
 * (400 bad-request, alone or with bad-profile or no-valid-streams) that reads back; an answer
 * yields an offered method or a NegotiationException.
 */
class SiFuzzTest {

    private static final long[] SEEDS = {0x5150L, 20_241_124L, 7L};
    private static final int OFFERS_PER_SEED = 1500;
    private static final int ANSWERS_PER_SEED = 700;

    private static final String SI_OPEN = "<si xmlns='http://jabber.org/protocol/si'";
    private static final List<String> OFFERS = List.of(
            Xml.offer("s5b_405645b", FT, S5B, IBB),
            SI_OPEN + " id='a1' profile='" + FT + "'><file xmlns='" + FT + "' name='a b.txt' size='3' hash='"
                    + "0123456789abcdef0123456789abcdef' date='2024-05-06T07:08:09Z'/>" + feature("form", IBB) + "</si>",
            SI_OPEN + " id='x' profile='" + FT + "'><thumbnail xmlns='urn:xmpp:thumbs:1' uri='cid:x'/><file xmlns='"
                    + FT + "' xmlns:e='urn:e' e:flag='1' name='n' size='0'><desc>d</desc><range/></file>"
                    + feature("form", S5B) + "</si>");
    private static final List<String> ANSWERS = List.of(
            SI_OPEN + ">" + answerFeature(S5B) + "</si>",
            SI_OPEN + "><file xmlns='" + FT + "'><range offset='10' length='20'/></file>" + answerFeature(IBB) + "</si>",
            SI_OPEN + ">" + answerFeature(S5B, IBB) + "</si>");

    /** Text a hostile peer may put anywhere: markup, references, non-ASCII, control and bidi characters. */
    private static final String[] NASTY = {"<", ">", "&", "'", "\"", "/", "=", "&amp;", "&lt;", "&#0;", "&#x1;",
        "&#x9;", "&#xD800;", "&#x10FFFF;", "&bogus;", "]]>", "<!--c-->", "<![CDATA[<x/>]]>", "<?pi x?>", "\u0000",
        "\u0007", "\u001B", "\u007F", "\u0085", "\u00E9", "\u4E2D", "\uD83D\uDE00", "\uD800", "\u202E", "\u200B",
        "\uFEFF", "\uFFFE", " ", "\t", "\r\n", "<x/>", "<value>" + IBB + "</value>", "<option><value>" + S5B
            + "</value></option>", " xmlns=''", " xmlns:p='urn:p'", "p:", "<feature/>"};
    private static final String[] VALUES = {"", " ", "  \t", "x", "-1", "0", "99999999999999999999", "\u00E9\u4E2D",
        "a&#x9;b", "&lt;si/&gt;", "\u202Eexe.txt", "../../etc/passwd", "&#x1F600;", S5B, IBB, FT, S5B + " " + IBB,
        "urn:bogus", "jabber:client", "form", "submit", "stream-method", "x".repeat(257), "y".repeat(70_000)};
    private static final String[] NAMESPACES = {"", SiNamespaces.SI, SiNamespaces.FEATURE_NEG, SiNamespaces.DATA_FORMS,
        FT, S5B, IBB, "jabber:client", "urn:bogus", "HTTP://JABBER.ORG/PROTOCOL/SI"};
    private static final String[] ATTRIBUTE_NAMES = {"id", "profile", "mime-type", "type", "var", "xml:lang", "p:id"};
    private static final int[] NESTING = {2, 31, 32, 33, 200, 3000};

    private static final Pattern ATTRIBUTE = Pattern.compile("\\s([\\w:.-]+)=('[^']*'|\"[^\"]*\")");
    private static final Pattern NAMESPACE = Pattern.compile("xmlns(:\\w+)?=('[^']*'|\"[^\"]*\")");
    private static final Pattern START_TAG = Pattern.compile("<[\\w:-]+[^<>]*?/?>");
    private static final Pattern TEXT = Pattern.compile(">[^<>]*<");
    private static final Pattern TAG = Pattern.compile("<(/?)([\\w:-]+)[^<>]*?(/?)>");

    /** Inputs that never reached the logic: broken XML, and roots that are not {@code <si/>} (another provider's). */
    private int broken;
    private int elsewhere;

    private final FakeStreamMethod s5b = new FakeStreamMethod(S5B, new CopyOnWriteArrayList<>());
    private final FakeStreamMethod ibb = new FakeStreamMethod(IBB, new CopyOnWriteArrayList<>());

    private static String answerFeature(String... values) {
        StringBuilder xml = new StringBuilder("<feature xmlns='http://jabber.org/protocol/feature-neg'>"
                + "<x xmlns='jabber:x:data' type='submit'><field var='stream-method'>");
        for (String value : values) {
            xml.append("<value>").append(value).append("</value>");
        }
        return xml.append("</field></x></feature>").toString();
    }

    private RankedServices<StreamMethod> methods() {
        RankedServices<StreamMethod> methods = new RankedServices<>();
        methods.put(s5b, List.of(S5B), 50, 0, 1);
        methods.put(ibb, List.of(IBB), 10, 0, 2);
        return methods;
    }

    @Test
    void everyOfferReachesTheProfileOrGetsAnXepError() throws Exception {
        int refused = 0;
        int offered = 0;
        for (Read read : readMutations(OFFERS, OFFERS_PER_SEED)) {
            if (answerOffer(read.si, read.context)) {
                offered++;
            } else {
                refused++;
            }
        }
        System.out.printf("SiFuzzTest offers (seeds %s x %d): %d broken XML, %d not <si/>, %d refused, %d offered%n",
                Arrays.toString(SEEDS), OFFERS_PER_SEED, broken, elsewhere, refused, offered);
        assertTrue(refused > 0 && offered > 0, "the mutations reach both outcomes");
    }

    @Test
    void everyTruncationOfAnOfferIsLeftToTheParser() throws Exception {
        String offer = OFFERS.get(1);
        for (int length = 0; length < offer.length(); length++) {
            String truncated = offer.substring(0, length);
            assertEquals(null, readAsSmackWould(truncated, "truncated at " + length + ": " + shown(truncated)));
        }
        assertEquals(offer.length(), broken);
    }

    /**
     * Hands the offer to a fresh target and checks its answer against OfferCheck's verdict; true when
     * it reached the profile.
     */
    private boolean answerOffer(SiIq request, String context) throws Exception {
        OfferCheck.Verdict verdict = OfferCheck.check(request, FT::equals, List.of(S5B, IBB));
        FakeLink link = new FakeLink();
        List<IncomingStreamOffer> offered = new ArrayList<>();
        RankedServices<SiProfile> profiles = new RankedServices<>();
        profiles.put(offered::add, List.of(FT), 0, 0, 3);
        new IncomingOffers(link, new SiIqProvider(), methods(), profiles, Runnable::run, new OfferSlots(8, 8),
                Xml.silentLogger()).handle(request);
        if (verdict instanceof OfferCheck.Refused refused) {
            assertEquals(List.of(), offered, context);
            assertEquals(1, link.sent.size(), context);
            assertRefusal(link.sent.get(0), refused.refusal(), context);
            return false;
        }
        OfferCheck.Valid valid = (OfferCheck.Valid) verdict;
        assertTrue(valid.sid().length() <= OfferCheck.MAX_SID_LENGTH && XmlText.isCleanToken(valid.sid()), context);
        assertEquals(FT, valid.profile(), context);
        assertFalse(valid.methods().isEmpty(), context);
        assertTrue(List.of(S5B, IBB).containsAll(valid.methods()), context);
        assertEquals(1, offered.size(), context);
        assertEquals(List.of(), link.sent, context);
        // accepting answers with exactly one of the offered methods, which reads back
        offered.get(0).accept(Optional.empty());
        SiIq answer = assertInstanceOf(SiIq.class, link.sent.get(0), context);
        assertEquals(IQ.Type.result, answer.getType(), context);
        assertEquals(request.getStanzaId(), answer.getStanzaId(), context);
        SiIq reread = Xml.parseSi(answer.getChildElementXML().toString());
        assertEquals(List.of(valid.methods().get(0)), reread.form().orElseThrow().values(), context);
        return true;
    }

    /** One error, 400 bad-request with the si condition the refusal names, well formed and without the offer. */
    private static void assertRefusal(IQ reply, OfferCheck.Refusal refusal, String context) throws Exception {
        String xml = Xml.xml(reply);
        assertFalse(xml.contains("<si ") || xml.contains("<file"), () -> "the offer is echoed: " + context);
        IQ read = Xml.stanza(xml);
        assertEquals(IQ.Type.error, read.getType(), context);
        StanzaError error = read.getError();
        assertEquals(StanzaError.Condition.bad_request, error.getCondition(), context);
        assertEquals(StanzaError.Type.MODIFY, error.getType(), context);
        boolean badProfile = error.getExtension(SiNamespaces.BAD_PROFILE, SiNamespaces.SI) != null;
        boolean noValidStreams = error.getExtension(SiNamespaces.NO_VALID_STREAMS, SiNamespaces.SI) != null;
        assertEquals(refusal == OfferCheck.Refusal.BAD_PROFILE, badProfile, context);
        assertEquals(refusal == OfferCheck.Refusal.NO_VALID_STREAMS, noValidStreams, context);
        String text = error.getDescriptiveText();
        assertTrue(text == null || text.codePoints().noneMatch(Character::isISOControl), context);
    }

    @Test
    void everyAnswerYieldsAnOfferedMethodOrANegotiationError() throws Exception {
        FakeLink link = new FakeLink();
        link.disco.put(PEER, Set.of(SiNamespaces.SI, FT, S5B, IBB));
        OfferSender sender = new OfferSender(link, new DiscoCache(Duration.ofSeconds(60), 16, () -> 0L), methods(),
                new SidGenerator(), new SiIqProvider());
        StreamOffer offer = new StreamOffer("alice@example.org", PEER, FT, null,
                StandardExtensionElement.builder("file", FT).addAttribute("name", "a").addAttribute("size", "1").build(),
                List.of(), Duration.ofSeconds(30));
        int refused = 0;
        int accepted = 0;
        for (Read read : readMutations(ANSWERS, ANSWERS_PER_SEED)) {
            SiIq si = read.si;
            link.peer = request -> {
                si.setType(IQ.Type.result);
                si.setStanzaId(request.getStanzaId());
                si.setFrom(request.getTo());
                return si;
            };
            List<String> answered = si.form().map(StreamMethodForm::values).orElse(List.of());
            boolean choseOffered = answered.stream().anyMatch(List.of(S5B, IBB)::contains);
            try {
                NegotiatedStream stream = sender.offer(offer);
                assertTrue(choseOffered, read.context);
                assertEquals(answered.stream().filter(List.of(S5B, IBB)::contains).findFirst().orElseThrow(),
                        stream.method().namespace(), read.context);
                accepted++;
            } catch (NegotiationException e) {
                assertFalse(choseOffered, () -> read.context + " -> " + e);
                assertEquals(NegotiationException.Kind.PROTOCOL_ERROR, e.kind(), read.context);
                refused++;
            }
        }
        System.out.printf("SiFuzzTest answers (seeds %s x %d): %d broken XML, %d not <si/>, %d refused, %d accepted%n",
                Arrays.toString(SEEDS), ANSWERS_PER_SEED, broken, elsewhere, refused, accepted);
        assertTrue(refused > 0 && accepted > 0, "the mutations reach both outcomes");
    }

    /** A mutated element that the provider read, and where it came from. */
    private record Read(SiIq si, String context) {
    }

    /** Mutations of {@code valid}, {@code perSeed} from each seed, that reach the handler as {@code <si/>}. */
    private List<Read> readMutations(List<String> valid, int perSeed) throws Exception {
        List<Read> read = new ArrayList<>();
        for (long seed : SEEDS) {
            Random random = new Random(seed);
            for (int i = 0; i < perSeed; i++) {
                String xml = mutate(valid.get(random.nextInt(valid.size())), random);
                String context = "seed " + seed + " #" + i + ": " + shown(xml);
                SiIq si = readAsSmackWould(xml, context);
                if (si != null) {
                    read.add(new Read(si, context));
                }
            }
        }
        return read;
    }

    /**
     * The {@code <si/>} element as Smack would hand it to the handler, or null (counted) when the XML
     * is broken or the root is not {@code <si/>} in its namespace. Fails the test when the provider
     * throws on XML that the parser reads to its end, or throws anything but the parser's exception.
     */
    private SiIq readAsSmackWould(String xml, String context) throws Exception {
        XmlPullParser parser;
        try {
            parser = PacketParserUtils.getParserFor(xml);
        } catch (XmlPullParserException | IllegalArgumentException e) {
            broken++; // before the root's start tag, or no element at all
            return null;
        }
        if (!SiNamespaces.SI_ELEMENT.equals(parser.getName()) || !SiNamespaces.SI.equals(parser.getNamespace())) {
            elsewhere++;
            return null;
        }
        try {
            SiIq si = new SiIqProvider().parseSi(parser, parser.getDepth());
            si.setType(IQ.Type.set);
            si.setStanzaId("fuzz-1");
            si.setFrom(JidCreate.from(PEER));
            si.setTo(JidCreate.from(LOCAL));
            return si;
        } catch (XmlPullParserException e) {
            assertFalse(wellFormed(xml), () -> "the provider threw " + e + " on well-formed XML, " + context);
            broken++;
            return null;
        } catch (Exception | Error e) {
            throw new AssertionError("the provider threw " + e + ", " + context, e);
        }
    }

    /** Whether Smack's parser reads the whole text without an error. */
    private static boolean wellFormed(String xml) {
        try {
            XmlPullParser parser = PacketParserUtils.getParserFor(xml);
            while (parser.next() != XmlPullParser.Event.END_DOCUMENT) {
                // reading on
            }
            return true;
        } catch (XmlPullParserException | IOException | IllegalArgumentException e) {
            return false;
        }
    }

    // --- mutations ---

    /** One or two mutations of a valid element; about half of them keep the XML well formed. */
    static String mutate(String xml, Random random) {
        String out = mutateOnce(xml, random);
        return random.nextBoolean() ? mutateOnce(out, random) : out;
    }

    private static String mutateOnce(String xml, Random random) {
        int at = random.nextInt(xml.length() + 1);
        int end = Math.min(xml.length(), at + 1 + random.nextInt(8));
        return switch (random.nextInt(12)) {
            case 0 -> xml.substring(0, at) + xml.substring(end);
            case 1 -> xml.substring(0, at) + pick(NASTY, random) + xml.substring(at);
            case 2 -> xml.substring(0, at) + pick(NASTY, random) + xml.substring(end);
            case 3 -> xml.substring(0, at);
            case 4 -> onAttribute(xml, random, m -> m.group() + m.group()); // the same attribute twice
            case 5, 6 -> onAttribute(xml, random, m -> " " + m.group(1) + "='" + pick(VALUES, random) + "'");
            case 7 -> onNamespace(xml, random);
            case 8 -> duplicateElement(xml, random);
            case 9 -> nestAfterStartTag(xml, random);
            case 10 -> replaceOne(xml, TEXT, random, m -> ">" + escaped(pick(VALUES, random) + pick(NASTY, random)) + "<");
            default -> onAttribute(xml, random, m -> m.group() + " " + pick(ATTRIBUTE_NAMES, random) + "='"
                    + pick(VALUES, random) + "'");
        };
    }

    /** As XML character data: markup escaped (characters XML cannot carry at all stay, to be refused). */
    private static String escaped(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&apos;");
    }

    private static String pick(String[] values, Random random) {
        return values[random.nextInt(values.length)];
    }

    /** Replaces one match of {@code pattern}, chosen at random; the text as it is when there is none. */
    private static String replaceOne(String xml, Pattern pattern, Random random,
            Function<Matcher, String> replacement) {
        Matcher m = pattern.matcher(xml);
        List<int[]> spans = new ArrayList<>();
        while (m.find()) {
            spans.add(new int[] {m.start(), m.end()});
        }
        if (spans.isEmpty()) {
            return xml;
        }
        int[] span = spans.get(random.nextInt(spans.size()));
        m = pattern.matcher(xml);
        m.find(span[0]);
        return xml.substring(0, span[0]) + replacement.apply(m) + xml.substring(span[1]);
    }

    private static String onAttribute(String xml, Random random, Function<Matcher, String> change) {
        return replaceOne(xml, ATTRIBUTE, random, change);
    }

    /** Another namespace, no declaration at all, or a prefix the element does not use. */
    private static String onNamespace(String xml, Random random) {
        return replaceOne(xml, NAMESPACE, random, m -> switch (random.nextInt(3)) {
            case 0 -> "";
            case 1 -> "xmlns:z='" + pick(NAMESPACES, random) + "'";
            default -> "xmlns" + (m.group(1) == null ? "" : m.group(1)) + "='" + pick(NAMESPACES, random) + "'";
        });
    }

    /** A copy of one whole element right after it. */
    private static String duplicateElement(String xml, Random random) {
        return replaceOne(xml, START_TAG, random, m -> {
            int end = elementEnd(xml, m.start());
            return end < 0 ? m.group() : xml.substring(m.start(), end) + m.group();
        });
    }

    /** Where the element starting at {@code start} ends (after its end tag); -1 if it does not end. */
    private static int elementEnd(String xml, int start) {
        Matcher tag = TAG.matcher(xml);
        int depth = 0;
        for (int from = start; tag.find(from); from = tag.end()) {
            if (!tag.group(3).isEmpty()) {
                // an empty element: <x/>
            } else if (tag.group(1).isEmpty()) {
                depth++;
            } else {
                depth--;
            }
            if (depth == 0) {
                return tag.end();
            }
        }
        return -1;
    }

    /** Elements nested {@code NESTING} deep right inside a random element. */
    private static String nestAfterStartTag(String xml, Random random) {
        int depth = NESTING[random.nextInt(NESTING.length)];
        String nested = "<n xmlns='urn:nest'>".repeat(depth) + "</n>".repeat(depth);
        return replaceOne(xml, START_TAG, random, m -> m.group().endsWith("/>") ? m.group() : m.group() + nested);
    }

    /** The input for a failure message: escaped where not printable ASCII, and cut. */
    private static String shown(String xml) {
        StringBuilder out = new StringBuilder();
        xml.chars().limit(600).forEach(c -> out.append(c < 0x20 || c > 0x7E ? String.format("\\u%04X", c)
                : String.valueOf((char) c)));
        return xml.length() > 600 ? out + "...(" + xml.length() + " chars)" : out.toString();
    }
}
