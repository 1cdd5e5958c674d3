package io.sift.socks5.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class AdvertisedAddressesTest {

    private static List<InetAddress> addresses(String... literals) throws UnknownHostException {
        List<InetAddress> out = new ArrayList<>();
        for (String literal : literals) {
            out.add(InetAddress.getByName(literal));
        }
        return out;
    }

    @Test
    void ipv4FirstThenIpv6AndLoopbackLast() throws Exception {
        assertEquals(List.of("192.168.1.5", "10.8.0.2", "2001:db8:0:0:0:0:0:7", "127.0.0.1"), AdvertisedAddresses.order(
                addresses("127.0.0.1", "::1", "2001:db8::7", "192.168.1.5", "fe80::1", "10.8.0.2"), true));
    }

    @Test
    void ipv6IsLeftOutWhenTheListenerCannotTakeIt() throws Exception {
        assertEquals(List.of("192.168.1.5", "127.0.0.1"),
                AdvertisedAddresses.order(addresses("2001:db8::7", "192.168.1.5", "127.0.0.1"), false));
    }

    @Test
    void wildcardMulticastAndLinkLocalIpv6AreNeverOffered() throws Exception {
        List<String> offered = AdvertisedAddresses.order(addresses("0.0.0.0", "::", "224.0.0.1", "ff02::1", "fe80::1",
                "192.168.1.5"), true);
        assertEquals(List.of("192.168.1.5"), offered);
    }

    @Test
    void withoutAnyAddressLoopbackIsOffered() {
        assertEquals(List.of("127.0.0.1"), AdvertisedAddresses.order(List.of(), true));
    }

    @Test
    void configuredAddressesAreUsedAsGiven() throws Exception {
        assertEquals(List.of("203.0.113.9", "xmpp.example.org"),
                AdvertisedAddresses.of(List.of("203.0.113.9", "xmpp.example.org"), InetAddress.getByName("0.0.0.0")));
    }

    @Test
    void aSpecificBindAddressIsTheOneOffered() throws Exception {
        assertEquals(List.of("192.0.2.4"), AdvertisedAddresses.of(List.of(), InetAddress.getByName("192.0.2.4")));
    }

    @Test
    void wildcardOffersThisHostsInterfacesWithLoopbackLast() throws Exception {
        List<String> offered = AdvertisedAddresses.of(List.of(), InetAddress.getByName("::"));
        assertFalse(offered.isEmpty());
        assertEquals("127.0.0.1", offered.get(offered.size() - 1));
        assertTrue(offered.stream().noneMatch(a -> a.contains("%")), offered.toString());
    }
}
