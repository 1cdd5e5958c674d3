package io.sift.ibb.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.jivesoftware.smackx.iqversion.packet.Version;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;

/** What one account finds out about its peers before the first block, with the peer's answers given by hand. */
class PeerQuirksTest {

    private static final Jid DAVE = JidCreate.fromOrThrowUnchecked("dave@localhost/smack");

    private final FakeTransport transport = new FakeTransport();
    private final AtomicLong clock = new AtomicLong();
    private final PeerQuirks quirks = new PeerQuirks(PeerRules.fromConfig(ConfigProxy.of(Map.of())).rules(),
            transport, clock::get);

    private static PeerQuirks.Verdict verdict(CompletableFuture<PeerQuirks.Verdict> check) throws Exception {
        return check.get(5, TimeUnit.SECONDS);
    }

    /** The two questions, which must both be under way before either is answered. */
    private record Questions(FakeTransport.Request disco, FakeTransport.Request version) {
    }

    private Questions bothAsked() throws InterruptedException {
        FakeTransport.Request a = transport.nextRequest();
        FakeTransport.Request b = transport.nextRequest();
        FakeTransport.Request disco = PeerAnswers.isDiscoInfo(a.iq) ? a : b;
        FakeTransport.Request version = disco == a ? b : a;
        assertTrue(PeerAnswers.isDiscoInfo(disco.iq), disco.iq.toXML().toString());
        assertTrue(PeerAnswers.isVersion(version.iq), version.iq.toXML().toString());
        assertEquals(DAVE, disco.iq.getTo());
        assertEquals(DAVE, version.iq.getTo());
        assertEquals(null, assertInstanceOf(DiscoverInfo.class, disco.iq).getNode(), "the peer itself, no node");
        assertInstanceOf(Version.class, version.iq);
        return new Questions(disco, version);
    }

    @Test
    void aPeerWhosePresenceWasSeenIsKnownByItsCapsNodeWithoutAsking() throws Exception {
        transport.capsNodes.put(DAVE, "https://igniterealtime.org/projects/smack");
        PeerQuirks.Verdict verdict = verdict(quirks.check(DAVE, 1000));
        assertTrue(verdict.oneAtATime());
        assertTrue(verdict.why().contains("caps:https://igniterealtime.org/projects/smack"), verdict.why());
        assertTrue(transport.requests.isEmpty(), "nobody was asked");
    }

    @Test
    void aKnownCapsNodeThatMatchesNoEntryDecidesToo() throws Exception {
        transport.capsNodes.put(DAVE, "https://sift.io");
        assertFalse(verdict(quirks.check(DAVE, 1000)).oneAtATime());
        assertTrue(transport.requests.isEmpty(), "nobody was asked");
    }

    @Test
    void aPeerNotSeenIsAskedBothQuestionsAtOnceAndKnownByItsIdentity() throws Exception {
        CompletableFuture<PeerQuirks.Verdict> check = quirks.check(DAVE, 7000);
        Questions asked = bothAsked();
        assertEquals(7000, asked.disco().timeoutMillis);
        assertEquals(7000, asked.version().timeoutMillis);
        asked.disco().answer(PeerAnswers.discoInfo(asked.disco().iq, PeerAnswers.SMACK_DISCO));
        assertFalse(check.isDone(), "decided before the version answer was in");
        asked.version().answer(PeerAnswers.notAcceptable(asked.version().iq));
        PeerQuirks.Verdict verdict = verdict(check);
        assertTrue(verdict.oneAtATime());
        assertTrue(verdict.why().contains("client/pc/Smack") && verdict.why().contains("identity:smack"),
                verdict.why());
    }

    @Test
    void whatWasLearnedIsNotAskedAgainWhileFresh() throws Exception {
        CompletableFuture<PeerQuirks.Verdict> check = quirks.check(DAVE, 1000);
        Questions asked = bothAsked();
        asked.disco().answer(PeerAnswers.discoInfo(asked.disco().iq, PeerAnswers.SMACK_DISCO));
        asked.version().answer(PeerAnswers.notAcceptable(asked.version().iq));
        assertTrue(verdict(check).oneAtATime());

        clock.addAndGet(PeerQuirks.KEEP.toNanos() - 1);
        CompletableFuture<PeerQuirks.Verdict> again = quirks.check(DAVE, 1000);
        assertTrue(again.isDone(), "answered from what was learned");
        assertTrue(verdict(again).oneAtATime());
        assertTrue(transport.requests.isEmpty());

        clock.addAndGet(1);
        CompletableFuture<PeerQuirks.Verdict> later = quirks.check(DAVE, 1000);
        Questions askedAgain = bothAsked();
        askedAgain.disco().answer(PeerAnswers.discoInfo(askedAgain.disco().iq, PeerAnswers.SMACK_DISCO));
        askedAgain.version().timeout();
        assertTrue(verdict(later).oneAtATime());
    }

    @Test
    void anotherResourceOfTheSamePeerIsAskedItself() throws Exception {
        quirks.check(DAVE, 1000);
        Questions asked = bothAsked();
        asked.disco().answer(PeerAnswers.discoInfo(asked.disco().iq, PeerAnswers.SMACK_DISCO));
        asked.version().answer(PeerAnswers.notAcceptable(asked.version().iq));
        quirks.check(JidCreate.from("dave@localhost/other"), 1000);
        assertEquals(JidCreate.from("dave@localhost/other"), transport.nextRequest().iq.getTo());
    }

    @Test
    void aSmackBasedApplicationIsKnownByItsVersionWhenItsIdentityIsItsOwn() throws Exception {
        CompletableFuture<PeerQuirks.Verdict> check = quirks.check(DAVE, 1000);
        Questions asked = bothAsked();
        asked.version().answer(PeerAnswers.version(asked.version().iq, "Spark (Smack 4.4.8)"));
        asked.disco().answer(PeerAnswers.discoInfo(asked.disco().iq,
                "<identity category='client' type='pc' name='Spark'/>"));
        PeerQuirks.Verdict verdict = verdict(check);
        assertTrue(verdict.oneAtATime());
        assertTrue(verdict.why().contains("version:smack"), verdict.why());
    }

    @Test
    void siftKeepsSmacksIdentityButIsKnownByItsFeatureAndGetsTheWindow() throws Exception {
        CompletableFuture<PeerQuirks.Verdict> check = quirks.check(DAVE, 1000);
        Questions asked = bothAsked();
        asked.disco().answer(PeerAnswers.discoInfo(asked.disco().iq, PeerAnswers.SIFT_DISCO));
        asked.version().answer(PeerAnswers.notAcceptable(asked.version().iq));
        PeerQuirks.Verdict verdict = verdict(check);
        assertFalse(verdict.oneAtATime(), verdict.why());
        assertTrue(verdict.why().contains("SIFT"), verdict.why());
    }

    @Test
    void errorAnswersAreKnownAndMatchNothing() throws Exception {
        CompletableFuture<PeerQuirks.Verdict> check = quirks.check(DAVE, 1000);
        Questions asked = bothAsked();
        asked.disco().answer(PeerAnswers.serviceUnavailable(asked.disco().iq));
        asked.version().answer(PeerAnswers.serviceUnavailable(asked.version().iq));
        assertFalse(verdict(check).oneAtATime());
        assertTrue(quirks.check(DAVE, 1000).isDone(), "remembered: the peer answered");
        assertTrue(transport.requests.isEmpty());
    }

    @Test
    void aPeerThatAnsweredNothingIsAskedAgainNextTime() throws Exception {
        CompletableFuture<PeerQuirks.Verdict> check = quirks.check(DAVE, 1000);
        Questions asked = bothAsked();
        asked.disco().timeout();
        asked.version().timeout();
        assertFalse(verdict(check).oneAtATime());
        quirks.check(DAVE, 1000);
        bothAsked();
    }

    @Test
    void aPeerThatTookBlocksOutOfSequenceGetsOneAtATimeWhateverItSays() throws Exception {
        transport.capsNodes.put(DAVE, "https://example.org/smack-based-app");
        transport.capsNodes.put(JidCreate.from("dave@localhost/other"), "https://example.org/smack-based-app");
        assertFalse(verdict(quirks.check(DAVE, 1000)).oneAtATime());
        quirks.processesOutOfSequence(DAVE, "block 1 was answered with error unexpected_request");
        PeerQuirks.Verdict verdict = verdict(quirks.check(DAVE, 1000));
        assertTrue(verdict.oneAtATime());
        assertTrue(verdict.why().contains("out of sequence before"), verdict.why());
        assertFalse(verdict(quirks.check(JidCreate.from("dave@localhost/other"), 1000)).oneAtATime(),
                "learned for that full JID only");

        clock.addAndGet(PeerQuirks.KEEP.toNanos());
        assertFalse(verdict(quirks.check(DAVE, 1000)).oneAtATime(), "forgotten after a while: it may have changed");
    }

    @Test
    void withOnlyCapsRulesNobodyIsAsked() throws Exception {
        PeerQuirks capsOnly = new PeerQuirks(
                PeerRules.parse("t", new String[] {"caps:https://igniterealtime.org/projects/smack"}).rules(),
                transport, clock::get);
        assertFalse(verdict(capsOnly.check(DAVE, 1000)).oneAtATime());
        assertEquals(List.of(), List.copyOf(transport.requests));
    }
}
