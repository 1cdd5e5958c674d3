package io.sift.socks5.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Hosts from peers and configuration, and configured proxies. */
class HostsTest {

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "0.0.0.0", "255.255.255.255", "::1", "2001:db8::1", "[2001:db8::1]",
        "::ffff:192.0.2.1", "fe80::1"})
    void ipLiteralsAreRecognised(String literal) {
        assertTrue(Hosts.ipLiteral(literal).isPresent(), literal);
        assertTrue(Hosts.isUsable(literal), literal);
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "256.0.0.1", "1.2.3", "127.1", "01.2.3.4", "2130706433", "::g", "g::1",
        "[::1", "1.2.3.4 ", ""})
    void nonLiteralsAreNoAddress(String text) {
        assertEquals(Optional.empty(), Hosts.ipLiteral(text), text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "proxy.example.org", "proxy.example.org.", "a-b.c", "_srv.example.org",
        "xn--bcher-kva.example"})
    void hostNamesAreUsable(String name) {
        assertTrue(Hosts.isHostName(name), name);
        assertTrue(Hosts.isUsable(name), name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "a..b", "-a.b", "a-.b", "a b", "a\nb", "<iq/>", "b\u00fccher.example", "1.2.3.4.5",
        "a/b", "a:80"})
    void otherTextIsNoHost(String text) {
        assertFalse(Hosts.isUsable(text), text);
    }

    @Test
    void overlongNamesAreNoHost() {
        assertFalse(Hosts.isHostName("a".repeat(64) + ".example"));
        assertFalse(Hosts.isHostName(("a".repeat(60) + ".").repeat(5) + "org"));
    }

    @Test
    void bracketsAreRemovedForSockets() throws Exception {
        assertEquals("::1", Hosts.unbracketed("[::1]"));
        assertEquals("127.0.0.1", Hosts.unbracketed("127.0.0.1"));
        assertEquals(Optional.of(InetAddress.getByName("::1")), Hosts.ipLiteral("[::1]"));
    }

    @Test
    void proxyEntriesAreJidOrJidWithAddress() {
        assertEquals(Optional.of(new ProxyEntry("proxy.localhost", Optional.empty())), ProxyEntry.parse(" proxy.localhost "));
        assertEquals(Optional.of(new ProxyEntry("proxy.localhost",
                Optional.of(new Streamhost("proxy.localhost", "127.0.0.1", 7777)))), ProxyEntry.parse("proxy.localhost 127.0.0.1:7777"));
        assertEquals(Optional.of(new ProxyEntry("p.example",
                Optional.of(new Streamhost("p.example", "2001:db8::1", 1)))), ProxyEntry.parse("p.example\t[2001:db8::1]:1"));
        assertEquals(Optional.of(new ProxyEntry("p.example",
                Optional.of(new Streamhost("p.example", "relay.example", 65535)))), ProxyEntry.parse("p.example relay.example:65535"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "p.example 1.2.3.4", "p.example 1.2.3.4:0", "p.example 1.2.3.4:65536", "p.example :80",
        "p.example 2001:db8::1:80", "p.example h:80 extra", "@bad 1.2.3.4:80", "p.example <x>:80"})
    void malformedProxyEntriesAreRejected(String entry) {
        assertEquals(Optional.empty(), ProxyEntry.parse(entry), entry);
    }
}
