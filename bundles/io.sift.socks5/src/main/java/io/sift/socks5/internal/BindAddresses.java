package io.sift.socks5.internal;

import java.io.IOException;
import java.net.BindException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.channels.ServerSocketChannel;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Where the direct streamhost listens.
 *
 * <p>A configured bind address is used as it is. Without one, the port is opened only where the
 * offers send receivers: on the advertised addresses, when every one of them is an IP address of
 * this host. Other interfaces (a VPN, a container bridge, a second network) then never see it.
 * When nothing is advertised the offers list every interface, and when an advertised entry is a
 * host name or an address this host does not have (a NAT's external address, forwarded to some
 * local one), it is unknown where receivers arrive: then all addresses are bound, as before, since
 * a streamhost that receivers cannot reach is worse than none. The bind address narrows it.
 */
final class BindAddresses {

    /** Tries at another ephemeral port when the one found free on the first address is taken on another. */
    private static final int ATTEMPTS = 5;

    private BindAddresses() {
    }

    /**
     * @param isLocal whether this host has an address ({@link #isLocal} but for tests)
     * @return the addresses to bind, in order; empty: all addresses
     */
    static List<InetAddress> choose(Optional<InetAddress> configured, List<String> advertised,
            Predicate<InetAddress> isLocal) {
        if (configured.isPresent()) {
            return List.of(configured.get());
        }
        Set<InetAddress> local = new LinkedHashSet<>();
        for (String host : advertised) {
            Optional<InetAddress> address = Hosts.ipLiteral(host);
            if (address.isEmpty() || !isLocal.test(address.get())) {
                return List.of();
            }
            local.add(address.get());
        }
        return List.copyOf(local);
    }

    /** Whether the address is one of this host's; on Linux every loopback address is. */
    static boolean isLocal(InetAddress address) {
        if (address.isLoopbackAddress()) {
            return true;
        }
        try {
            return NetworkInterface.getByInetAddress(address) != null;
        } catch (SocketException e) {
            return false;
        }
    }

    /**
     * Binds a server socket on each address, all on the same port.
     *
     * @param addresses empty: one socket on all addresses
     * @param port 0: an ephemeral port
     */
    static List<ServerSocketChannel> bind(List<InetAddress> addresses, int port, int backlog) throws IOException {
        if (addresses.isEmpty()) {
            return List.of(open(new InetSocketAddress(port), backlog));
        }
        for (int attempt = 1;; attempt++) {
            List<ServerSocketChannel> bound = new ArrayList<>();
            try {
                int shared = port;
                for (InetAddress address : addresses) {
                    ServerSocketChannel server = open(new InetSocketAddress(address, shared), backlog);
                    bound.add(server);
                    shared = ((InetSocketAddress) server.getLocalAddress()).getPort();
                }
                return bound;
            } catch (BindException e) {
                bound.forEach(Sockets::closeQuietly);
                if (port != 0 || bound.isEmpty() || attempt == ATTEMPTS) {
                    throw e;
                }
            } catch (IOException | RuntimeException e) {
                bound.forEach(Sockets::closeQuietly);
                throw e;
            }
        }
    }

    /** For logs: "192.0.2.4:7777, [2001:db8::4]:7777", or "*:7777" for all addresses. */
    static String describe(List<InetAddress> addresses, int port) {
        if (addresses.isEmpty()) {
            return "*:" + port;
        }
        return addresses.stream().map(a -> (a instanceof Inet6Address ? "[" + AdvertisedAddresses.literal(a) + "]"
                : AdvertisedAddresses.literal(a)) + ":" + port).collect(Collectors.joining(", "));
    }

    private static ServerSocketChannel open(InetSocketAddress address, int backlog) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open();
        try {
            server.bind(address, backlog);
            return server;
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
    }
}
