package io.sift.socks5.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.BindException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;

/** Where the direct streamhost listens; sockets only on 127.0.0.x. */
class BindAddressesTest {

    private static final Predicate<InetAddress> LAN_HOST = a -> Set.of("192.168.1.5", "2001:db8:0:0:0:0:0:5", "127.0.0.1")
            .contains(AdvertisedAddresses.literal(a));

    private static InetAddress ip(String literal) {
        return Hosts.ipLiteral(literal).orElseThrow();
    }

    @Test
    void aConfiguredBindAddressIsUsedAsItIs() {
        assertEquals(List.of(ip("192.0.2.7")),
                BindAddresses.choose(Optional.of(ip("192.0.2.7")), List.of("192.168.1.5"), LAN_HOST));
    }

    @Test
    void advertisedAddressesOfThisHostAreBoundInTheirOrder() {
        assertEquals(List.of(ip("192.168.1.5"), ip("2001:db8::5"), ip("127.0.0.1")), BindAddresses.choose(
                Optional.empty(), List.of("192.168.1.5", "2001:db8::5", "127.0.0.1", "192.168.1.5"), LAN_HOST));
    }

    @Test
    void withNothingAdvertisedAllAddressesAreBound() {
        assertEquals(List.of(), BindAddresses.choose(Optional.empty(), List.of(), LAN_HOST));
    }

    @Test
    void anAdvertisedHostNameOrForeignAddressBindsAllAddresses() {
        // a NAT's external address: the router forwards to a local address nobody configured
        assertEquals(List.of(), BindAddresses.choose(Optional.empty(), List.of("192.168.1.5", "203.0.113.9"), LAN_HOST));
        assertEquals(List.of(), BindAddresses.choose(Optional.empty(), List.of("192.168.1.5", "xmpp.example.org"),
                LAN_HOST));
    }

    @Test
    void loopbackAddressesAreLocalAndDocumentationAddressesAreNot() {
        assertTrue(BindAddresses.isLocal(ip("127.0.0.1")));
        assertTrue(BindAddresses.isLocal(ip("127.0.0.9")));
        assertFalse(BindAddresses.isLocal(ip("192.0.2.123")));
    }

    @Test
    void severalAddressesShareOnePortAndOthersStayClosed() throws Exception {
        List<ServerSocketChannel> servers = BindAddresses.bind(List.of(ip("127.0.0.2"), ip("127.0.0.3")), 0, 8);
        try {
            int port = ((InetSocketAddress) servers.get(0).getLocalAddress()).getPort();
            assertEquals(port, ((InetSocketAddress) servers.get(1).getLocalAddress()).getPort());
            SocketChannel.open(new InetSocketAddress("127.0.0.2", port)).close();
            SocketChannel.open(new InetSocketAddress("127.0.0.3", port)).close();
            assertThrows(ConnectException.class, () -> SocketChannel.open(new InetSocketAddress("127.0.0.4", port)));
            assertEquals("127.0.0.2:" + port + ", 127.0.0.3:" + port,
                    BindAddresses.describe(List.of(ip("127.0.0.2"), ip("127.0.0.3")), port));
        } finally {
            servers.forEach(Sockets::closeQuietly);
        }
    }

    @Test
    void aTakenPortOnOneAddressFailsTheWholeBindAndLeavesNothingOpen() throws Exception {
        try (ServerSocketChannel taken = ServerSocketChannel.open()) {
            taken.bind(new InetSocketAddress("127.0.0.3", 0));
            int port = ((InetSocketAddress) taken.getLocalAddress()).getPort();
            assertThrows(BindException.class,
                    () -> BindAddresses.bind(List.of(ip("127.0.0.2"), ip("127.0.0.3")), port, 8));
            try (ServerSocketChannel again = ServerSocketChannel.open()) {
                again.bind(new InetSocketAddress("127.0.0.2", port)); // the first one was closed
            }
        }
    }

    @Test
    void describesAllAddressesAndIpv6() {
        assertEquals("*:0", BindAddresses.describe(List.of(), 0));
        assertEquals("[0:0:0:0:0:0:0:1]:7777", BindAddresses.describe(List.of(ip("::1")), 7777));
    }
}
