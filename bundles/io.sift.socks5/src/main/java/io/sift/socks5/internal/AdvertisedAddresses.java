package io.sift.socks5.internal;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The addresses offered for the direct streamhost. Without configured ones: every address of the
 * host's active, non-virtual interfaces that a peer could reach, IPv4 before IPv6, and 127.0.0.1 last
 * (it only helps a peer on the same host, and every other address is worth trying first).
 */
final class AdvertisedAddresses {

    static final String LOOPBACK = "127.0.0.1";

    private AdvertisedAddresses() {
    }

    /**
     * @param configured addresses from the configuration; when there are any, they are used as given
     * @param bound the address the listener is bound to (a wildcard address unless one was configured)
     */
    static List<String> of(List<String> configured, InetAddress bound) {
        if (!configured.isEmpty()) {
            return List.copyOf(configured);
        }
        if (!bound.isAnyLocalAddress()) {
            return List.of(literal(bound));
        }
        // an IPv4 wildcard (IPv6 unavailable or disabled) cannot accept IPv6 connections
        return order(interfaceAddresses(), bound instanceof Inet6Address);
    }

    /** Orders and filters a host's addresses; never empty (127.0.0.1 at least). */
    static List<String> order(Collection<InetAddress> addresses, boolean includeIpv6) {
        List<String> v4 = new ArrayList<>();
        List<String> v6 = new ArrayList<>();
        boolean loopback = false;
        for (InetAddress address : addresses) {
            if (address.isAnyLocalAddress() || address.isMulticastAddress()) {
                continue;
            }
            if (address.isLoopbackAddress()) {
                loopback |= address instanceof Inet4Address;
            } else if (address instanceof Inet4Address) {
                v4.add(literal(address));
            } else if (includeIpv6 && !address.isLinkLocalAddress()) {
                // link-local addresses need the interface's scope, which means nothing to a peer
                v6.add(literal(address));
            }
        }
        Set<String> ordered = new LinkedHashSet<>(v4);
        ordered.addAll(v6);
        if (loopback || ordered.isEmpty()) {
            ordered.add(LOOPBACK);
        }
        return List.copyOf(ordered);
    }

    private static List<InetAddress> interfaceAddresses() {
        List<InetAddress> addresses = new ArrayList<>();
        try {
            for (NetworkInterface nic : NetworkInterface.networkInterfaces().toList()) {
                try {
                    if (nic.isUp() && !nic.isVirtual()) {
                        addresses.addAll(nic.inetAddresses().toList());
                    }
                } catch (SocketException e) {
                    // the interface went away while being listed
                }
            }
        } catch (SocketException e) {
            // no interface list: only loopback is offered
        }
        return addresses;
    }

    /** An address as text, without an IPv6 scope. */
    static String literal(InetAddress address) {
        String text = address.getHostAddress();
        int scope = text.indexOf('%');
        return scope < 0 ? text : text.substring(0, scope);
    }
}
