package io.sift.socks5.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.osgi.service.log.Logger;

import io.sift.spi.StreamException;

/**
 * The direct streamhost: a server socket shared by every account, and one thread that accepts and
 * runs every SOCKS5 exchange without blocking ({@link HandshakeLoop}).
 *
 * <p>A connection is identified by the DST.ADDR of its SOCKS5 request; only one that an initiator
 * announced with {@link #expect} is accepted, and only once. Whatever else happens on a connection
 * (a wrong or unknown address, garbage, silence or trickling beyond the deadline, making room for
 * newer connections) closes that connection and nothing else.
 */
final class DirectListener implements DirectStreamhost {

    /** Accepting is cheap now: a deep queue absorbs a burst while the thread is busy. */
    private static final int BACKLOG = 1024;

    private final int port;
    private final Supplier<List<String>> addresses;
    private final HandshakeLoop loop;

    private final Object lock = new Object();
    // guarded by lock
    private final Map<String, DirectArrival> expected = new HashMap<>();
    private boolean closed;

    private DirectListener(List<ServerSocketChannel> servers, List<String> configuredAddresses, PendingLimits limits,
            Logger log) throws IOException {
        InetSocketAddress local = (InetSocketAddress) servers.get(0).getLocalAddress();
        this.port = local.getPort();
        // several bound addresses only come from configured ones, which are then what is offered
        InetAddress bound = local.getAddress();
        List<String> configured = List.copyOf(configuredAddresses);
        // interfaces come and go (a laptop changes networks): they are listed for every offer
        this.addresses = () -> AdvertisedAddresses.of(configured, bound);
        this.loop = new HandshakeLoop(servers, port, limits, this::claim, this::awaited, log);
    }

    /**
     * Binds the server sockets and starts accepting.
     *
     * @param bindAddresses as {@link BindAddresses#choose} gives them; empty: all addresses
     * @param port 0: an ephemeral port
     * @param advertised configured addresses to offer; empty: the host's interface addresses
     */
    static DirectListener start(List<InetAddress> bindAddresses, int port, List<String> advertised,
            PendingLimits limits, Logger log) throws IOException {
        List<ServerSocketChannel> servers = BindAddresses.bind(bindAddresses, port, BACKLOG);
        try {
            DirectListener listener = new DirectListener(servers, advertised, limits, log);
            listener.loop.start();
            return listener;
        } catch (IOException | RuntimeException e) {
            servers.forEach(Sockets::closeQuietly);
            throw e;
        }
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public List<String> addresses() {
        return addresses.get();
    }

    @Override
    public Arrival expect(String dstAddr) throws StreamException {
        DirectArrival arrival = new DirectArrival(dstAddr, this::withdraw);
        synchronized (lock) {
            if (closed) {
                throw new StreamException(StreamException.Kind.BROKEN, "the direct streamhost is stopped");
            }
            if (expected.putIfAbsent(dstAddr, arrival) != null) {
                throw new StreamException(StreamException.Kind.BROKEN, "a stream with the same address is being set up");
            }
        }
        return arrival;
    }

    /** Connections accepted and not yet handed over. */
    int pendingCount() {
        return loop.pendingCount();
    }

    /** Stops accepting, frees the port, and closes every connection that was not handed over. */
    void stop() {
        List<DirectArrival> arrivals;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            arrivals = new ArrayList<>(expected.values());
            expected.clear();
        }
        loop.stop();
        arrivals.forEach(DirectArrival::stopped);
    }

    /** The arrival a connection's request names, claimed for it; null when none is expected or one is connected. */
    private DirectArrival claim(String dstAddr) {
        DirectArrival arrival;
        synchronized (lock) {
            arrival = expected.get(dstAddr);
        }
        return arrival != null && arrival.claim() ? arrival : null;
    }

    /**
     * The streams announced and not yet withdrawn: a receiver may be connecting for each of them. It
     * counts some whose connection already arrived, until their initiator closes the arrival; a
     * little more room than needed, for a moment.
     */
    private int awaited() {
        synchronized (lock) {
            return expected.size();
        }
    }

    private void withdraw(DirectArrival arrival) {
        synchronized (lock) {
            expected.remove(arrival.dstAddr, arrival);
        }
    }
}
