package io.sift.socks5.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The direct streamhost's component: it listens and registers only when it should. */
class DirectListenerComponentTest {

    private final RecordingContext osgi = new RecordingContext();
    private final TestLog log = new TestLog();

    private DirectListenerComponent component(Map<String, Object> config) {
        return new DirectListenerComponent(ConfigProxy.of(config), Map.of("service.pid", "io.sift.socks5"),
                osgi.context, log.logger());
    }

    @Test
    void listensOnTheConfiguredAddressAndRegistersItselfUntilDeactivated() throws Exception {
        DirectListenerComponent component = component(Map.of("bindAddress", "127.0.0.1",
                "advertisedAddresses", new String[] {"127.0.0.1"}));
        assertEquals(1, osgi.registrations.size());
        assertEquals(List.of(DirectStreamhost.class.getName()), List.of(osgi.registrations.get(0).classes()));
        DirectStreamhost streamhost = assertInstanceOf(DirectStreamhost.class, osgi.registrations.get(0).service());
        assertSame(component.listener(), streamhost);
        assertEquals(List.of("127.0.0.1"), streamhost.addresses());
        int port = streamhost.port();
        new TestClient(port).close(); // it accepts

        component.deactivate();

        assertTrue(osgi.registrations.get(0).isUnregistered());
        try (ServerSocketChannel again = ServerSocketChannel.open()) {
            again.bind(new InetSocketAddress("127.0.0.1", port)); // the port is free
        }
    }

    @Test
    void withoutBindAddressItListensOnlyOnTheAdvertisedAddresses() throws Exception {
        DirectListenerComponent component = component(Map.of("advertisedAddresses",
                new String[] {"127.0.0.2", "127.0.0.3"}));
        try {
            int port = component.listener().port();
            new TestClient("127.0.0.2", port).close();
            new TestClient("127.0.0.3", port).close();
            assertThrows(ConnectException.class, () -> new TestClient("127.0.0.1", port));
            assertTrue(log.contains("info", "127.0.0.2:0, 127.0.0.3:0"), log.lines().toString());
        } finally {
            component.deactivate();
        }
    }

    @Test
    void disabledDirectStreamhostDoesNotListen() {
        DirectListenerComponent component = component(Map.of("directEnabled", false));
        assertNull(component.listener());
        assertTrue(osgi.registrations.isEmpty());
        component.deactivate();
    }

    @Test
    void invalidConfigurationIsLeftToTheMethodsComponentToReport() {
        DirectListenerComponent component = component(Map.of("port", 70000));
        assertTrue(osgi.registrations.isEmpty());
        assertTrue(log.lines("error").isEmpty(), log.lines().toString());
        component.deactivate();
    }

    @Test
    void portInUseIsLoggedAndNothingIsRegistered() throws Exception {
        try (ServerSocketChannel taken = ServerSocketChannel.open()) {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));
            int port = ((InetSocketAddress) taken.getLocalAddress()).getPort();
            DirectListenerComponent component = component(Map.of("bindAddress", "127.0.0.1", "port", port));
            assertTrue(osgi.registrations.isEmpty());
            List<String> errors = log.lines("error");
            assertEquals(1, errors.size(), log.lines().toString());
            assertTrue(errors.get(0).contains("io.sift.socks5") && errors.get(0).contains("127.0.0.1:" + port),
                    errors.get(0));
            component.deactivate();
        }
    }
}
