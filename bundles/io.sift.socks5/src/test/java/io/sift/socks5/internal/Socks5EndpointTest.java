package io.sift.socks5.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smack.packet.StanzaError;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;

import io.sift.spi.ByteStream;
import io.sift.spi.PendingStream;
import io.sift.spi.StreamException;
import io.sift.spi.StreamSession;

/** One account's endpoint against a fake connection, fake streamhosts and a fake direct listener. */
class Socks5EndpointTest {

    private static final String SID = "s1";
    private static final StreamSession OUTGOING =
            new StreamSession("alice@localhost", SID, "alice@localhost/a", "bob@localhost/b");
    private static final StreamSession INCOMING =
            new StreamSession("bob@localhost", SID, "alice@localhost/a", "bob@localhost/b");

    private final Endpoints endpoints = new Endpoints();
    private final FakeTransport transport = new FakeTransport();
    private final FakeConnector connector = new FakeConnector();
    private final FakeDirect direct = new FakeDirect(5086, "192.168.1.5", "127.0.0.1");
    private final java.util.List<SocketPair> pairs = new java.util.ArrayList<>();

    @AfterEach
    void close() {
        endpoints.close();
        pairs.forEach(SocketPair::close);
    }

    private SocketPair pair() throws Exception {
        SocketPair pair = new SocketPair();
        pairs.add(pair);
        return pair;
    }

    private Socks5Endpoint alice(Map<String, Object> config, DirectStreamhost listener) {
        Map<String, Object> values = new java.util.HashMap<>(Map.of("discoverProxies", false));
        values.putAll(config);
        return endpoints.endpoint("alice@localhost/a", ConfigProxy.settings(values), transport, () -> listener,
                connector);
    }

    private Socks5Endpoint bob(Map<String, Object> config) {
        Map<String, Object> values = new java.util.HashMap<>(Map.of("discoverProxies", false));
        values.putAll(config);
        return endpoints.endpoint("bob@localhost/b", ConfigProxy.settings(values), transport, () -> null, connector);
    }

    private static CompletableFuture<ByteStream> openAsync(Socks5Endpoint endpoint) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return endpoint.open(OUTGOING);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static StreamException failure(CompletableFuture<ByteStream> opened) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> opened.get(10, TimeUnit.SECONDS));
        return assertInstanceOf(StreamException.class, e.getCause().getCause());
    }

    private static BytestreamQuery offerFrom(String from, String sid, List<Streamhost> streamhosts) {
        BytestreamQuery offer = BytestreamQuery.offer(sid, streamhosts);
        offer.setStanzaId("offer-1");
        offer.setFrom(JidCreate.fromOrThrowUnchecked(from));
        offer.setTo(JidCreate.fromOrThrowUnchecked("bob@localhost/b"));
        return offer;
    }

    private static IQ used(IQ offer, String jid) {
        BytestreamQuery answer = BytestreamQuery.used(offer, SID, jid);
        return answer;
    }

    // ---- initiator ----

    @Test
    void offerListsTheDirectStreamhostInAdvertisedOrderThenTheProxies() throws Exception {
        Socks5Endpoint alice = alice(Map.of("proxies",
                new String[] {"proxy1.localhost 10.0.0.1:7777", "proxy2.localhost 10.0.0.2:7778"}), direct);
        CompletableFuture<ByteStream> opened = openAsync(alice);

        FakeTransport.Request offer = transport.nextRequest();
        BytestreamQuery query = assertInstanceOf(BytestreamQuery.class, offer.iq);
        assertEquals(IQ.Type.set, query.getType());
        assertEquals("bob@localhost/b", query.getTo().toString());
        assertEquals(SID, query.sid());
        assertEquals("tcp", query.mode());
        assertEquals(List.of(
                BytestreamQueryTest.raw("alice@localhost/a", "192.168.1.5", "5086"),
                BytestreamQueryTest.raw("alice@localhost/a", "127.0.0.1", "5086"),
                BytestreamQueryTest.raw("proxy1.localhost", "10.0.0.1", "7777"),
                BytestreamQueryTest.raw("proxy2.localhost", "10.0.0.2", "7778")), query.streamhosts());
        assertEquals(20000, offer.timeoutMillis);
        assertEquals(List.of(DstAddr.of(OUTGOING)), direct.announced(), "announced before the offer");

        offer.error(StanzaError.Condition.item_not_found);
        assertEquals(StreamException.Kind.REFUSED, failure(opened).kind());
        assertEquals(1, direct.withdrawn.get());
        assertEquals(0, alice.activeCount());
    }

    @Test
    void targetNamingTheDirectStreamhostGetsTheListenersConnection() throws Exception {
        SocketPair pair = pair();
        direct.arriving = pair.right;
        Socks5Endpoint alice = alice(Map.of(), direct);
        CompletableFuture<ByteStream> opened = openAsync(alice);
        FakeTransport.Request offer = transport.nextRequest();
        offer.answer(used(offer.iq, "alice@localhost/a"));

        ByteStream stream = opened.get(10, TimeUnit.SECONDS);
        assertSame(pair.right, stream.out());
        assertEquals(1, direct.withdrawn.get());
        stream.out().write(ByteBuffer.wrap(Bytes.ascii("abc")));
        stream.close();
        ByteBuffer in = ByteBuffer.allocate(10);
        while (pair.left.read(in) >= 0) {
            // to the end of the stream
        }
        assertEquals(3, in.position());
        assertEquals(0, alice.activeCount());
    }

    @Test
    void directStreamhostNamedButNoConnectionIsBroken() throws Exception {
        Socks5Endpoint alice = alice(Map.of("connectTimeoutMillis", 1L, "handshakeTimeoutMillis", 1L), direct);
        CompletableFuture<ByteStream> opened = openAsync(alice);
        FakeTransport.Request offer = transport.nextRequest();
        offer.answer(used(offer.iq, "alice@localhost/a"));
        assertEquals(StreamException.Kind.BROKEN, failure(opened).kind());
        assertEquals(1, direct.withdrawn.get());
    }

    @Test
    void noAnswerToTheOfferIsATimeout() throws Exception {
        CompletableFuture<ByteStream> opened = openAsync(alice(Map.of("usedTimeoutMillis", 1234L), direct));
        FakeTransport.Request offer = transport.nextRequest();
        assertEquals(1234, offer.timeoutMillis);
        offer.timeout();
        assertEquals(StreamException.Kind.TIMEOUT, failure(opened).kind());
        assertEquals(1, direct.withdrawn.get());
    }

    @Test
    void notAcceptableAnswerIsARefusal() throws Exception {
        CompletableFuture<ByteStream> opened = openAsync(alice(Map.of(), direct));
        transport.nextRequest().error(StanzaError.Condition.not_acceptable);
        StreamException e = failure(opened);
        assertEquals(StreamException.Kind.REFUSED, e.kind());
        assertTrue(e.getMessage().contains("not-acceptable"), e.getMessage());
    }

    @Test
    void streamhostUsedThatWasNotOfferedIsBroken() throws Exception {
        CompletableFuture<ByteStream> opened = openAsync(alice(Map.of(), direct));
        FakeTransport.Request offer = transport.nextRequest();
        offer.answer(used(offer.iq, "evil.example/x"));
        assertEquals(StreamException.Kind.BROKEN, failure(opened).kind());
        assertTrue(connector.attempts().isEmpty(), "never connects to an unknown streamhost");
    }

    @Test
    void resultWithoutStreamhostUsedIsBroken() throws Exception {
        CompletableFuture<ByteStream> opened = openAsync(alice(Map.of(), direct));
        transport.nextRequest().result();
        assertEquals(StreamException.Kind.BROKEN, failure(opened).kind());
    }

    @Test
    void nothingToOfferIsRefusedWithoutAsking() {
        Socks5Endpoint alice = alice(Map.of(), null);
        StreamException e = assertThrows(StreamException.class, () -> alice.open(OUTGOING));
        assertEquals(StreamException.Kind.REFUSED, e.kind());
        assertTrue(transport.requests.isEmpty());
    }

    @Test
    void proxyNamedByTheTargetIsConnectedWithTheSameAddressAndActivated() throws Exception {
        SocketPair pair = pair();
        Socks5Endpoint alice = alice(Map.of("proxies", new String[] {"proxy.localhost 10.0.0.1:7777"}), direct);
        CompletableFuture<ByteStream> opened = openAsync(alice);
        FakeTransport.Request offer = transport.nextRequest();
        offer.answer(used(offer.iq, "proxy.localhost"));

        Await.until("the proxy is tried", () -> connector.attempts().size() == 1);
        FakeConnector.FakeAttempt attempt = connector.get(0);
        assertEquals(new Streamhost("proxy.localhost", "10.0.0.1", 7777), attempt.streamhost);
        assertEquals(DstAddr.of(OUTGOING), attempt.dstAddr);
        attempt.result.complete(pair.left);

        FakeTransport.Request activate = transport.nextRequest();
        BytestreamQuery query = assertInstanceOf(BytestreamQuery.class, activate.iq);
        assertEquals("proxy.localhost", query.getTo().toString());
        assertEquals(IQ.Type.set, query.getType());
        assertEquals(SID, query.sid());
        assertEquals("bob@localhost/b", query.activateTarget());
        assertEquals(10000, activate.timeoutMillis);
        assertFalse(opened.isDone(), "returned before the activation was confirmed");

        activate.result();
        assertSame(pair.left, opened.get(10, TimeUnit.SECONDS).out());
    }

    @Test
    void proxyThatCannotBeReachedIsBroken() throws Exception {
        CompletableFuture<ByteStream> opened = openAsync(alice(Map.of("proxies",
                new String[] {"proxy.localhost 10.0.0.1:7777"}), direct));
        FakeTransport.Request offer = transport.nextRequest();
        offer.answer(used(offer.iq, "proxy.localhost"));
        Await.until("the proxy is tried", () -> connector.attempts().size() == 1);
        connector.get(0).fail("connection refused");
        assertEquals(StreamException.Kind.BROKEN, failure(opened).kind());
    }

    @Test
    void activationWithoutAnswerIsATimeoutAndClosesTheConnection() throws Exception {
        SocketPair pair = pair();
        CompletableFuture<ByteStream> opened = openAsync(alice(Map.of("proxies",
                new String[] {"proxy.localhost 10.0.0.1:7777"}), null));
        FakeTransport.Request offer = transport.nextRequest();
        offer.answer(used(offer.iq, "proxy.localhost"));
        Await.until("the proxy is tried", () -> connector.attempts().size() == 1);
        connector.get(0).result.complete(pair.left);
        transport.nextRequest().timeout();
        assertEquals(StreamException.Kind.TIMEOUT, failure(opened).kind());
        assertFalse(pair.left.isOpen());
    }

    @Test
    void accountGoingOfflineEndsAnOpenThatWaitsForTheAnswer() throws Exception {
        Socks5Endpoint alice = alice(Map.of(), direct);
        CompletableFuture<ByteStream> opened = openAsync(alice);
        transport.nextRequest(); // never answered
        alice.shutdown(StreamException.Kind.OFFLINE, "offline");
        assertEquals(StreamException.Kind.OFFLINE, failure(opened).kind());
        assertEquals(1, direct.withdrawn.get());
        assertEquals(StreamException.Kind.OFFLINE, assertThrows(StreamException.class, () -> alice.open(OUTGOING)).kind());
    }

    // ---- target ----

    @Test
    void malformedOfferIsABadRequestAndNothingIsTried() throws Exception {
        Socks5Endpoint bob = bob(Map.of());
        bob.expect(INCOMING);
        BytestreamQuery offer = BytestreamQuery.received(StanzaBuilder.buildIqData("offer-1").ofType(IQ.Type.set)
                .from(JidCreate.from("alice@localhost/a")).to(JidCreate.from("bob@localhost/b")), SID, null,
                List.of(BytestreamQueryTest.raw("alice@localhost/a", "h", null)), null, null);
        IQ answer = bob.handleQuery(offer);
        assertEquals(StanzaError.Condition.bad_request, Socks5Errors.conditionOf(answer));
        assertEquals(StanzaError.Type.MODIFY, answer.getError().getType());
        assertTrue(connector.attempts().isEmpty());
    }

    @Test
    void offerForAnUnexpectedSidIsNotAcceptableAndNothingIsTried() {
        Socks5Endpoint bob = bob(Map.of());
        IQ answer = bob.handleQuery(offerFrom("alice@localhost/a", "other",
                List.of(new Streamhost("alice@localhost/a", "127.0.0.1", 5086))));
        assertEquals(StanzaError.Condition.not_acceptable, Socks5Errors.conditionOf(answer));
        assertEquals(StanzaError.Type.CANCEL, answer.getError().getType());
        assertTrue(connector.attempts().isEmpty());
    }

    @Test
    void offerFromAnotherJidThanTheInitiatorIsNotAcceptable() throws Exception {
        Socks5Endpoint bob = bob(Map.of());
        PendingStream pending = bob.expect(INCOMING);
        for (String from : List.of("mallory@localhost/a", "alice@localhost/other", "alice@localhost")) {
            IQ answer = bob.handleQuery(offerFrom(from, SID, List.of(new Streamhost(from, "127.0.0.1", 5086))));
            assertEquals(StanzaError.Condition.not_acceptable, Socks5Errors.conditionOf(answer), from);
        }
        assertTrue(connector.attempts().isEmpty());
        pending.cancel();
    }

    @Test
    void firstWorkingStreamhostIsNamedInTheAnswerAndCarriesTheStream() throws Exception {
        SocketPair pair = pair();
        Socks5Endpoint bob = bob(Map.of());
        PendingStream pending = bob.expect(INCOMING);
        BytestreamQuery offer = offerFrom("alice@localhost/a", SID, List.of(
                new Streamhost("alice@localhost/a", "192.168.1.5", 5086),
                new Streamhost("proxy.localhost", "10.0.0.1", 7777)));
        assertNull(bob.handleQuery(offer), "answered when a streamhost worked");

        Await.until("the first is tried", () -> connector.attempts().size() == 1);
        assertEquals(DstAddr.of(INCOMING), connector.get(0).dstAddr);
        connector.get(0).fail("no route");
        Await.until("the second is tried", () -> connector.attempts().size() == 2);
        connector.get(1).result.complete(pair.right);

        IQ answer = (IQ) transport.awaitSent();
        assertEquals("<iq xmlns='jabber:client' to='alice@localhost/a' from='bob@localhost/b' id='offer-1' type='result'>"
                + "<query xmlns='" + BytestreamQueryTest.NS + "' sid='s1'><streamhost-used jid='proxy.localhost'/>"
                + "</query></iq>", answer.toXML().toString());
        ByteStream stream = pending.await(Duration.ofSeconds(5));
        pair.left.write(ByteBuffer.wrap(Bytes.ascii("data")));
        pair.left.shutdownOutput();
        ByteBuffer in = ByteBuffer.allocate(10);
        while (stream.in().read(in) >= 0) {
            // to the end
        }
        assertArrayEquals(Bytes.ascii("data"), java.util.Arrays.copyOf(in.array(), in.position()));
        stream.close();
        assertEquals(0, bob.activeCount());
    }

    @Test
    void noWorkingStreamhostIsItemNotFoundAndTheWaitingTargetIsRefused() throws Exception {
        Socks5Endpoint bob = bob(Map.of());
        PendingStream pending = bob.expect(INCOMING);
        assertNull(bob.handleQuery(offerFrom("alice@localhost/a", SID,
                List.of(new Streamhost("alice@localhost/a", "192.168.1.5", 5086)))));
        Await.until("tried", () -> connector.attempts().size() == 1);
        connector.get(0).fail("connection refused");

        IQ answer = (IQ) transport.awaitSent();
        assertEquals(StanzaError.Condition.item_not_found, Socks5Errors.conditionOf(answer));
        assertEquals(StanzaError.Type.CANCEL, answer.getError().getType());
        assertEquals("offer-1", answer.getStanzaId());
        StreamException e = assertThrows(StreamException.class, () -> pending.await(Duration.ofSeconds(5)));
        assertEquals(StreamException.Kind.REFUSED, e.kind());
        assertEquals(0, bob.activeCount());
    }

    @Test
    void secondOfferForTheSameStreamIsNotAcceptable() throws Exception {
        Socks5Endpoint bob = bob(Map.of());
        bob.expect(INCOMING);
        List<Streamhost> hosts = List.of(new Streamhost("alice@localhost/a", "192.168.1.5", 5086));
        assertNull(bob.handleQuery(offerFrom("alice@localhost/a", SID, hosts)));
        IQ second = bob.handleQuery(offerFrom("alice@localhost/a", SID, hosts));
        assertEquals(StanzaError.Condition.not_acceptable, Socks5Errors.conditionOf(second));
    }

    @Test
    void waitingTargetThatTimesOutStopsTheAttemptsAndTheInitiatorIsTold() throws Exception {
        Socks5Endpoint bob = bob(Map.of());
        PendingStream pending = bob.expect(INCOMING);
        bob.handleQuery(offerFrom("alice@localhost/a", SID, List.of(new Streamhost("alice@localhost/a", "192.168.1.5", 5086))));
        Await.until("tried", () -> connector.attempts().size() == 1);

        StreamException e = assertThrows(StreamException.class, () -> pending.await(Duration.ofMillis(50)));
        assertEquals(StreamException.Kind.TIMEOUT, e.kind());
        assertTrue(connector.get(0).cancelled);
        assertEquals(StanzaError.Condition.not_acceptable, Socks5Errors.conditionOf((IQ) transport.awaitSent()));
        assertEquals(0, bob.activeCount());
    }

    @Test
    void cancelledExpectationRefusesALaterOffer() throws Exception {
        Socks5Endpoint bob = bob(Map.of());
        bob.expect(INCOMING).cancel();
        IQ answer = bob.handleQuery(offerFrom("alice@localhost/a", SID,
                List.of(new Streamhost("alice@localhost/a", "192.168.1.5", 5086))));
        assertEquals(StanzaError.Condition.not_acceptable, Socks5Errors.conditionOf(answer));
        assertTrue(connector.attempts().isEmpty());
    }

    @Test
    void sameStreamCannotBeExpectedTwice() throws Exception {
        Socks5Endpoint bob = bob(Map.of());
        bob.expect(INCOMING);
        assertEquals(StreamException.Kind.BROKEN, assertThrows(StreamException.class, () -> bob.expect(INCOMING)).kind());
    }

    @Test
    void accountGoingOfflineEndsWaitingAndOpenStreamsAsOffline() throws Exception {
        SocketPair pair = pair();
        Socks5Endpoint bob = bob(Map.of());
        PendingStream open = bob.expect(INCOMING);
        bob.handleQuery(offerFrom("alice@localhost/a", SID, List.of(new Streamhost("alice@localhost/a", "h", 1))));
        Await.until("tried", () -> connector.attempts().size() == 1);
        connector.get(0).result.complete(pair.right);
        ByteStream stream = open.await(Duration.ofSeconds(5));
        PendingStream waiting = bob.expect(new StreamSession("bob@localhost", "s2", "alice@localhost/a", "bob@localhost/b"));

        bob.shutdown(StreamException.Kind.OFFLINE, "the account went offline");

        assertEquals(StreamException.Kind.OFFLINE,
                assertThrows(StreamException.class, () -> waiting.await(Duration.ofSeconds(1))).kind());
        assertEquals(StreamException.Kind.OFFLINE,
                assertThrows(StreamException.class, () -> stream.in().read(ByteBuffer.allocate(1))).kind());
        assertEquals(StreamException.Kind.OFFLINE, assertThrows(StreamException.class, () -> bob.expect(
                new StreamSession("bob@localhost", "s3", "alice@localhost/a", "bob@localhost/b"))).kind());
        assertEquals(0, bob.activeCount());
    }

    @Test
    void answerThatCannotBeSentEndsTheStream() throws Exception {
        SocketPair pair = pair();
        Socks5Endpoint bob = bob(Map.of());
        PendingStream pending = bob.expect(INCOMING);
        transport.offline = true;
        bob.handleQuery(offerFrom("alice@localhost/a", SID, List.of(new Streamhost("alice@localhost/a", "h", 1))));
        Await.until("tried", () -> connector.attempts().size() == 1);
        connector.get(0).result.complete(pair.right);
        assertEquals(StreamException.Kind.OFFLINE,
                assertThrows(StreamException.class, () -> pending.await(Duration.ofSeconds(5))).kind());
        Await.until("the connection is closed", () -> !pair.right.isOpen());
    }
}
