package io.sift.ibb.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.IqData;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smack.packet.StanzaError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.jxmpp.jid.impl.JidCreate;

import io.sift.spi.ByteStream;
import io.sift.spi.PendingStream;
import io.sift.spi.StreamException;
import io.sift.spi.StreamSession;

/** Bob's account as target (and, for the close test, as initiator), driven stanza by stanza. */
class IbbEndpointTest {

    private static final String ALICE = "alice@localhost/a";
    private static final StreamSession SESSION = new StreamSession("bob@localhost", "s1", ALICE, "bob@localhost/b");

    private final FakeTransport transport = new FakeTransport();
    private final TestLog log = new TestLog();
    private final List<CodecWarmUp.Side> streamsStarted = new CopyOnWriteArrayList<>();
    private final IbbEndpoint bob = new IbbEndpoint("bob@localhost",
            new IbbSettings(4096, 16, DataStanza.IQ, 8192, 5000, 5000, 5000, 10, false), PeerRules.NONE, FlowLimits.DEFAULT,
            transport, streamsStarted::add, log.logger());

    private static IbbOpen open(String from, String sid, String blockSize, String stanza) {
        IqData iqData = StanzaBuilder.buildIqData("open-1").ofType(IQ.Type.set)
                .from(JidCreate.fromOrThrowUnchecked(from));
        return IbbOpen.received(iqData, sid, blockSize, stanza);
    }

    private static IbbOpen open(String from) {
        return open(from, "s1", "4096", "iq");
    }

    private static IbbDataIq data(String from, String sid, int seq, String base64) {
        IbbDataIq iq = IbbDataIq.request(DataElement.received(sid, Integer.toString(seq), base64));
        iq.setFrom(JidCreate.fromOrThrowUnchecked(from));
        return iq;
    }

    private static IbbClose close(String from, String sid) {
        IbbClose close = IbbClose.request(sid);
        close.setFrom(JidCreate.fromOrThrowUnchecked(from));
        return close;
    }

    private static void assertError(IQ answer, StanzaError.Condition condition, StanzaError.Type type) {
        assertNotNull(answer);
        assertEquals(IQ.Type.error, answer.getType(), answer.toXML().toString());
        assertEquals(condition, answer.getError().getCondition());
        assertEquals(type, answer.getError().getType());
    }

    private static void assertResult(IQ answer) {
        assertNotNull(answer);
        assertEquals(IQ.Type.result, answer.getType(), answer.toXML().toString());
    }

    @Test
    void expectedOpenIsAcceptedAndCompletesThePendingStream() throws Exception {
        PendingStream pending = bob.expect(SESSION);
        IQ answer = bob.handleOpen(open(ALICE));
        assertResult(answer);
        assertEquals("open-1", answer.getStanzaId());
        ByteStream stream = pending.await(Duration.ofSeconds(5));
        assertEquals(Ibb.NAMESPACE, stream.method());
        assertEquals(SESSION, stream.session());

        assertResult(bob.handleData(data(ALICE, "s1", 0, "AQID")));
        assertResult(bob.handleClose(close(ALICE, "s1")));
        ByteBuffer buffer = ByteBuffer.allocate(10);
        assertEquals(3, stream.in().read(buffer));
        assertArrayEquals(new byte[] {1, 2, 3}, java.util.Arrays.copyOf(buffer.array(), 3));
        assertEquals(-1, stream.in().read(buffer));
        assertEquals(0, bob.activeCount());
    }

    /**
     * The codec's warm-up starts with a stream that will carry blocks, for its side: one accepted
     * (decoding), one opened (encoding); not one refused.
     */
    @Test
    void aStreamAcceptedOrOpenedStartsItsSidesWarmUpAndARefusedOpenDoesNot() throws Exception {
        bob.expect(SESSION);
        assertError(bob.handleOpen(open("mallory@localhost/a")), StanzaError.Condition.not_acceptable,
                StanzaError.Type.CANCEL);
        assertError(bob.handleOpen(open(ALICE, "s1", "65535", "iq")), StanzaError.Condition.resource_constraint,
                StanzaError.Type.MODIFY);
        assertEquals(List.of(), streamsStarted, "no stream yet");
        assertResult(bob.handleOpen(open(ALICE)));
        assertEquals(List.of(CodecWarmUp.Side.RECEIVING), streamsStarted, "accepted");

        transport.autoAnswer = IQ::createResultIQ;
        bob.open(new StreamSession("bob@localhost", "out", "bob@localhost/b", ALICE));
        assertEquals(List.of(CodecWarmUp.Side.RECEIVING, CodecWarmUp.Side.SENDING), streamsStarted, "opened");
    }

    @Test
    void bareJidIsComparedIgnoringCaseButTheResourceExactly() throws Exception {
        bob.expect(SESSION);
        assertError(bob.handleOpen(open("alice@localhost/A")), StanzaError.Condition.not_acceptable,
                StanzaError.Type.CANCEL);
        StreamSession shouting = new StreamSession("bob@localhost", "s2", "ALICE@LocalHost/a", "bob@localhost/b");
        bob.expect(shouting);
        assertResult(bob.handleOpen(open(ALICE, "s2", "4096", null)));
    }

    @Test
    void openFromAnotherJidIsNotAcceptable() throws Exception {
        bob.expect(SESSION);
        assertError(bob.handleOpen(open("mallory@localhost/a")), StanzaError.Condition.not_acceptable,
                StanzaError.Type.CANCEL);
        assertError(bob.handleOpen(open("alice@localhost/other")), StanzaError.Condition.not_acceptable,
                StanzaError.Type.CANCEL);
        assertError(bob.handleOpen(open("alice@localhost")), StanzaError.Condition.not_acceptable,
                StanzaError.Type.CANCEL);
        // the expectation survives: the right initiator still gets in
        assertResult(bob.handleOpen(open(ALICE)));
    }

    @Test
    void openWithUnknownSidIsNotAcceptable() throws Exception {
        bob.expect(SESSION);
        assertError(bob.handleOpen(open(ALICE, "other", "4096", "iq")), StanzaError.Condition.not_acceptable,
                StanzaError.Type.CANCEL);
    }

    @Test
    void secondOpenOfTheSameSidIsNotAcceptable() throws Exception {
        bob.expect(SESSION);
        assertResult(bob.handleOpen(open(ALICE)));
        assertError(bob.handleOpen(open(ALICE)), StanzaError.Condition.not_acceptable, StanzaError.Type.CANCEL);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "0", "-1", "abc", "4k", "1e3", "+4096"})
    void malformedBlockSizeIsABadRequest(String blockSize) throws Exception {
        bob.expect(SESSION);
        assertError(bob.handleOpen(open(ALICE, "s1", blockSize, "iq")), StanzaError.Condition.bad_request,
                StanzaError.Type.MODIFY);
    }

    @Test
    void missingBlockSizeOrSidIsABadRequest() throws Exception {
        bob.expect(SESSION);
        assertError(bob.handleOpen(open(ALICE, "s1", null, "iq")), StanzaError.Condition.bad_request,
                StanzaError.Type.MODIFY);
        assertError(bob.handleOpen(open(ALICE, null, "4096", "iq")), StanzaError.Condition.bad_request,
                StanzaError.Type.MODIFY);
    }

    @ParameterizedTest
    @ValueSource(strings = {"8193", "65535", "65536", "99999999999"})
    void blockSizeAboveTheLimitIsAResourceConstraintAndASmallerOneMayFollow(String blockSize) throws Exception {
        bob.expect(SESSION);
        assertError(bob.handleOpen(open(ALICE, "s1", blockSize, "iq")), StanzaError.Condition.resource_constraint,
                StanzaError.Type.MODIFY);
        assertResult(bob.handleOpen(open(ALICE, "s1", "8192", "iq")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"presence", "IQ", ""})
    void unknownStanzaAttributeIsABadRequest(String stanza) throws Exception {
        bob.expect(SESSION);
        assertError(bob.handleOpen(open(ALICE, "s1", "4096", stanza)), StanzaError.Condition.bad_request,
                StanzaError.Type.MODIFY);
    }

    @Test
    void cancelledExpectationRefusesALaterOpen() throws Exception {
        PendingStream pending = bob.expect(SESSION);
        pending.cancel();
        assertError(bob.handleOpen(open(ALICE)), StanzaError.Condition.not_acceptable, StanzaError.Type.CANCEL);
        assertEquals(StreamException.Kind.REFUSED,
                assertThrows(StreamException.class, () -> pending.await(Duration.ofSeconds(1))).kind());
    }

    @Test
    void awaitWithoutOpenTimesOutAndALateOpenIsRefused() throws Exception {
        PendingStream pending = bob.expect(SESSION);
        assertEquals(StreamException.Kind.TIMEOUT,
                assertThrows(StreamException.class, () -> pending.await(Duration.ofMillis(20))).kind());
        assertError(bob.handleOpen(open(ALICE)), StanzaError.Condition.not_acceptable, StanzaError.Type.CANCEL);
        assertEquals(0, bob.activeCount());
    }

    @Test
    void cancelAfterAnUnclaimedOpenAbortsTheStream() throws Exception {
        PendingStream pending = bob.expect(SESSION);
        assertResult(bob.handleOpen(open(ALICE)));
        pending.cancel();
        assertEquals("s1", transport.awaitSent(IbbClose.class).sid());
    }

    @Test
    void cancelAfterTheStreamWasHandedOutLeavesItAlone() throws Exception {
        PendingStream pending = bob.expect(SESSION);
        assertResult(bob.handleOpen(open(ALICE)));
        pending.await(Duration.ofSeconds(1));
        pending.cancel();
        assertTrue(transport.sent().isEmpty(), transport.sent().toString());
    }

    @Test
    void sameSidCannotBeExpectedTwice() throws Exception {
        bob.expect(SESSION);
        assertThrows(StreamException.class, () -> bob.expect(SESSION));
    }

    @Test
    void dataFromAnotherJidIsNotFoundAndLeavesTheStreamAlone() throws Exception {
        PendingStream pending = bob.expect(SESSION);
        bob.handleOpen(open(ALICE));
        assertError(bob.handleData(data("mallory@localhost/a", "s1", 0, "AAAA")), StanzaError.Condition.item_not_found,
                StanzaError.Type.CANCEL);
        assertError(bob.handleData(data("alice@localhost/b", "s1", 0, "AAAA")), StanzaError.Condition.item_not_found,
                StanzaError.Type.CANCEL);
        assertResult(bob.handleData(data(ALICE, "s1", 0, "AQID")));
        assertEquals(3, pending.await(Duration.ofSeconds(1)).in().read(ByteBuffer.allocate(10)));
        assertTrue(transport.sent().isEmpty(), "nothing was closed: " + transport.sent());
    }

    @Test
    void closeFromAnotherJidIsNotFound() throws Exception {
        bob.expect(SESSION);
        bob.handleOpen(open(ALICE));
        assertError(bob.handleClose(close("mallory@localhost/a", "s1")), StanzaError.Condition.item_not_found,
                StanzaError.Type.CANCEL);
        assertResult(bob.handleData(data(ALICE, "s1", 0, "AQID")));
    }

    @Test
    void dataForAnUnknownSidIsNotFound() {
        assertError(bob.handleData(data(ALICE, "nope", 0, "AAAA")), StanzaError.Condition.item_not_found,
                StanzaError.Type.CANCEL);
        assertError(bob.handleClose(close(ALICE, "nope")), StanzaError.Condition.item_not_found,
                StanzaError.Type.CANCEL);
    }

    @Test
    void dataWithoutSidIsABadRequest() {
        IbbDataIq iq = IbbDataIq.request(DataElement.received(null, "0", "AAAA"));
        iq.setFrom(JidCreate.fromOrThrowUnchecked(ALICE));
        assertError(bob.handleData(iq), StanzaError.Condition.bad_request, StanzaError.Type.MODIFY);
    }

    @Test
    void dataMessagesFromStrangersAreDroppedSilently() throws Exception {
        PendingStream pending = bob.expect(SESSION);
        bob.handleOpen(open(ALICE, "s1", "4096", "message"));
        bob.handleDataMessage(JidCreate.from("mallory@localhost/a"), DataElement.received("s1", "0", "!!!!"), false);
        bob.handleDataMessage(JidCreate.from(ALICE), DataElement.received("nope", "0", "AAAA"), false);
        bob.handleDataMessage(JidCreate.from(ALICE), DataElement.received("s1", "0", "AQID"), false);
        assertEquals(3, pending.await(Duration.ofSeconds(1)).in().read(ByteBuffer.allocate(10)));
        assertTrue(transport.sent().isEmpty(), transport.sent().toString());
    }

    @Test
    void targetsCloseIsAnsweredAndFailsTheSendersWrites() throws Exception {
        transport.autoAnswer = IQ::createResultIQ;
        StreamSession outgoing = new StreamSession("bob@localhost", "out", "bob@localhost/b", ALICE);
        ByteStream stream = bob.open(outgoing);
        assertEquals(-1, stream.in().read(ByteBuffer.allocate(1)));
        stream.out().write(ByteBuffer.allocate(4096));
        assertError(bob.handleClose(close("mallory@localhost/a", "out")), StanzaError.Condition.item_not_found,
                StanzaError.Type.CANCEL);
        assertResult(bob.handleClose(close(ALICE, "out")));
        assertEquals(StreamException.Kind.CLOSED_BY_PEER,
                assertThrows(StreamException.class, () -> stream.out().write(ByteBuffer.allocate(1))).kind());
    }

    @Test
    void bouncedDataMessageBreaksTheSendersStream() throws Exception {
        transport.autoAnswer = IQ::createResultIQ;
        IbbEndpoint sending = new IbbEndpoint("bob@localhost",
                new IbbSettings(4, 16, DataStanza.MESSAGE, 8192, 5000, 5000, 5000, 10, false), PeerRules.NONE,
                FlowLimits.DEFAULT, transport, side -> { }, log.logger());
        ByteStream stream = sending.open(new StreamSession("bob@localhost", "out", "bob@localhost/b", ALICE));
        stream.out().write(ByteBuffer.allocate(4));
        sending.handleDataMessage(JidCreate.from(ALICE), DataElement.received("out", "0", "AAAAAA=="), true);
        assertEquals(StreamException.Kind.BROKEN,
                assertThrows(StreamException.class, () -> stream.out().write(ByteBuffer.allocate(4))).kind());
    }

    @Test
    void shutdownEndsEverythingWithItsKind() throws Exception {
        PendingStream waiting = bob.expect(SESSION);
        StreamSession second = new StreamSession("bob@localhost", "s2", ALICE, "bob@localhost/b");
        PendingStream opened = bob.expect(second);
        bob.handleOpen(open(ALICE, "s2", "4096", "iq"));
        ByteStream stream = opened.await(Duration.ofSeconds(1));

        CompletableFuture<StreamException.Kind> awaited = CompletableFuture.supplyAsync(() -> {
            try {
                waiting.await(Duration.ofSeconds(30));
                return null;
            } catch (StreamException e) {
                return e.kind();
            } catch (InterruptedException e) {
                return null;
            }
        });
        bob.shutdown(StreamException.Kind.OFFLINE, "offline", false);

        assertEquals(StreamException.Kind.OFFLINE, awaited.get(5, TimeUnit.SECONDS));
        assertEquals(StreamException.Kind.OFFLINE,
                assertThrows(StreamException.class, () -> stream.in().read(ByteBuffer.allocate(1))).kind());
        assertTrue(transport.sent().isEmpty(), "nobody is told when the connection is gone");
        assertEquals(StreamException.Kind.OFFLINE, assertThrows(StreamException.class,
                () -> bob.expect(new StreamSession("bob@localhost", "s3", ALICE, "bob@localhost/b"))).kind());
        assertEquals(StreamException.Kind.OFFLINE, assertThrows(StreamException.class,
                () -> bob.open(new StreamSession("bob@localhost", "s4", "bob@localhost/b", ALICE))).kind());
        assertError(bob.handleData(data(ALICE, "s2", 0, "AAAA")), StanzaError.Condition.item_not_found,
                StanzaError.Type.CANCEL);
    }

    @Test
    void methodGoneTellsThePeers() throws Exception {
        bob.expect(SESSION);
        bob.handleOpen(open(ALICE));
        bob.shutdown(StreamException.Kind.METHOD_GONE, "stopped", true);
        IbbClose close = transport.awaitSent(IbbClose.class);
        assertEquals("s1", close.sid());
        assertInstanceOf(IbbClose.class, close);
    }

    // ---- as initiator: how many blocks go out at once, decided before the first one ----

    private static final String DAVE = "dave@localhost/smack";

    private IbbEndpoint alice(IbbSettings settings) {
        return new IbbEndpoint("alice@localhost", settings, PeerRules.fromConfig(ConfigProxy.of(Map.of())).rules(),
                FlowLimits.DEFAULT, transport, side -> { }, log.logger());
    }

    private static StreamSession toDave(String sid) {
        return new StreamSession("alice@localhost", sid, "alice@localhost/a", DAVE);
    }

    /** Opens on another thread: the test answers the requests the open sends. */
    private static CompletableFuture<ByteStream> openInBackground(IbbEndpoint endpoint, StreamSession session) {
        CompletableFuture<ByteStream> opened = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                opened.complete(endpoint.open(session));
            } catch (Throwable e) {
                opened.completeExceptionally(e);
            }
        }, "opener");
        t.setDaemon(true);
        t.start();
        return opened;
    }

    /** Writes on another thread, which blocks whenever the window is full. */
    private static Thread writeInBackground(ByteStream stream, int bytes) {
        Thread t = new Thread(() -> {
            try {
                stream.out().write(ByteBuffer.allocate(bytes));
            } catch (Exception e) {
                // the test looks at what was sent
            }
        }, "writer");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** The requests the next open sends at once: the open itself, and the two questions about the peer. */
    private record OpenAndQuestions(FakeTransport.Request open, FakeTransport.Request disco,
            FakeTransport.Request version) {
    }

    private OpenAndQuestions openAndQuestions() throws InterruptedException {
        FakeTransport.Request open = null;
        FakeTransport.Request disco = null;
        FakeTransport.Request version = null;
        for (int i = 0; i < 3; i++) {
            FakeTransport.Request r = transport.nextRequest();
            if (r.iq instanceof IbbOpen) {
                open = r;
            } else if (PeerAnswers.isDiscoInfo(r.iq)) {
                disco = r;
            } else if (PeerAnswers.isVersion(r.iq)) {
                version = r;
            }
        }
        assertNotNull(open, "the open was sent before any answer came");
        assertNotNull(disco, "disco#info was asked before any answer came");
        assertNotNull(version, "the version was asked before any answer came");
        return new OpenAndQuestions(open, disco, version);
    }

    @Test
    void aPeerNotSeenIsAskedWhatItIsWhileTheOpenIsUnderWayAndSmackGetsOneBlockAtATime() throws Exception {
        IbbEndpoint alice = alice(TestSettings.with(4, 8, DataStanza.IQ));
        CompletableFuture<ByteStream> opened = openInBackground(alice, toDave("q1"));
        OpenAndQuestions sent = openAndQuestions();
        sent.open().result();
        sent.version().answer(PeerAnswers.notAcceptable(sent.version().iq));
        // the answer that decides comes last: a stream handed out before it would get the whole window
        sent.disco().answer(PeerAnswers.discoInfo(sent.disco().iq, PeerAnswers.SMACK_DISCO));
        ByteStream stream = opened.get(5, TimeUnit.SECONDS);

        Thread writer = writeInBackground(stream, 12);
        FakeTransport.Request first = transport.nextRequest();
        assertInstanceOf(IbbDataIq.class, first.iq);
        Await.blocked(writer);
        assertTrue(transport.requests.isEmpty(), "a second block went out before the first was acknowledged");
        first.result();
        transport.nextRequest().result();
        transport.nextRequest().result();
        assertTrue(log.contains("debug", "in-band data to {} goes {}"), log.lines().toString());
    }

    @Test
    void siftGetsTheWholeWindow() throws Exception {
        IbbEndpoint alice = alice(TestSettings.with(4, 8, DataStanza.IQ));
        CompletableFuture<ByteStream> opened = openInBackground(alice, toDave("q3"));
        OpenAndQuestions sent = openAndQuestions();
        sent.disco().answer(PeerAnswers.discoInfo(sent.disco().iq, PeerAnswers.SIFT_DISCO));
        sent.version().answer(PeerAnswers.notAcceptable(sent.version().iq));
        sent.open().result();
        ByteStream stream = opened.get(5, TimeUnit.SECONDS);
        stream.out().write(ByteBuffer.allocate(12));
        for (int i = 0; i < 3; i++) {
            assertInstanceOf(IbbDataIq.class, transport.nextRequest().iq, "three blocks in flight at once");
        }
    }

    @Test
    void aPeerThatNeverSaysWhatItIsDelaysTheFirstBlockAtMostByTheOpenTimeout() throws Exception {
        IbbEndpoint alice = alice(new IbbSettings(4, 8, DataStanza.IQ, 65535, 300, 5000, 5000, 10, false));
        CompletableFuture<ByteStream> opened = openInBackground(alice, toDave("q4"));
        OpenAndQuestions sent = openAndQuestions();
        assertEquals(300, sent.disco().timeoutMillis, "the questions are bounded by the open timeout");
        assertEquals(300, sent.version().timeoutMillis);
        sent.open().result();
        ByteStream stream = opened.get(5, TimeUnit.SECONDS);
        stream.out().write(ByteBuffer.allocate(8));
        assertInstanceOf(IbbDataIq.class, transport.nextRequest().iq);
        assertInstanceOf(IbbDataIq.class, transport.nextRequest().iq, "unknown: the whole window");
    }

    @Test
    void withOneBlockAtATimeConfiguredNobodyIsAsked() throws Exception {
        IbbEndpoint alice = alice(TestSettings.with(4, 1, DataStanza.IQ));
        CompletableFuture<ByteStream> opened = openInBackground(alice, toDave("q5"));
        FakeTransport.Request open = transport.nextRequest();
        assertInstanceOf(IbbOpen.class, open.iq);
        open.result();
        opened.get(5, TimeUnit.SECONDS);
        assertTrue(transport.requests.isEmpty(), "only the open was sent: " + transport.requests);
    }

    @Test
    void aPeerThatTookBlocksOutOfSequenceGetsOneAtATimeInTheNextStream() throws Exception {
        IbbEndpoint alice = alice(TestSettings.with(4, 8, DataStanza.IQ));
        transport.capsNodes.put(JidCreate.from(DAVE), "https://example.org/smack-based-app");
        CompletableFuture<ByteStream> opened = openInBackground(alice, toDave("r1"));
        transport.nextRequest().result();
        ByteStream first = opened.get(5, TimeUnit.SECONDS);
        first.out().write(ByteBuffer.allocate(8));
        FakeTransport.Request block0 = transport.nextRequest();
        FakeTransport.Request block1 = transport.nextRequest();
        block1.error(StanzaError.Condition.unexpected_request);
        block0.result();
        StreamException broken = assertThrows(StreamException.class, () -> first.out().write(ByteBuffer.allocate(4)));
        assertTrue(broken.retryable(), broken.getMessage());
        first.abort();

        CompletableFuture<ByteStream> reopened = openInBackground(alice, toDave("r2"));
        transport.nextRequest().result();
        Thread writer = writeInBackground(reopened.get(5, TimeUnit.SECONDS), 8);
        FakeTransport.Request only = transport.nextRequest();
        assertInstanceOf(IbbDataIq.class, only.iq);
        Await.blocked(writer);
        assertTrue(transport.requests.isEmpty(), "one block at a time now");
        only.result();
        transport.nextRequest().result();
    }
}
