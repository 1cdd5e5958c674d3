package io.sift.negotiation.internal;

import static io.sift.negotiation.internal.Xml.FT;
import static io.sift.negotiation.internal.Xml.IBB;
import static io.sift.negotiation.internal.Xml.LOCAL;
import static io.sift.negotiation.internal.Xml.PEER;
import static io.sift.negotiation.internal.Xml.S5B;
import static io.sift.negotiation.internal.Xml.feature;
import static io.sift.negotiation.internal.Xml.offer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smack.packet.StanzaError;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.sift.negotiation.IncomingStreamOffer;
import io.sift.negotiation.NegotiationException;
import io.sift.negotiation.NegotiationException.Kind;
import io.sift.negotiation.SiProfile;
import io.sift.spi.PendingStream;
import io.sift.spi.StreamException;
import io.sift.spi.StreamMethod;
import io.sift.spi.StreamSession;

class IncomingOffersTest {

    private static final String SI_OPEN = "<si xmlns='http://jabber.org/protocol/si' id='s1' profile='" + FT + "'>";
    private static final String FILE = "<file xmlns='" + FT + "' name='a' size='1'/>";

    private final List<String> events = new CopyOnWriteArrayList<>();
    private final FakeLink link = new FakeLink(events);
    private final FakeStreamMethod s5b = new FakeStreamMethod(S5B, events);
    private final FakeStreamMethod ibb = new FakeStreamMethod(IBB, events);
    private final RankedServices<StreamMethod> methods = new RankedServices<>();
    private final RankedServices<SiProfile> profiles = new RankedServices<>();
    private final List<IncomingStreamOffer> offered = new CopyOnWriteArrayList<>();
    private final SiProfile profile = offered::add;
    private final AtomicInteger ids = new AtomicInteger();
    private Executor executor = Runnable::run;

    @BeforeEach
    void register() {
        methods.put(s5b, List.of(S5B), 50, 0, 1);
        methods.put(ibb, List.of(IBB), 10, 0, 2);
        profiles.put(profile, List.of(FT), 0, 0, 3);
    }

    private IncomingOffers incoming(int maxPending) {
        return incoming(maxPending, maxPending);
    }

    private IncomingOffers incoming(int maxPending, int maxPerPeer) {
        return new IncomingOffers(link, new SiIqProvider(), methods, profiles, executor,
                new OfferSlots(maxPending, maxPerPeer), Xml.silentLogger());
    }

    private static final SiProfile BROKEN = offer -> {
        throw new IllegalStateException("bug");
    };

    /** Offers of the file transfer profile go to {@code replacement} instead of the recording profile. */
    private void serveWith(SiProfile replacement) {
        profiles.remove(profile);
        profiles.put(replacement, List.of(FT), 0, 0, 9);
    }

    private IQ request(String siXml) throws Exception {
        return Xml.request(PEER, "req-" + ids.incrementAndGet(), siXml);
    }

    /** The error reply, read back from its XML: proves it is well formed and says what it should. */
    private static StanzaError sentError(IQ reply, IQ request, String condition) throws Exception {
        String xml = Xml.xml(reply);
        assertTrue(xml.contains("<" + condition + " xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>"), xml);
        assertFalse(xml.contains("<si ") || xml.contains("<file"), "the offer is not echoed back: " + xml);
        IQ read = Xml.stanza(xml);
        assertEquals(IQ.Type.error, read.getType());
        assertEquals(request.getStanzaId(), read.getStanzaId());
        assertEquals(request.getFrom().toString(), read.getTo().toString());
        assertEquals(StanzaError.Condition.fromString(condition), read.getError().getCondition());
        return read.getError();
    }

    private void assertRefused(String siXml, String siChild) throws Exception {
        IQ request = request(siXml);
        incoming(8).handle(request);
        assertEquals(List.of(), offered, "no profile may see it");
        assertEquals(1, link.sent.size());
        StanzaError error = sentError(link.sent.get(0), request, "bad-request");
        assertEquals(StanzaError.Type.MODIFY, error.getType());
        if (siChild == null) {
            assertNull(error.getExtension(SiNamespaces.NO_VALID_STREAMS, SiNamespaces.SI));
            assertNull(error.getExtension(SiNamespaces.BAD_PROFILE, SiNamespaces.SI));
        } else {
            String xml = Xml.xml(link.sent.get(0));
            assertTrue(xml.contains("<" + siChild + " xmlns='http://jabber.org/protocol/si'"), xml);
            assertNotNull(error.getExtension(siChild, SiNamespaces.SI), xml);
        }
        link.sent.clear();
    }

    // --- refusals ---

    @Test
    void offerWithoutIdIsABadRequest() throws Exception {
        assertRefused(offer(null, FT, IBB), null);
        assertRefused(offer("", FT, IBB), null);
    }

    @Test
    void offerWithoutProfileIsABadRequest() throws Exception {
        assertRefused(offer("s1", null, IBB), null);
        assertRefused(offer("s1", "  ", IBB), null);
    }

    @Test
    void offerWithAHostileIdIsABadRequest() throws Exception {
        assertRefused(offer("x".repeat(OfferCheck.MAX_SID_LENGTH + 1), FT, IBB), null);
        assertRefused(offer("a&#x9;b", FT, IBB), null);
        assertRefused(offer("a&#x85;b", FT, IBB), null);
    }

    @Test
    void offerWithTheLongestAllowedIdIsServed() throws Exception {
        incoming(8).handle(request(offer("x".repeat(OfferCheck.MAX_SID_LENGTH), FT, IBB)));
        assertEquals(1, offered.size());
    }

    @Test
    void offerWithoutProfileElementIsABadRequest() throws Exception {
        assertRefused(SI_OPEN + feature("form", IBB) + "</si>", null);
    }

    @Test
    void offerWithTooDeepPayloadIsABadRequest() throws Exception {
        String deep = "<a>".repeat(40) + "</a>".repeat(40);
        assertRefused(SI_OPEN + "<file xmlns='" + FT + "'>" + deep + "</file>" + feature("form", IBB) + "</si>", null);
    }

    @Test
    void unknownProfileGetsBadProfile() throws Exception {
        assertRefused(offer("s1", "urn:example:unknown-profile", IBB), SiNamespaces.BAD_PROFILE);
    }

    @Test
    void offerWithoutFormGetsNoValidStreams() throws Exception {
        assertRefused(SI_OPEN + FILE + "</si>", SiNamespaces.NO_VALID_STREAMS);
    }

    @Test
    void offerWithAnEmptyOrMissingFieldGetsNoValidStreams() throws Exception {
        assertRefused(SI_OPEN + FILE + feature("form") + "</si>", SiNamespaces.NO_VALID_STREAMS);
        assertRefused(SI_OPEN + FILE + "<feature xmlns='http://jabber.org/protocol/feature-neg'><x xmlns='jabber:x:data' type='form'/>"
                + "</feature></si>", SiNamespaces.NO_VALID_STREAMS);
    }

    @Test
    void offerOfUnknownMethodsGetsNoValidStreams() throws Exception {
        assertRefused(offer("s1", FT, "urn:example:carrier-pigeon"), SiNamespaces.NO_VALID_STREAMS);
    }

    @Test
    void noValidStreamsReplyIsExactlyThis() throws Exception {
        IQ request = request(offer("s1", FT, "urn:example:carrier-pigeon"));
        incoming(8).handle(request);
        assertEquals("<iq xmlns='jabber:client' to='" + PEER + "' from='" + LOCAL + "' id='" + request.getStanzaId()
                + "' type='error'><error type='modify'><bad-request xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>"
                + "<text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas' xml:lang='en'>none of the offered stream methods is supported</text>"
                + "<no-valid-streams xmlns='http://jabber.org/protocol/si'></no-valid-streams></error></iq>",
                Xml.xml(link.lastSent()));
    }

    @Test
    void refusalCarriesItsReasonAsText() throws Exception {
        IQ request = request(offer("s1", "urn:example:unknown-profile", IBB));
        incoming(8).handle(request);
        assertEquals("profile not supported", sentError(link.lastSent(), request, "bad-request").getDescriptiveText());
    }

    // --- a valid offer ---

    @Test
    void validOfferReachesTheProfileWithMethodsInOurOrder() throws Exception {
        incoming(8).handle(request(offer("s1", FT, "urn:example:unknown", IBB, S5B)));
        assertEquals(1, offered.size());
        IncomingStreamOffer offer = offered.get(0);
        assertEquals(new StreamSession("alice@example.org", "s1", PEER, LOCAL), offer.session());
        assertEquals(List.of(S5B, IBB), offer.methods());
        assertEquals(Optional.of("text/plain"), offer.mimeType());
        assertEquals("file", offer.payload().getElementName());
        assertEquals("test.txt", offer.payload().getAttributeValue("name"));
        assertEquals(List.of(), link.sent, "nothing is answered before the profile decides");
    }

    @Test
    void profileIsCalledOnTheExecutor() throws Exception {
        List<Runnable> tasks = new ArrayList<>();
        executor = tasks::add;
        incoming(8).handle(request(offer("s1", FT, IBB)));
        assertEquals(List.of(), offered);
        assertEquals(1, tasks.size());
        tasks.get(0).run();
        assertEquals(1, offered.size());
    }

    @Test
    void acceptMakesTheMethodExpectTheStreamBeforeAnswering() throws Exception {
        IQ request = request(offer("s1", FT, IBB, S5B));
        incoming(8).handle(request);

        PendingStream pending = offered.get(0).accept(Optional.empty());

        assertNotNull(pending);
        // the other offered method stands by for the same stream (libpurple's fallback), before the answer too
        assertEquals(List.of("expect " + S5B, "expect " + IBB, "send"), events);
        assertEquals(List.of(new StreamSession("alice@example.org", "s1", PEER, LOCAL)), s5b.expected);
        SiIq answer = (SiIq) link.lastSent();
        assertEquals(IQ.Type.result, answer.getType());
        assertEquals(request.getStanzaId(), answer.getStanzaId());
        assertEquals(PEER, answer.getTo().toString());
        String xml = Xml.xml(answer);
        assertEquals(1, xml.split("<value>", -1).length - 1, xml);
        assertTrue(xml.contains("<field var='stream-method'><value>" + S5B + "</value></field>"), xml);
        assertTrue(xml.contains("type='submit'"), xml);
    }

    @Test
    void acceptSendsTheProfilesPayload() throws Exception {
        incoming(8).handle(request(offer("s1", FT, IBB)));
        StandardExtensionElement range = StandardExtensionElement.builder("file", FT)
                .addElement(StandardExtensionElement.builder("range", FT).addAttribute("offset", "512").build()).build();
        offered.get(0).accept(Optional.of(range));
        SiIq answer = Xml.parseSi(((SiIq) link.lastSent()).getChildElementXML().toString());
        assertEquals("512", answer.payloadFor(FT).orElseThrow().getFirstElement("range").getAttributeValue("offset"));
        assertEquals(List.of(IBB), answer.form().orElseThrow().values());
    }

    @Test
    void anOfferIsAnsweredOnlyOnce() throws Exception {
        incoming(8).handle(request(offer("s1", FT, IBB)));
        IncomingStreamOffer offer = offered.get(0);
        offer.accept(Optional.empty());
        assertThrows(IllegalStateException.class, () -> offer.accept(Optional.empty()));
        assertThrows(IllegalStateException.class, () -> offer.decline("no"));
        assertThrows(IllegalStateException.class, () -> offer.rejectAsBadRequest("no"));
        assertEquals(1, link.sent.size());
        assertEquals(1, ibb.expected.size());
    }

    @Test
    void declineIsForbiddenWithTheText() throws Exception {
        IQ request = request(offer("s1", FT, IBB));
        incoming(8).handle(request);
        IncomingStreamOffer offer = offered.get(0);
        offer.decline("Not now");
        StanzaError error = sentError(link.lastSent(), request, "forbidden");
        assertEquals("Not now", error.getDescriptiveText());
        assertThrows(IllegalStateException.class, () -> offer.decline("again"));
        assertEquals(List.of(), ibb.expected);
    }

    @Test
    void declineWithoutTextHasNoText() throws Exception {
        IQ request = request(offer("s1", FT, IBB));
        incoming(8).handle(request);
        offered.get(0).decline(null);
        assertNull(sentError(link.lastSent(), request, "forbidden").getDescriptiveText());
    }

    @Test
    void hostileDeclineTextIsSentClean() throws Exception {
        IQ request = request(offer("s1", FT, IBB));
        incoming(8).handle(request);
        offered.get(0).decline("</text></error><evil/>\u0000" + "x".repeat(5000));
        String text = sentError(link.lastSent(), request, "forbidden").getDescriptiveText();
        assertTrue(text.startsWith("</text></error><evil/>"), text);
        assertTrue(text.length() <= SiReplies.MAX_TEXT_LENGTH, "length " + text.length());
    }

    @Test
    void rejectAsBadRequestSendsBadRequest() throws Exception {
        IQ request = request(offer("s1", FT, IBB));
        incoming(8).handle(request);
        offered.get(0).rejectAsBadRequest("file size missing");
        StanzaError error = sentError(link.lastSent(), request, "bad-request");
        assertEquals("file size missing", error.getDescriptiveText());
    }

    @Test
    void methodThatCannotExpectIsSkipped() throws Exception {
        s5b.expectFailure = new StreamException(StreamException.Kind.BROKEN, "no port");
        incoming(8).handle(request(offer("s1", FT, IBB, S5B)));
        offered.get(0).accept(Optional.empty());
        // S5B failed to expect, IBB was chosen; S5B is tried once more as a stand-by and fails again
        assertEquals(List.of("expect " + S5B, "expect " + IBB, "expect " + S5B, "send"), events);
        assertEquals(List.of(IBB), Xml.parseSi(((SiIq) link.lastSent()).getChildElementXML().toString())
                .form().orElseThrow().values());
    }

    @Test
    void methodGoneSinceTheOfferIsSkippedAndNoneLeftIsNoValidStreams() throws Exception {
        IQ request = request(offer("s1", FT, IBB, S5B));
        incoming(8).handle(request);
        methods.remove(s5b);
        methods.remove(ibb);
        NegotiationException e = assertThrows(NegotiationException.class, () -> offered.get(0).accept(Optional.empty()));
        assertEquals(Kind.NO_COMMON_METHOD, e.kind());
        StanzaError error = sentError(link.lastSent(), request, "bad-request");
        assertNotNull(error.getExtension(SiNamespaces.NO_VALID_STREAMS, SiNamespaces.SI));
    }

    @Test
    void acceptAfterTheAccountWentOfflineFails() throws Exception {
        IncomingOffers incoming = incoming(8);
        incoming.handle(request(offer("s1", FT, IBB)));
        incoming.close();
        NegotiationException e = assertThrows(NegotiationException.class, () -> offered.get(0).accept(Optional.empty()));
        assertEquals(Kind.ACCOUNT_OFFLINE, e.kind());
        assertEquals(List.of(), ibb.expected);
        assertEquals(List.of(), link.sent);
    }

    @Test
    void acceptWhileTheLinkIsDownFails() throws Exception {
        incoming(8).handle(request(offer("s1", FT, IBB)));
        link.online = false;
        assertEquals(Kind.ACCOUNT_OFFLINE,
                assertThrows(NegotiationException.class, () -> offered.get(0).accept(Optional.empty())).kind());
    }

    @Test
    void answerThatCannotBeSentCancelsTheExpectedStream() throws Exception {
        incoming(8).handle(request(offer("s1", FT, IBB)));
        link.sendFailure = new NegotiationException(Kind.ACCOUNT_OFFLINE, "gone");
        assertEquals(Kind.ACCOUNT_OFFLINE,
                assertThrows(NegotiationException.class, () -> offered.get(0).accept(Optional.empty())).kind());
        assertTrue(ibb.cancelled);
    }

    @Test
    void declineAfterTheAccountWentOfflineSendsNothing() throws Exception {
        IncomingOffers incoming = incoming(8);
        incoming.handle(request(offer("s1", FT, IBB)));
        incoming.close();
        offered.get(0).decline("no");
        assertEquals(List.of(), link.sent);
    }

    @Test
    void offersAfterCloseAreIgnored() throws Exception {
        IncomingOffers incoming = incoming(8);
        incoming.close();
        incoming.handle(request(offer("s1", FT, IBB)));
        assertEquals(List.of(), offered);
    }

    // --- bounds ---

    @Test
    void unansweredOffersAreBoundedAndSlotsComeBackWhenAnswered() throws Exception {
        IncomingOffers incoming = incoming(2);
        incoming.handle(request(offer("s1", FT, IBB)));
        incoming.handle(request(offer("s2", FT, IBB)));
        IQ third = request(offer("s3", FT, IBB));
        incoming.handle(third);
        assertEquals(2, offered.size());
        StanzaError busy = sentError(link.lastSent(), third, "resource-constraint");
        assertEquals(StanzaError.Type.WAIT, busy.getType());

        offered.get(0).decline("no");
        assertEquals(1, incoming.pendingCount());
        incoming.handle(request(offer("s4", FT, IBB)));
        assertEquals(3, offered.size());
        assertEquals(2, incoming.pendingCount());
    }

    // --- the cap per peer ---

    private static final String CAROL = "carol@example.org";
    private static final String DAVE = "dave@example.org";

    /** An offer from {@code from} (a full JID) with a stream id of its own. */
    private IQ offerFrom(String from) throws Exception {
        int n = ids.incrementAndGet();
        return Xml.request(from, "req-" + n, offer("s" + n, FT, IBB));
    }

    private List<String> offeredBy(String bareJid) {
        return offered.stream().map(o -> o.session().initiator()).filter(i -> i.startsWith(bareJid + "/")).toList();
    }

    @Test
    void aFloodingPeerIsRefusedWhileAnotherPeersOfferStillWaitsForItsAnswer() throws Exception {
        IncomingOffers incoming = incoming(10, 3);
        List<IQ> flood = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            flood.add(offerFrom(CAROL + "/flood"));
            incoming.handle(flood.get(i));
        }
        assertEquals(3, offeredBy(CAROL).size());
        assertEquals(17, link.sent.size());
        for (int i = 3; i < 20; i++) {
            StanzaError busy = sentError(link.sent.get(i - 3), flood.get(i), "resource-constraint");
            assertEquals(StanzaError.Type.WAIT, busy.getType());
            assertEquals("too many of your offers are waiting for an answer", busy.getDescriptiveText());
        }
        assertEquals(3, incoming.pendingCount(CAROL));

        link.sent.clear();
        incoming.handle(request(offer("from-bob", FT, IBB)));
        assertEquals(List.of(), link.sent, "bob's offer is not refused");
        assertEquals(1, offeredBy("bob@example.org").size(), "bob's offer reached the profile");
        assertEquals(4, incoming.pendingCount());
        assertEquals(1, incoming.pendingCount("bob@example.org"));
    }

    @Test
    void allResourcesOfAPeerShareItsCap() throws Exception {
        IncomingOffers incoming = incoming(10, 2);
        incoming.handle(offerFrom(CAROL + "/phone"));
        incoming.handle(offerFrom(CAROL + "/laptop"));
        IQ third = offerFrom(CAROL + "/tablet");
        incoming.handle(third);
        assertEquals(2, offeredBy(CAROL).size());
        sentError(link.lastSent(), third, "resource-constraint");
        assertEquals(2, incoming.pendingCount(CAROL));
    }

    @Test
    void theAccountsCapHoldsAcrossPeers() throws Exception {
        IncomingOffers incoming = incoming(5, 3);
        for (int i = 0; i < 4; i++) {
            incoming.handle(offerFrom(CAROL + "/x"));
        }
        incoming.handle(offerFrom(DAVE + "/x"));
        incoming.handle(offerFrom(DAVE + "/x"));
        assertEquals(3, offeredBy(CAROL).size());
        assertEquals(2, offeredBy(DAVE).size());
        assertEquals(5, incoming.pendingCount());

        link.sent.clear();
        IQ fromBob = request(offer("late", FT, IBB));
        incoming.handle(fromBob);
        StanzaError busy = sentError(link.lastSent(), fromBob, "resource-constraint");
        assertEquals(StanzaError.Type.WAIT, busy.getType());
        assertEquals("too many offers are waiting for an answer", busy.getDescriptiveText());
        assertEquals(0, incoming.pendingCount("bob@example.org"));
    }

    @Test
    void everyKindOfAnswerGivesThePeersSlotBack() throws Exception {
        IncomingOffers incoming = incoming(10, 3);
        for (int i = 0; i < 3; i++) {
            incoming.handle(offerFrom(CAROL + "/x"));
        }
        IncomingStreamOffer first = offered.get(0);
        IncomingStreamOffer second = offered.get(1);
        IncomingStreamOffer third = offered.get(2);

        first.decline("no");
        assertEquals(2, incoming.pendingCount(CAROL));
        second.accept(Optional.empty());
        assertEquals(1, incoming.pendingCount(CAROL));
        third.rejectAsBadRequest("odd");
        assertEquals(0, incoming.pendingCount(CAROL));
        assertEquals(0, incoming.pendingCount());

        // the peer's cap is whole again
        for (int i = 0; i < 4; i++) {
            incoming.handle(offerFrom(CAROL + "/x"));
        }
        assertEquals(6, offeredBy(CAROL).size());
        assertEquals(3, incoming.pendingCount(CAROL));
    }

    @Test
    void anOfferThatFailsHereGivesThePeersSlotBack() throws Exception {
        serveWith(BROKEN);
        IncomingOffers incoming = incoming(10, 1);
        incoming.handle(offerFrom(CAROL + "/x"));
        incoming.handle(offerFrom(CAROL + "/x"));
        assertEquals(2, link.sent.size());
        assertTrue(link.sent.stream().allMatch(r -> r.getError().getCondition()
                == StanzaError.Condition.internal_server_error), link.sent.toString());
        assertEquals(0, incoming.pendingCount(CAROL));
    }

    @Test
    void aRefusedDuplicateDoesNotGiveBackTheSlotOfTheOfferItRepeats() throws Exception {
        IncomingOffers incoming = incoming(10, 2);
        incoming.handle(Xml.request(CAROL + "/x", "a", offer("dup", FT, IBB)));
        incoming.handle(Xml.request(CAROL + "/x", "b", offer("dup", FT, IBB)));
        assertEquals(1, offered.size());
        assertEquals(1, incoming.pendingCount(CAROL));
        offered.get(0).decline("no");
        assertEquals(0, incoming.pendingCount(CAROL));
    }

    @Test
    void refusedOffersTakeNoSlot() throws Exception {
        IncomingOffers incoming = incoming(1);
        for (int i = 0; i < 5; i++) {
            incoming.handle(request(offer("s" + i, "urn:unknown", IBB)));
        }
        assertEquals(0, incoming.pendingCount());
        incoming.handle(request(offer("ok", FT, IBB)));
        assertEquals(1, offered.size());
    }

    @Test
    void sameStreamIdFromTheSamePeerWhilePendingIsABadRequest() throws Exception {
        IncomingOffers incoming = incoming(8);
        incoming.handle(request(offer("dup", FT, IBB)));
        IQ again = request(offer("dup", FT, IBB));
        incoming.handle(again);
        assertEquals(1, offered.size());
        sentError(link.lastSent(), again, "bad-request");
        // another peer may use the same id
        incoming.handle(Xml.request("carol@example.org/x", "c1", offer("dup", FT, IBB)));
        assertEquals(2, offered.size());
    }

    @Test
    void fullExecutorRefusesWithResourceConstraintAndFreesTheSlot() throws Exception {
        executor = task -> {
            throw new RejectedExecutionException("full");
        };
        IncomingOffers incoming = incoming(8);
        IQ request = request(offer("s1", FT, IBB));
        incoming.handle(request);
        sentError(link.lastSent(), request, "resource-constraint");
        assertEquals(0, incoming.pendingCount());
    }

    @Test
    void failingProfileGetsAnInternalErrorSentOnce() throws Exception {
        serveWith(BROKEN);
        IncomingOffers incoming = incoming(8);
        IQ request = request(offer("s1", FT, IBB));
        incoming.handle(request);
        sentError(link.lastSent(), request, "internal-server-error");
        assertEquals(1, link.sent.size());
        assertEquals(0, incoming.pendingCount());
    }

    @Test
    void profileThatAnsweredBeforeFailingIsNotAnsweredAgain() throws Exception {
        serveWith(offer -> {
            offer.decline("no");
            throw new IllegalStateException("bug after answering");
        });
        IQ request = request(offer("s1", FT, IBB));
        incoming(8).handle(request);
        assertEquals(1, link.sent.size());
        sentError(link.lastSent(), request, "forbidden");
    }

    @Test
    void mostPreferredProfileServesANamespace() throws Exception {
        List<IncomingStreamOffer> other = new CopyOnWriteArrayList<>();
        SiProfile preferred = other::add;
        profiles.put(preferred, List.of(FT), 0, 10, 20);
        incoming(8).handle(request(offer("s1", FT, IBB)));
        assertEquals(1, other.size());
        assertEquals("s1", other.get(0).session().sid());
        assertEquals(List.of(), offered);
    }
}
