package io.sift.negotiation.internal;

import static io.sift.negotiation.internal.Xml.FT;
import static io.sift.negotiation.internal.Xml.IBB;
import static io.sift.negotiation.internal.Xml.LOCAL;
import static io.sift.negotiation.internal.Xml.PEER;
import static io.sift.negotiation.internal.Xml.S5B;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.sift.negotiation.NegotiatedStream;
import io.sift.negotiation.NegotiationException;
import io.sift.negotiation.NegotiationException.Kind;
import io.sift.negotiation.StreamOffer;
import io.sift.spi.StreamMethod;
import io.sift.spi.StreamSession;

class OfferSenderTest {

    private static final String SI = SiNamespaces.SI;
    private static final String BOB = "bob@example.org";
    private static final StandardExtensionElement FILE = StandardExtensionElement.builder("file", FT)
            .addAttribute("name", "a.txt").addAttribute("size", "3").build();
    private static final StandardExtensionElement RANGE = StandardExtensionElement.builder("file", FT)
            .addElement(StandardExtensionElement.builder("range", FT).addAttribute("offset", "1").build()).build();

    private final List<String> events = new CopyOnWriteArrayList<>();
    private final FakeLink link = new FakeLink(events);
    private final FakeStreamMethod s5b = new FakeStreamMethod(S5B, events);
    private final FakeStreamMethod ibb = new FakeStreamMethod(IBB, events);
    private final RankedServices<StreamMethod> methods = new RankedServices<>();
    private final AtomicLong clock = new AtomicLong();
    private final DiscoCache cache = new DiscoCache(Duration.ofSeconds(60), 16, clock::get);
    private final OfferSender sender = new OfferSender(link, cache, methods, new SidGenerator(), new SiIqProvider());

    @BeforeEach
    void registerMethods() {
        methods.put(s5b, List.of(S5B), 50, 0, 1);
        methods.put(ibb, List.of(IBB), 10, 0, 2);
    }

    private static StreamOffer offer(String peer, String... allowed) {
        return new StreamOffer("alice@example.org", peer, FT, "text/plain", FILE, List.of(allowed), Duration.ofSeconds(30));
    }

    private static Function<IQ, IQ> accepting(String method) {
        return request -> SiIq.answer(request, method, Optional.of(RANGE));
    }

    private static Function<IQ, IQ> answering(String siXml) {
        return request -> {
            try {
                SiIq answer = Xml.parseSi(siXml);
                answer.setType(IQ.Type.result);
                answer.setFrom(request.getTo());
                answer.setStanzaId(request.getStanzaId());
                return answer;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
    }

    private static Function<IQ, IQ> failing(String errorXml) {
        return request -> {
            try {
                return Xml.stanza("<iq xmlns='jabber:client' type='error' id='" + request.getStanzaId() + "' from='"
                        + request.getTo() + "'>" + errorXml + "</iq>");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
    }

    private SiIq sentOffer() {
        assertEquals(1, link.requests.size());
        return (SiIq) link.requests.get(0);
    }

    private NegotiationException refused(StreamOffer offer) {
        return assertThrows(NegotiationException.class, () -> sender.offer(offer));
    }

    @Test
    void acceptedOfferYieldsTheChosenMethodAndTheSession() throws Exception {
        link.disco.put(PEER, Set.of(SI, FT, S5B, IBB));
        link.peer = accepting(IBB);

        NegotiatedStream stream = sender.offer(offer(PEER));

        SiIq sent = sentOffer();
        assertEquals(IQ.Type.set, sent.getType());
        assertEquals(PEER, sent.getTo().toString());
        assertEquals(FT, sent.profile());
        assertEquals("text/plain", sent.mimeType());
        assertEquals(List.of(S5B, IBB), sent.form().orElseThrow().options());
        assertEquals(FILE.toXML().toString(), sent.payloadFor(FT).orElseThrow().toXML().toString());
        assertEquals(Duration.ofSeconds(30), link.lastTimeout);

        assertSame(ibb, stream.method());
        assertEquals(new StreamSession("alice@example.org", sent.sid(), LOCAL, PEER), stream.session());
        assertEquals(RANGE.toXML().toString(), stream.answerPayload().orElseThrow().toXML().toString());
    }

    @Test
    void answerWithoutPayloadGivesNone() throws Exception {
        link.disco.put(PEER, Set.of(SI, FT));
        link.peer = request -> SiIq.answer(request, S5B, Optional.empty());
        assertEquals(Optional.empty(), sender.offer(offer(PEER)).answerPayload());
    }

    @Test
    void offersOnlyWhatThePeerAnnounces() throws Exception {
        link.disco.put(PEER, Set.of(SI, FT, IBB));
        link.peer = accepting(IBB);
        sender.offer(offer(PEER));
        assertEquals(List.of(IBB), sentOffer().form().orElseThrow().options());
    }

    @Test
    void offersEverythingToAPeerThatAnnouncesNoMethod() throws Exception {
        link.disco.put(PEER, Set.of(SI, FT));
        link.peer = accepting(S5B);
        assertSame(s5b, sender.offer(offer(PEER)).method());
        assertEquals(List.of(S5B, IBB), sentOffer().form().orElseThrow().options());
    }

    @Test
    void requestedMethodsGoInTheRequestedOrder() throws Exception {
        link.disco.put(PEER, Set.of(SI, FT, S5B, IBB));
        link.peer = accepting(IBB);
        sender.offer(offer(PEER, IBB, S5B));
        assertEquals(List.of(IBB, S5B), sentOffer().form().orElseThrow().options());
    }

    @Test
    void nothingToOfferIsNoCommonMethodAndSendsNothing() {
        link.disco.put(PEER, Set.of(SI, FT, S5B, IBB));
        assertEquals(Kind.NO_COMMON_METHOD, refused(offer(PEER, "urn:example:unknown")).kind());
        methods.remove(s5b);
        methods.remove(ibb);
        assertEquals(Kind.NO_COMMON_METHOD, refused(offer(PEER)).kind());
        assertEquals(List.of(), link.requests);
    }

    @Test
    void peerWithoutStreamInitiationOrTheProfileIsNotSupported() {
        link.disco.put(PEER, Set.of(FT, IBB));
        assertEquals(Kind.NOT_SUPPORTED, refused(offer(PEER)).kind());
        link.disco.put("carol@example.org/x", Set.of(SI, IBB));
        assertEquals(Kind.NOT_SUPPORTED, refused(offer("carol@example.org/x")).kind());
        assertEquals(List.of(), link.requests);
    }

    @Test
    void failedDiscoLookupIsReportedAsIs() {
        link.disco.put(PEER, new NegotiationException(Kind.PEER_UNAVAILABLE, "recipient-unavailable"));
        assertEquals(Kind.PEER_UNAVAILABLE, refused(offer(PEER)).kind());
    }

    @Test
    void bareJidGoesToTheBestResourceThatSupportsTheProfile() throws Exception {
        link.resources.put(BOB, List.of(BOB + "/phone", BOB + "/desk", BOB + "/laptop"));
        link.disco.put(BOB + "/phone", Set.of(SI, IBB));
        link.disco.put(BOB + "/desk", Set.of(SI, FT, IBB));
        link.disco.put(BOB + "/laptop", Set.of(SI, FT, IBB));
        link.peer = accepting(IBB);

        NegotiatedStream stream = sender.offer(offer(BOB));

        assertEquals(BOB + "/desk", sentOffer().getTo().toString());
        assertEquals(BOB + "/desk", stream.session().target());
        // the phone lacks the profile: asked once more directly, in case its capabilities were stale
        assertEquals(List.of(BOB + "/phone", BOB + "/phone", BOB + "/desk"), link.discoLookups);
        assertEquals(List.of(BOB + "/phone"), link.peerLookups);
    }

    @Test
    void staleFeaturesWithoutTheWantedMethodAreCheckedWithThePeer() throws Exception {
        link.disco.put(PEER, Set.of(SI, FT, S5B));
        link.peerAnswers.put(PEER, Set.of(SI, FT, S5B, IBB));
        link.peer = accepting(IBB);

        NegotiatedStream stream = sender.offer(offer(PEER, IBB));

        assertEquals(IBB, stream.method().namespace());
        assertEquals(List.of(PEER), link.peerLookups);
        assertEquals(List.of(IBB), sentOffer().form().orElseThrow().options());
    }

    @Test
    void aPeerThatReallyLacksTheMethodIsNoCommonMethod() {
        link.disco.put(PEER, Set.of(SI, FT, S5B));
        assertEquals(Kind.NO_COMMON_METHOD, refused(offer(PEER, IBB)).kind());
        assertEquals(List.of(PEER), link.peerLookups);
    }

    @Test
    void staleCapabilitiesWithoutTheProfileAreCheckedWithThePeer() throws Exception {
        link.disco.put(PEER, Set.of(SI));
        link.peerAnswers.put(PEER, Set.of(SI, FT, IBB));
        link.peer = accepting(IBB);

        NegotiatedStream stream = sender.offer(offer(PEER));

        assertEquals(PEER, stream.session().target());
        assertEquals(List.of(PEER), link.peerLookups);
        sender.offer(offer(PEER));
        assertEquals(List.of(PEER), link.peerLookups, "the fresh answer is cached");
    }

    @Test
    void bareJidSkipsAResourceWhoseLookupFails() throws Exception {
        link.resources.put(BOB, List.of(BOB + "/gone", BOB + "/desk"));
        link.disco.put(BOB + "/desk", Set.of(SI, FT));
        link.peer = accepting(S5B);
        assertEquals(BOB + "/desk", sender.offer(offer(BOB)).session().target());
    }

    @Test
    void bareJidWithoutAvailableResourceIsUnavailable() {
        assertEquals(Kind.PEER_UNAVAILABLE, refused(offer(BOB)).kind());
    }

    @Test
    void bareJidWhoseResourcesLackTheProfileIsNotSupported() {
        link.resources.put(BOB, List.of(BOB + "/a", BOB + "/b"));
        link.disco.put(BOB + "/a", Set.of(SI));
        // b's lookup fails; a answered without the profile
        assertEquals(Kind.NOT_SUPPORTED, refused(offer(BOB)).kind());
    }

    @Test
    void bareJidWhoseLookupsAllFailIsUnavailable() {
        link.resources.put(BOB, List.of(BOB + "/a", BOB + "/b"));
        assertEquals(Kind.PEER_UNAVAILABLE, refused(offer(BOB)).kind());
    }

    @Test
    void chosenMethodThatWasNotOfferedIsAProtocolError() {
        link.disco.put(PEER, Set.of(SI, FT, IBB));
        link.peer = accepting(S5B); // S5B was not offered: the peer only announces IBB
        NegotiationException e = refused(offer(PEER));
        assertEquals(Kind.PROTOCOL_ERROR, e.kind());
        assertTrue(e.getMessage().contains(S5B), e.getMessage());
    }

    @Test
    void smack43AnswerWithTwoValuesTakesTheFirstOfferedOne() throws Exception {
        link.disco.put(PEER, Set.of(SI, FT));
        link.peer = answering("<si xmlns='http://jabber.org/protocol/si'><feature xmlns='http://jabber.org/protocol/feature-neg'>"
                + "<x xmlns='jabber:x:data' type='submit'><field var='stream-method'>"
                + "<value>urn:example:unknown</value><value>" + IBB + "</value><value>" + S5B + "</value>"
                + "</field></x></feature></si>");
        assertSame(ibb, sender.offer(offer(PEER)).method());
    }

    @Test
    void answerWithoutAValueIsAProtocolError() {
        link.disco.put(PEER, Set.of(SI, FT));
        link.peer = answering("<si xmlns='http://jabber.org/protocol/si'/>");
        assertEquals(Kind.PROTOCOL_ERROR, refused(offer(PEER)).kind());
    }

    @Test
    void emptyResultIsAProtocolError() {
        link.disco.put(PEER, Set.of(SI, FT));
        link.peer = IQ::createResultIQ;
        assertEquals(Kind.PROTOCOL_ERROR, refused(offer(PEER)).kind());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "<error type='cancel'><forbidden xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error>| DECLINED",
        "<error type='cancel'><bad-request xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/><no-valid-streams xmlns='http://jabber.org/protocol/si'/></error>| NO_VALID_STREAMS",
        "<error type='modify'><bad-request xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/><bad-profile xmlns='http://jabber.org/protocol/si'/></error>| NOT_SUPPORTED",
        "<error type='cancel'><service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error>| NOT_SUPPORTED",
        "<error type='cancel'><feature-not-implemented xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error>| NOT_SUPPORTED",
        "<error type='wait'><recipient-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error>| PEER_UNAVAILABLE",
        "<error type='cancel'><item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error>| PEER_UNAVAILABLE",
        "<error type='cancel'><remote-server-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error>| PEER_UNAVAILABLE",
        "<error type='cancel'><not-acceptable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error>| PROTOCOL_ERROR",
    })
    void errorAnswersMapToKinds(String error, Kind kind) {
        link.disco.put(PEER, Set.of(SI, FT));
        link.peer = failing(error);
        assertEquals(kind, refused(offer(PEER)).kind());
    }

    @Test
    void declineCarriesThePeersText() {
        link.disco.put(PEER, Set.of(SI, FT));
        link.peer = failing("<error type='cancel'><forbidden xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>"
                + "<text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>Not now, thanks</text></error>");
        NegotiationException e = refused(offer(PEER));
        assertEquals(Kind.DECLINED, e.kind());
        assertTrue(e.getMessage().contains("Not now, thanks"), e.getMessage());
    }

    @Test
    void noAnswerInTimeIsATimeout() {
        link.disco.put(PEER, Set.of(SI, FT));
        link.peer = request -> null;
        assertEquals(Kind.TIMEOUT, refused(offer(PEER)).kind());
    }

    @Test
    void offlineAccountSendsNothing() {
        link.online = false;
        assertEquals(Kind.ACCOUNT_OFFLINE, refused(offer(PEER)).kind());
        assertEquals(List.of(), link.discoLookups);
    }

    @Test
    void discoAnswersAreReusedUntilTheyExpire() throws Exception {
        link.disco.put(PEER, Set.of(SI, FT));
        link.peer = accepting(IBB);
        sender.offer(offer(PEER));
        sender.offer(offer(PEER));
        assertEquals(1, link.discoLookups.size());
        clock.addAndGet(Duration.ofSeconds(61).toNanos());
        sender.offer(offer(PEER));
        assertEquals(2, link.discoLookups.size());
    }

    @Test
    void badProfileAnswerMakesTheNextOfferAskDiscoAgain() throws Exception {
        link.disco.put(PEER, Set.of(SI, FT));
        link.peer = failing("<error type='modify'><bad-request xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>"
                + "<bad-profile xmlns='http://jabber.org/protocol/si'/></error>");
        refused(offer(PEER));
        link.disco.put(PEER, Set.of(SI));
        assertEquals(Kind.NOT_SUPPORTED, refused(offer(PEER)).kind());
        // the second offer: the cache was forgotten, then the peer asked once more directly
        assertEquals(3, link.discoLookups.size());
        assertEquals(1, link.requests.size());
    }

    @Test
    void methodThatWentAwayDuringTheOfferIsNoCommonMethod() {
        link.disco.put(PEER, Set.of(SI, FT));
        link.peer = request -> {
            methods.remove(ibb);
            return SiIq.answer(request, IBB, Optional.empty());
        };
        assertEquals(Kind.NO_COMMON_METHOD, refused(offer(PEER)).kind());
    }

    @Test
    void everyOfferHasAFreshStreamId() throws Exception {
        link.disco.put(PEER, Set.of(SI, FT));
        link.peer = accepting(IBB);
        String first = sender.offer(offer(PEER)).session().sid();
        String second = sender.offer(offer(PEER)).session().sid();
        assertTrue(!first.equals(second));
    }

    @Test
    void unusablePeerOrProfileIsTheCallersMistake() {
        assertThrows(IllegalArgumentException.class, () -> sender.offer(offer("@@")));
        assertThrows(IllegalArgumentException.class, () -> sender.offer(new StreamOffer("alice@example.org", PEER,
                "urn:bad profile", null, FILE, List.of(), Duration.ofSeconds(1))));
        assertEquals(List.of(), link.discoLookups);
    }

    @Test
    void answerTimeoutIsKeptWithinBounds() {
        assertEquals(Duration.ofMillis(1), OfferSender.boundedTimeout(Duration.ofSeconds(-5)));
        assertEquals(Duration.ofMillis(1), OfferSender.boundedTimeout(Duration.ZERO));
        assertEquals(OfferSender.MAX_ANSWER_TIMEOUT, OfferSender.boundedTimeout(Duration.ofSeconds(Long.MAX_VALUE)));
        assertEquals(Duration.ofMinutes(5), OfferSender.boundedTimeout(Duration.ofMinutes(5)));
    }
}
