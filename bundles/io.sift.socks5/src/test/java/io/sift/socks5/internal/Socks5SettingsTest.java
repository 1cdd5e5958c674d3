package io.sift.socks5.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Socks5SettingsTest {

    private static List<String> problems(String key, Object value) {
        Map<String, Object> values = new HashMap<>();
        values.put(key, value);
        return Socks5Settings.validate(ConfigProxy.of(values)).problems();
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        Socks5Settings s = ConfigProxy.settings(Map.of());
        assertEquals(new Socks5Settings(true, Optional.empty(), 0, List.of(), List.of(), true, 600, 3000, 5000, 250,
                20000, 10000, 3000, 1024, 8, 20), s);
        assertEquals(new PendingLimits(3000, 1024, 8), s.pendingLimits());
        assertEquals(8000, s.attemptMillis());
    }

    /** A .cfg file holds strings: a list is written as one value with commas. */
    @Test
    void listsWrittenAsOneStringWithCommasAreSplit() throws Exception {
        Socks5Settings s = ConfigProxy.settings(Map.of(
                "advertisedAddresses", new String[] {"203.0.113.9, 127.0.0.1"},
                "proxies", new String[] {"proxy.localhost,proxy.example.org 192.0.2.1:7777, "}));
        assertEquals(List.of("203.0.113.9", "127.0.0.1"), s.advertisedAddresses());
        assertEquals(List.of("proxy.localhost", "proxy.example.org"), s.proxies().stream().map(ProxyEntry::jid).toList());
    }

    @Test
    void everyFieldIsTaken() throws Exception {
        Socks5Settings s = ConfigProxy.settings(Map.ofEntries(
                Map.entry("directEnabled", false),
                Map.entry("bindAddress", " 127.0.0.1 "),
                Map.entry("port", 7777),
                Map.entry("advertisedAddresses", new String[] {"203.0.113.9", "xmpp.example.org", "[2001:db8::2]"}),
                Map.entry("proxies", new String[] {"proxy.localhost", "proxy.example.org 192.0.2.1:7777"}),
                Map.entry("discoverProxies", false),
                Map.entry("proxyCacheSeconds", 0L),
                Map.entry("connectTimeoutMillis", 1L),
                Map.entry("handshakeTimeoutMillis", 2L),
                Map.entry("staggerMillis", 0L),
                Map.entry("usedTimeoutMillis", 3L),
                Map.entry("activateTimeoutMillis", 4L),
                Map.entry("acceptTimeoutMillis", 5L),
                Map.entry("maxPendingConnections", 1),
                Map.entry("maxPendingPerAddress", 2),
                Map.entry("priority", -3)));
        assertEquals(new Socks5Settings(false, Optional.of(InetAddress.getByName("127.0.0.1")), 7777,
                List.of("203.0.113.9", "xmpp.example.org", "2001:db8::2"),
                List.of(new ProxyEntry("proxy.localhost", Optional.empty()),
                        new ProxyEntry("proxy.example.org",
                                Optional.of(new Streamhost("proxy.example.org", "192.0.2.1", 7777)))),
                false, 0, 1, 2, 0, 3, 4, 5, 1, 2, -3), s);
    }

    @Test
    void everyBadFieldIsNamedInOneValidation() {
        List<String> problems = Socks5Settings.validate(ConfigProxy.of(Map.of("port", 70000, "bindAddress", "localhost",
                "connectTimeoutMillis", 0L, "maxPendingConnections", 0, "proxies", new String[] {"a b c"},
                "advertisedAddresses", new String[] {"not an address"}))).problems();
        assertEquals(6, problems.size(), problems.toString());
        for (String field : List.of("port", "bindAddress", "connectTimeoutMillis", "maxPendingConnections", "proxies",
                "advertisedAddresses")) {
            assertTrue(problems.stream().anyMatch(p -> p.startsWith(field + ": ")), field + " in " + problems);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 65536, Integer.MAX_VALUE, Integer.MIN_VALUE})
    void portOutOfRangeIsNamed(int port) {
        assertEquals(List.of("port: " + port + " is out of range (0-65535)"), problems("port", port));
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "example.org", "256.1.1.1", "127.1", "::g", "eth0"})
    void bindAddressMustBeAnIpLiteral(String value) {
        List<String> problems = problems("bindAddress", value);
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).startsWith("bindAddress: "), problems.toString());
    }

    @Test
    void bindAddressMayBeIpv6OrEmpty() {
        assertEquals(List.of(), problems("bindAddress", "::1"));
        assertEquals(List.of(), problems("bindAddress", ""));
        assertEquals(List.of(), problems("bindAddress", "  "));
    }

    @Test
    void timeoutsMustBePositiveAndStaggerAndCacheMayBeZero() {
        assertEquals(List.of("usedTimeoutMillis: 0 is below the minimum of 1"), problems("usedTimeoutMillis", 0L));
        assertEquals(List.of("acceptTimeoutMillis: -5 is below the minimum of 1"), problems("acceptTimeoutMillis", -5L));
        assertEquals(List.of("staggerMillis: -1 is below the minimum of 0"), problems("staggerMillis", -1L));
        assertEquals(List.of(), problems("staggerMillis", 0L));
        assertEquals(List.of("proxyCacheSeconds: -1 is below the minimum of 0"), problems("proxyCacheSeconds", -1L));
    }

    @Test
    void pendingLimitIsBounded() {
        assertEquals(List.of("maxPendingConnections: 4097 is out of range (1-4096)"),
                problems("maxPendingConnections", 4097));
        assertEquals(List.of("maxPendingPerAddress: 0 is out of range (1-4096)"), problems("maxPendingPerAddress", 0));
    }

    @Test
    void valuesDsCannotConvertAreReportedNotThrown() {
        assertEquals(List.of("port: not a number"), problems("port", new NumberFormatException("x")));
        assertEquals(List.of("staggerMillis: not a number"), problems("staggerMillis", new NumberFormatException("x")));
        assertEquals(List.of("directEnabled: not true or false"),
                problems("directEnabled", new IllegalArgumentException("x")));
        assertEquals(List.of("proxies: unreadable"), problems("proxies", new IllegalArgumentException("x")));
    }

    @Test
    void blankListEntriesAreIgnored() {
        Socks5Settings s = ConfigProxy.settings(Map.of("advertisedAddresses", new String[] {"", " "},
                "proxies", new String[] {""}));
        assertTrue(s.advertisedAddresses().isEmpty() && s.proxies().isEmpty());
    }

    @Test
    void controlCharactersInAValueCannotForgeLogLines() {
        String problem = problems("bindAddress", "1.2.3.4\nERROR fake line").get(0);
        assertTrue(!problem.contains("\n") && problem.contains("\\u000a"), problem);
        String proxy = problems("proxies", new String[] {"p.localhost 1.2.3.4:1\r\nx"}).get(0);
        assertFalse(proxy.contains("\n") || proxy.contains("\r"), proxy);
    }
}
