package io.sift.socks5.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import org.jivesoftware.smack.iqrequest.IQRequestHandler;
import org.jivesoftware.smack.packet.EmptyResultIQ;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.provider.ProviderManager;
import org.jivesoftware.smack.util.PacketParserUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;

import io.sift.spi.PendingStream;
import io.sift.spi.StreamException;
import io.sift.spi.StreamMethod;
import io.sift.spi.StreamSession;

/** The component against a recording BundleContext and connection. */
class Socks5ComponentTest {

    private static final String NS = BytestreamQueryTest.NS;
    private static final String HANDLER = "query " + NS + " set";
    private static final StreamSession INCOMING =
            new StreamSession("bob@localhost", "s1", "alice@localhost/a", "bob@localhost/b");
    private static final StreamSession OUTGOING =
            new StreamSession("bob@localhost", "s2", "bob@localhost/b", "alice@localhost/a");

    private final RecordingContext osgi = new RecordingContext();
    private final TestLog log = new TestLog();
    private final FakeConnection bob = new FakeConnection("bob@localhost/b");

    @AfterEach
    void removeProvider() {
        ProviderManager.removeIQProvider("query", NS);
    }

    private Socks5Component component(Map<String, Object> config) {
        Map<String, Object> values = new HashMap<>(Map.of("discoverProxies", false));
        values.putAll(config);
        return new Socks5Component(ConfigProxy.of(values), Map.of("service.pid", "io.sift.socks5"), osgi.context,
                log.logger());
    }

    private StreamMethod method() {
        assertEquals(1, osgi.registrations.size());
        return assertInstanceOf(StreamMethod.class, osgi.registrations.get(0).service());
    }

    @Test
    void validConfigurationRegistersTheMethodWithItsNamespaceAndPriority() {
        component(Map.of("priority", 25)).deactivate();
        RecordingContext.Registration r = osgi.registrations.get(0);
        assertEquals(List.of(StreamMethod.class.getName()), List.of(r.classes()));
        assertEquals(NS, r.properties().get(StreamMethod.NAMESPACE));
        assertEquals(Integer.valueOf(25), r.properties().get(StreamMethod.PRIORITY));
        assertEquals(NS, method().namespace());
    }

    @Test
    void defaultPriorityIsTwentyAboveInBand() {
        component(Map.of()).deactivate();
        assertEquals(Integer.valueOf(20), osgi.registrations.get(0).properties().get(StreamMethod.PRIORITY));
    }

    @Test
    void invalidConfigurationIsLoggedOnceNamingEveryFieldAndNothingIsOffered() {
        Socks5Component component = component(Map.of("port", -1, "bindAddress", "somewhere", "usedTimeoutMillis", 0L));
        assertTrue(osgi.registrations.isEmpty());
        List<String> errors = log.lines("error");
        assertEquals(1, errors.size(), log.lines().toString());
        for (String part : List.of("io.sift.socks5", "port", "bindAddress", "usedTimeoutMillis")) {
            assertTrue(errors.get(0).contains(part), part + " in " + errors.get(0));
        }
        component.bindAccount(bob.account);
        assertTrue(bob.handlers.isEmpty());
        component.deactivate();
    }

    @Test
    void boundAccountGetsAnAsyncSetHandlerAndThisBundlesProvider() throws Exception {
        Socks5Component component = component(Map.of());
        component.bindAccount(bob.account);
        assertEquals(List.of(HANDLER), List.copyOf(bob.handlers.keySet()));
        assertEquals(IQRequestHandler.Mode.async, bob.handlers.get(HANDLER).getMode());
        assertInstanceOf(BytestreamQuery.class, PacketParserUtils.parseStanza("<iq type='set' id='q' from='a@b/c'>"
                + "<query xmlns='" + NS + "' sid='s'><streamhost jid='j' host='h' port='99999999999'/></query></iq>"));

        component.unbindAccount(bob.account);
        assertTrue(bob.handlers.isEmpty());
        component.deactivate();
    }

    @Test
    void offersAreServedByTheAccountsHandlerOnThisBundlesThreads() throws Exception {
        int closedPort;
        try (ServerSocketChannel probe = ServerSocketChannel.open()) {
            probe.bind(new InetSocketAddress("127.0.0.1", 0));
            closedPort = ((InetSocketAddress) probe.getLocalAddress()).getPort();
        }
        Socks5Component component = component(Map.of());
        component.bindAccount(bob.account);
        PendingStream pending = method().expect(INCOMING);
        BytestreamQuery offer = BytestreamQuery.offer("s1",
                List.of(new Streamhost("alice@localhost/a", "127.0.0.1", closedPort)));
        offer.setFrom(JidCreate.from("alice@localhost/a"));
        offer.setTo(JidCreate.from("bob@localhost/b"));

        assertNull(bob.handlers.get(HANDLER).handleIQRequest(offer), "answered later");

        IQ answer = assertInstanceOf(IQ.class, bob.awaitSent());
        assertEquals(StanzaError.Condition.item_not_found, Socks5Errors.conditionOf(answer));
        assertEquals(StreamException.Kind.REFUSED,
                assertThrows(StreamException.class, () -> pending.await(Duration.ofSeconds(5))).kind());
        component.deactivate();
    }

    @Test
    void requestParsedByAForeignProviderIsAnsweredWithAnError() {
        Socks5Component component = component(Map.of());
        component.bindAccount(bob.account);
        EmptyResultIQ foreign = new EmptyResultIQ();
        foreign.setType(IQ.Type.set);
        IQ answer = bob.handlers.get(HANDLER).handleIQRequest(foreign);
        assertEquals(StanzaError.Condition.internal_server_error, Socks5Errors.conditionOf(answer));
        assertTrue(log.contains("warn", "another provider"), log.lines().toString());
        component.deactivate();
    }

    @Test
    void accountGoingOfflineEndsItsStreamsAsOffline() throws Exception {
        Socks5Component component = component(Map.of());
        component.bindAccount(bob.account);
        PendingStream pending = method().expect(INCOMING);
        component.unbindAccount(bob.account);
        assertEquals(StreamException.Kind.OFFLINE,
                assertThrows(StreamException.class, () -> pending.await(Duration.ofSeconds(1))).kind());
        assertEquals(StreamException.Kind.OFFLINE,
                assertThrows(StreamException.class, () -> method().expect(INCOMING)).kind());
        component.deactivate();
    }

    @Test
    void accountIsFoundIgnoringCaseAndAnUnknownOneIsOffline() throws Exception {
        Socks5Component component = component(Map.of());
        component.bindAccount(bob.account);
        method().expect(new StreamSession("Bob@LocalHost", "s1", "alice@localhost/a", "bob@localhost/b")).cancel();
        StreamSession carol = new StreamSession("carol@localhost", "s9", "alice@localhost/a", "carol@localhost/c");
        assertEquals(StreamException.Kind.OFFLINE,
                assertThrows(StreamException.class, () -> method().expect(carol)).kind());
        component.deactivate();
    }

    @Test
    void directStreamhostIsAnnouncedWhileBoundAndNotAfter() throws Exception {
        Socks5Component component = component(Map.of());
        component.bindAccount(bob.account);
        FakeDirect direct = new FakeDirect(5086, "127.0.0.1");
        component.bindDirect(direct);
        // the fake connection cannot carry the offer: the open fails after announcing it
        assertThrows(StreamException.class, () -> method().open(OUTGOING));
        assertEquals(List.of(DstAddr.of(OUTGOING)), direct.announced());
        assertEquals(1, direct.withdrawn.get());

        component.unbindDirect(new FakeDirect(1, "10.0.0.1")); // another one: this one stays
        assertThrows(StreamException.class, () -> method().open(OUTGOING));
        assertEquals(2, direct.announced().size());

        component.unbindDirect(direct);
        StreamException none = assertThrows(StreamException.class, () -> method().open(OUTGOING));
        assertEquals(StreamException.Kind.REFUSED, none.kind(), "nothing left to offer");
        assertEquals(2, direct.announced().size());
        component.deactivate();
    }

    @Test
    void deactivationWithdrawsTheServiceEndsStreamsAsMethodGoneAndRemovesEverything() throws Exception {
        Socks5Component component = component(Map.of());
        component.bindAccount(bob.account);
        StreamMethod method = method();
        PendingStream pending = method.expect(INCOMING);

        component.deactivate();

        assertTrue(osgi.registrations.get(0).isUnregistered());
        assertEquals(StreamException.Kind.METHOD_GONE,
                assertThrows(StreamException.class, () -> pending.await(Duration.ofSeconds(1))).kind());
        assertTrue(bob.handlers.isEmpty());
        assertNull(ProviderManager.getIQProvider("query", NS));
        assertEquals(StreamException.Kind.METHOD_GONE,
                assertThrows(StreamException.class, () -> method.expect(INCOMING)).kind());
        component.unbindAccount(bob.account); // DS unbinds after deactivation: nothing left to do
        assertTrue(bob.sent().isEmpty());
    }

    @Test
    void reconnectedAccountIsANewBinding() {
        Socks5Component component = component(Map.of());
        component.bindAccount(bob.account);
        IQRequestHandler first = bob.handlers.get(HANDLER);
        FakeConnection again = new FakeConnection("bob@localhost/b");
        component.unbindAccount(bob.account);
        component.bindAccount(again.account);
        assertEquals(1, again.handlers.size());
        assertTrue(bob.handlers.isEmpty());
        assertFalse(again.handlers.containsValue(first));
        component.deactivate();
    }

    @Test
    void theFirstAccountOnlineStartsTheRehearsalWhichWaitsForQuietAndSucceeds() throws Exception {
        Socks5Component component = component(Map.of());
        try {
            component.bindAccount(bob.account);
            component.bindAccount(new FakeConnection("bob@localhost/second").account);
            // one rehearsal: it watched the first connection's stanzas both ways until it was quiet, then ran
            Await.until("the rehearsal watched the connection and let it go", 30,
                    () -> bob.stanzaListenersAdded() == 2 && bob.stanzaListeners() == 0);
            Await.until("the rehearsal's thread ended", 30, () -> rehearsal() == null);
            assertTrue(log.lines().stream().noneMatch(l -> l.contains("rehearsal failed")), log.lines().toString());
        } finally {
            component.deactivate();
        }
    }

    @Test
    void stoppingTheMethodEndsARehearsalStillWaitingForQuiet() throws Exception {
        Socks5Component component = component(Map.of());
        component.bindAccount(bob.account);
        Await.until("the rehearsal watches the connection", 30, () -> bob.stanzaListeners() == 2);
        // a stanza every few milliseconds: the connection is never quiet, so only the stop ends the wait
        AtomicBoolean chatting = new AtomicBoolean(true);
        Thread chat = new Thread(() -> {
            while (chatting.get()) {
                bob.stanzaArrives();
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
            }
        });
        chat.start();
        try {
            component.deactivate();
            Await.until("the stopped rehearsal's thread ended and let the connection go", 30,
                    () -> rehearsal() == null && bob.stanzaListeners() == 0);
        } finally {
            chatting.set(false);
            chat.join();
        }
    }

    private static Thread rehearsal() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().equals(Socks5StreamMethod.REHEARSAL_THREAD))
                .findFirst().orElse(null);
    }
}
