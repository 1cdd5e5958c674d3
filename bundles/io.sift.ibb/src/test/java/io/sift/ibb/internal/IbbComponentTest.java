package io.sift.ibb.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.List;
import java.util.Map;

import org.jivesoftware.smack.StanzaListener;
import org.jivesoftware.smack.iqrequest.IQRequestHandler;
import org.jivesoftware.smack.packet.EmptyResultIQ;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.IqData;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.provider.ProviderManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

import io.sift.spi.ByteStream;
import io.sift.spi.PendingStream;
import io.sift.spi.StreamException;
import io.sift.spi.StreamMethod;
import io.sift.spi.StreamSession;

/** The component against a recording BundleContext and connection. */
class IbbComponentTest {

    private static final String NS = "http://jabber.org/protocol/ibb";
    private static final StreamSession INCOMING =
            new StreamSession("bob@localhost", "s1", "alice@localhost/a", "bob@localhost/b");

    /** One registerService call. */
    record Registration(String[] classes, Object service, Dictionary<String, ?> properties, boolean[] unregistered) {
    }

    private final List<Registration> registrations = new ArrayList<>();
    private final TestLog log = new TestLog();
    private final FakeConnection bob = new FakeConnection("bob@localhost/b");

    private final BundleContext context = (BundleContext) Proxy.newProxyInstance(BundleContext.class.getClassLoader(),
            new Class<?>[] {BundleContext.class}, (proxy, method, args) -> {
                if (!method.getName().equals("registerService")) {
                    throw new UnsupportedOperationException(method.getName());
                }
                String[] classes = args[0] instanceof Class<?> c ? new String[] {c.getName()}
                        : args[0] instanceof String s ? new String[] {s} : (String[]) args[0];
                @SuppressWarnings("unchecked")
                Registration r = new Registration(classes, args[1], (Dictionary<String, ?>) args[2], new boolean[1]);
                registrations.add(r);
                return Proxy.newProxyInstance(ServiceRegistration.class.getClassLoader(),
                        new Class<?>[] {ServiceRegistration.class}, (p, m, a) -> {
                            if (m.getName().equals("unregister")) {
                                r.unregistered()[0] = true;
                                return null;
                            }
                            throw new UnsupportedOperationException(m.getName());
                        });
            });

    @AfterEach
    void removeProviders() {
        ProviderManager.removeIQProvider("open", NS);
        ProviderManager.removeIQProvider("data", NS);
        ProviderManager.removeIQProvider("close", NS);
        ProviderManager.removeExtensionProvider("data", NS);
    }

    private IbbComponent component(Map<String, Object> config) {
        return new IbbComponent(ConfigProxy.of(config), Map.of("service.pid", "io.sift.ibb"), context, log.logger());
    }

    private StreamMethod method() {
        assertEquals(1, registrations.size());
        return assertInstanceOf(StreamMethod.class, registrations.get(0).service());
    }

    @Test
    void validConfigurationRegistersTheMethodWithItsNamespaceAndPriority() {
        component(Map.of("priority", 15));
        Registration r = registrations.get(0);
        assertEquals(List.of(StreamMethod.class.getName()), List.of(r.classes()));
        assertEquals(NS, r.properties().get(StreamMethod.NAMESPACE));
        assertEquals(Integer.valueOf(15), r.properties().get(StreamMethod.PRIORITY));
        assertEquals(NS, method().namespace());
    }

    @Test
    void defaultPriorityIsTen() {
        component(Map.of());
        assertEquals(Integer.valueOf(10), registrations.get(0).properties().get(StreamMethod.PRIORITY));
    }

    @Test
    void invalidConfigurationIsLoggedOnceAndNothingIsOffered() {
        IbbComponent component = component(Map.of("blockSize", 0, "stanza", "carrier pigeon"));
        assertTrue(registrations.isEmpty());
        List<String> errors = log.lines().stream().filter(l -> l.startsWith("error:")).toList();
        assertEquals(1, errors.size(), log.lines().toString());
        assertTrue(errors.get(0).contains("io.sift.ibb") && errors.get(0).contains("blockSize")
                && errors.get(0).contains("stanza"), errors.get(0));
        component.bindAccount(bob.account);
        assertTrue(bob.handlers.isEmpty());
        component.deactivate();
    }

    @Test
    void badQuirkTableEntriesAreReportedWithTheOtherProblemsInOneLine() {
        component(Map.of("window", 0, "oneBlockAtATimePeers", new String[] {"caps:https://example.org", "Smack",
            "identity: "}));
        assertTrue(registrations.isEmpty());
        List<String> errors = log.lines().stream().filter(l -> l.startsWith("error:")).toList();
        assertEquals(1, errors.size(), log.lines().toString());
        String line = errors.get(0);
        assertTrue(line.contains("window: 0") && line.contains("oneBlockAtATimePeers: 'Smack' starts with none of")
                && line.contains("oneBlockAtATimePeers: 'identity:' has nothing to match"), line);
    }

    @Test
    void boundAccountGetsSyncSetHandlersTheListenerAndThisBundlesProviders() {
        IbbComponent component = component(Map.of());
        component.bindAccount(bob.account);
        assertEquals(List.of("open " + NS + " set", "data " + NS + " set", "close " + NS + " set"),
                List.copyOf(bob.handlers.keySet()));
        for (IQRequestHandler h : bob.handlers.values()) {
            assertEquals(IQRequestHandler.Mode.sync, h.getMode());
        }
        // the data messages, and the answers to the account's requests
        assertEquals(2, bob.syncListeners.size());
        assertInstanceOf(IbbProviders.OpenProvider.class, ProviderManager.getIQProvider("open", NS));
        assertInstanceOf(IbbProviders.DataExtensionProvider.class, ProviderManager.getExtensionProvider("data", NS));

        component.unbindAccount(bob.account);
        assertTrue(bob.handlers.isEmpty());
        assertTrue(bob.syncListeners.isEmpty());
    }

    @Test
    void sessionsAreServedByTheirAccountsConnection() throws Exception {
        IbbComponent component = component(Map.of());
        component.bindAccount(bob.account);
        PendingStream pending = method().expect(INCOMING);

        IqData iqData = StanzaBuilder.buildIqData("o1").ofType(IQ.Type.set).from("alice@localhost/a");
        IQ answer = bob.handlers.get("open " + NS + " set").handleIQRequest(IbbOpen.received(iqData, "s1", "4096", null));
        assertEquals(IQ.Type.result, answer.getType());
        ByteStream stream = pending.await(Duration.ofSeconds(1));

        Message message = StanzaBuilder.buildMessage().from("alice@localhost/a").to("bob@localhost/b")
                .addExtension(DataElement.received("s1", "0", "AQID")).build();
        List<StanzaListener> takers = bob.syncListeners.entrySet().stream()
                .filter(e -> e.getValue().accept(message)).map(Map.Entry::getKey).toList();
        assertEquals(1, takers.size(), "one listener takes a data message");
        takers.get(0).processStanza(message);
        assertEquals(3, stream.in().read(ByteBuffer.allocate(10)));
        component.deactivate();
    }

    @Test
    void requestParsedByAForeignProviderIsAnsweredWithAnError() {
        IbbComponent component = component(Map.of());
        component.bindAccount(bob.account);
        EmptyResultIQ foreign = new EmptyResultIQ();
        foreign.setType(IQ.Type.set);
        IQ answer = bob.handlers.get("close " + NS + " set").handleIQRequest(foreign);
        assertEquals(StanzaError.Condition.internal_server_error, answer.getError().getCondition());
        assertTrue(log.contains("warn", "another provider"), log.lines().toString());
        component.deactivate();
    }

    @Test
    void accountGoingOfflineEndsItsStreamsAsOffline() throws Exception {
        IbbComponent component = component(Map.of());
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
    void unknownAccountIsOffline() {
        IbbComponent component = component(Map.of());
        component.bindAccount(bob.account);
        StreamSession carol = new StreamSession("carol@localhost", "s9", "carol@localhost/c", "bob@localhost/b");
        assertEquals(StreamException.Kind.OFFLINE,
                assertThrows(StreamException.class, () -> method().expect(carol)).kind());
        component.deactivate();
    }

    @Test
    void accountIsFoundIgnoringCase() throws Exception {
        IbbComponent component = component(Map.of());
        component.bindAccount(bob.account);
        method().expect(new StreamSession("Bob@LocalHost", "s1", "alice@localhost/a", "bob@localhost/b")).cancel();
        component.deactivate();
    }

    @Test
    void deactivationWithdrawsTheServiceEndsStreamsAsMethodGoneAndRemovesEverything() throws Exception {
        IbbComponent component = component(Map.of());
        component.bindAccount(bob.account);
        StreamMethod method = method();
        PendingStream pending = method.expect(INCOMING);
        IqData iqData = StanzaBuilder.buildIqData("o1").ofType(IQ.Type.set).from("alice@localhost/a");
        bob.handlers.get("open " + NS + " set").handleIQRequest(IbbOpen.received(iqData, "s1", "4096", null));
        ByteStream stream = pending.await(Duration.ofSeconds(1));

        component.deactivate();

        assertTrue(registrations.get(0).unregistered()[0]);
        assertEquals(StreamException.Kind.METHOD_GONE,
                assertThrows(StreamException.class, () -> stream.in().read(ByteBuffer.allocate(1))).kind());
        IbbClose close = assertInstanceOf(IbbClose.class, bob.sent.get(0));
        assertEquals("s1", close.sid());
        assertEquals(JidCreate.from("alice@localhost/a"), close.getTo());
        assertTrue(bob.handlers.isEmpty());
        assertTrue(bob.syncListeners.isEmpty());
        assertNull(ProviderManager.getIQProvider("open", NS));
        assertNull(ProviderManager.getExtensionProvider("data", NS));
        assertEquals(StreamException.Kind.METHOD_GONE,
                assertThrows(StreamException.class, () -> method.expect(INCOMING)).kind());

        component.unbindAccount(bob.account); // DS unbinds after deactivation: nothing left to do
        assertFalse(bob.sent.size() > 1);
    }

    @Test
    void reconnectedAccountIsANewBinding() {
        IbbComponent component = component(Map.of());
        component.bindAccount(bob.account);
        IQRequestHandler first = bob.handlers.get("open " + NS + " set");
        FakeConnection again = new FakeConnection("bob@localhost/b");
        component.unbindAccount(bob.account);
        component.bindAccount(again.account);
        assertEquals(3, again.handlers.size());
        assertTrue(bob.handlers.isEmpty());
        assertFalse(again.handlers.containsValue(first));
        component.deactivate();
    }
}
