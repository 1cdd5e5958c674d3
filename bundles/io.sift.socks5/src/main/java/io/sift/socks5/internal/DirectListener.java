package io.sift.socks5.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

import org.osgi.service.log.Logger;

import io.sift.spi.StreamException;

/**
 * The direct streamhost: a server socket shared by every account, one thread accepting, and one
 * pooled thread per connection that has not yet identified its stream.
 *
 * <p>A connection is identified by the DST.ADDR of its SOCKS5 request; only one that an initiator
 * announced with {@link #expect} is accepted, and only once. Whatever else happens on a connection
 * (a wrong or unknown address, garbage, silence beyond the accept timeout, a surplus over the
 * pending limit) closes that connection and nothing else.
 */
final class DirectListener implements DirectStreamhost {

    private static final int BACKLOG = 128;
    /** How long the accepting thread pauses after an accept error (e.g. out of file descriptors). */
    private static final long ACCEPT_ERROR_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long STOP_WAIT_MILLIS = 2000;
    /** At most this much of a refused client's unread input is read before closing. */
    private static final int MAX_DRAINED_BYTES = 64 * 1024;

    private final ServerSocketChannel server;
    private final int port;
    private final Supplier<List<String>> addresses;
    private final long acceptTimeoutMillis;
    private final int maxPending;
    private final Logger log;
    private final ThreadPoolExecutor handshakes;
    private final Thread acceptor;

    private final Object lock = new Object();
    // guarded by lock
    private final Set<SocketChannel> pending = new HashSet<>();
    private final Map<String, Expected> expected = new HashMap<>();
    private boolean closed;

    private DirectListener(ServerSocketChannel server, List<String> configuredAddresses, long acceptTimeoutMillis,
            int maxPending, Logger log) throws IOException {
        this.server = server;
        InetSocketAddress local = (InetSocketAddress) server.getLocalAddress();
        this.port = local.getPort();
        InetAddress bound = local.getAddress();
        List<String> configured = List.copyOf(configuredAddresses);
        // interfaces come and go (a laptop changes networks): they are listed for every offer
        this.addresses = () -> AdvertisedAddresses.of(configured, bound);
        this.acceptTimeoutMillis = acceptTimeoutMillis;
        this.maxPending = maxPending;
        this.log = log;
        this.handshakes = new ThreadPoolExecutor(maxPending, maxPending, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> daemon(r, "sift-socks5-handshake-" + port));
        this.handshakes.allowCoreThreadTimeOut(true);
        this.acceptor = daemon(this::acceptLoop, "sift-socks5-listener-" + port);
    }

    /**
     * Binds the server socket and starts accepting.
     *
     * @param bindAddress empty: the wildcard address
     * @param port 0: an ephemeral port
     * @param advertised configured addresses to offer; empty: the host's interface addresses
     */
    static DirectListener start(Optional<InetAddress> bindAddress, int port, List<String> advertised,
            long acceptTimeoutMillis, int maxPending, Logger log) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open();
        try {
            server.bind(new InetSocketAddress(bindAddress.orElse(null), port), BACKLOG);
            DirectListener listener = new DirectListener(server, advertised, acceptTimeoutMillis, maxPending, log);
            listener.acceptor.start();
            return listener;
        } catch (IOException | RuntimeException e) {
            server.close();
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
        Expected arrival = new Expected(dstAddr);
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

    /** Connections accepted and not yet identified. */
    int pendingCount() {
        synchronized (lock) {
            return pending.size();
        }
    }

    /** Stops accepting, frees the port, and closes every connection that was not handed over. */
    void stop() {
        List<SocketChannel> connections;
        List<Expected> arrivals;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            connections = new ArrayList<>(pending);
            arrivals = new ArrayList<>(expected.values());
            pending.clear();
            expected.clear();
        }
        Sockets.closeQuietly(server);
        connections.forEach(Sockets::closeQuietly);
        arrivals.forEach(Expected::stopped);
        handshakes.shutdownNow();
        try {
            // the port is free once the accepting thread has left accept()
            acceptor.join(STOP_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void acceptLoop() {
        while (true) {
            SocketChannel connection;
            try {
                connection = server.accept();
            } catch (ClosedChannelException stopped) {
                // also AsynchronousCloseException: stop() closed the server socket
                return;
            } catch (IOException e) {
                synchronized (lock) {
                    if (closed) {
                        return;
                    }
                }
                log.warn("Direct SOCKS5 streamhost on port {}: accept failed: {}", port, e.toString());
                LockSupport.parkNanos(ACCEPT_ERROR_PAUSE_NANOS);
                continue;
            }
            admit(connection);
        }
    }

    private void admit(SocketChannel connection) {
        synchronized (lock) {
            if (closed || pending.size() >= maxPending) {
                if (!closed) {
                    log.debug("Direct SOCKS5 streamhost on port {}: {} connections wait to identify; closing {}.",
                            port, maxPending, remote(connection));
                }
                closeRefused(connection);
                return;
            }
            pending.add(connection);
        }
        try {
            handshakes.execute(() -> identify(connection));
        } catch (RejectedExecutionException stopping) {
            forget(connection);
            Sockets.closeQuietly(connection);
        }
    }

    /** Runs the server side of the SOCKS5 exchange and hands an expected connection to its initiator. */
    private void identify(SocketChannel connection) {
        Expected arrival = null;
        try {
            connection.setOption(StandardSocketOptions.TCP_NODELAY, Boolean.TRUE);
            DeadlineInput in = new DeadlineInput(connection.socket(), acceptTimeoutMillis);
            // the socket's own stream: closing it would close the connection, so it is never closed here
            OutputStream out = connection.socket().getOutputStream();
            ServerHandshake handshake = readRequest(in, out);
            arrival = claim(handshake.dstAddr());
            if (arrival == null) {
                handshake.refuse();
                write(handshake, out);
                throw new Socks5ProtocolException("no stream is expected for its address (or one is connected)");
            }
            handshake.accept();
            write(handshake, out);
            if (!forget(connection)) {
                arrival.release();
                return; // stopped meanwhile: the connection is closed
            }
            arrival.arrived(connection);
            arrival = null;
        } catch (IOException | RuntimeException e) {
            if (arrival != null) {
                arrival.release();
            }
            if (forget(connection)) {
                log.debug("Direct SOCKS5 streamhost on port {}: closed the connection from {}: {}", port,
                        remote(connection), e.getMessage());
            }
            closeRefused(connection);
        }
    }

    private static ServerHandshake readRequest(InputStream in, OutputStream out) throws IOException {
        ServerHandshake handshake = new ServerHandshake();
        while (true) {
            write(handshake, out);
            if (handshake.status() == ServerHandshake.Status.REQUESTED) {
                return handshake;
            }
            if (handshake.status() == ServerHandshake.Status.FAILED) {
                throw new Socks5ProtocolException(handshake.failure());
            }
            int wanted = handshake.wanted();
            byte[] bytes = in.readNBytes(wanted);
            handshake.receive(java.nio.ByteBuffer.wrap(bytes));
            if (bytes.length < wanted) {
                throw new java.io.EOFException("the connection ended in the middle of the SOCKS5 exchange");
            }
        }
    }

    private static void write(ServerHandshake handshake, OutputStream out) throws IOException {
        java.nio.ByteBuffer output = handshake.output();
        if (output.hasRemaining()) {
            out.write(output.array(), output.arrayOffset() + output.position(), output.remaining());
            output.position(output.limit());
            out.flush();
        }
    }

    /**
     * Closes a refused connection with an orderly end. Closing a socket with unread bytes makes the
     * system send a reset, which can destroy the refusal reply before the client reads it; so what the
     * client already sent (a bounded amount) is read and dropped first.
     */
    private static void closeRefused(SocketChannel connection) {
        try {
            if (connection.isOpen() && connection.isBlocking()) {
                InputStream in = connection.socket().getInputStream();
                int unread = Math.min(in.available(), MAX_DRAINED_BYTES);
                if (unread > 0) {
                    in.skipNBytes(unread);
                }
                connection.shutdownOutput();
            }
        } catch (IOException | RuntimeException e) {
            // the connection is being closed anyway
        }
        Sockets.closeQuietly(connection);
    }

    /** Removes the connection from the unidentified ones; false when stop() already took it. */
    private boolean forget(SocketChannel connection) {
        synchronized (lock) {
            return pending.remove(connection);
        }
    }

    private Expected claim(String dstAddr) {
        Expected arrival;
        synchronized (lock) {
            arrival = expected.get(dstAddr);
        }
        return arrival != null && arrival.claim() ? arrival : null;
    }

    private void withdraw(Expected arrival) {
        synchronized (lock) {
            expected.remove(arrival.dstAddr, arrival);
        }
    }

    private static String remote(SocketChannel connection) {
        try {
            return String.valueOf(connection.getRemoteAddress());
        } catch (IOException e) {
            return "(unknown)";
        }
    }

    private static Thread daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }

    /** One announced stream, from the announcement until its connection is taken or withdrawn. */
    private final class Expected implements Arrival {

        private enum State { WAITING, CONNECTING, ARRIVED, TAKEN, CLOSED, STOPPED }

        final String dstAddr;
        private State state = State.WAITING; // guarded by this
        private SocketChannel connection; // guarded by this

        Expected(String dstAddr) {
            this.dstAddr = dstAddr;
        }

        /** A connection asked for this stream; a second one is refused while the first is being answered. */
        synchronized boolean claim() {
            if (state != State.WAITING) {
                return false;
            }
            state = State.CONNECTING;
            return true;
        }

        /** The claiming connection failed before it could be handed over: another may try. */
        synchronized void release() {
            if (state == State.CONNECTING) {
                state = State.WAITING;
            }
        }

        void arrived(SocketChannel channel) {
            synchronized (this) {
                if (state == State.CONNECTING) {
                    state = State.ARRIVED;
                    connection = channel;
                    notifyAll();
                    return;
                }
            }
            Sockets.closeQuietly(channel); // withdrawn while the reply was written
        }

        @Override
        public synchronized SocketChannel take(long timeoutMillis) throws StreamException, InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
            while (state == State.WAITING || state == State.CONNECTING) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return null;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            if (state == State.ARRIVED) {
                state = State.TAKEN;
                SocketChannel taken = connection;
                connection = null;
                return taken;
            }
            throw new StreamException(state == State.STOPPED ? StreamException.Kind.METHOD_GONE
                    : StreamException.Kind.BROKEN, "the direct streamhost no longer waits for this stream");
        }

        @Override
        public void close() {
            withdraw(this);
            end(State.CLOSED);
        }

        void stopped() {
            end(State.STOPPED);
        }

        private void end(State end) {
            SocketChannel unused = null;
            synchronized (this) {
                if (state == State.ARRIVED) {
                    unused = connection;
                    connection = null;
                }
                if (state != State.TAKEN) {
                    state = end;
                }
                notifyAll();
            }
            if (unused != null) {
                Sockets.closeQuietly(unused);
            }
        }
    }
}
