package io.sift.socks5.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.IntSupplier;

import org.osgi.service.log.Logger;

/**
 * The direct streamhost's one thread: it accepts connections and runs their SOCKS5 exchanges on
 * one selector without blocking, so an unidentified connection costs a few hundred bytes and no
 * thread. Within {@link PendingLimits}: each connection has a deadline counted from its accept,
 * and {@link Admission} picks who leaves when a source or the whole listener is full. A
 * connection that claimed an expected stream is no longer counted (nothing can push it out), and
 * once its reply is written it leaves in blocking mode for its arrival. Everything else that goes
 * wrong on a connection closes that connection only.
 */
final class HandshakeLoop implements Runnable {

    /** Names the thread, followed by the port. */
    static final String THREAD_PREFIX = "sift-socks5-listener-";
    /** Accepts in one go before the others' bytes are looked at again. */
    private static final int ACCEPTS_PER_ROUND = 64;
    /** How long accepting pauses after an accept error (e.g. out of file descriptors). */
    private static final long ACCEPT_ERROR_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long STOP_WAIT_MILLIS = 10_000;
    /** Reads of handshakes take only what they want; a refused client's rest is drained in these pieces. */
    private static final int SCRATCH_BYTES = 4096;

    private final Selector selector;
    private final List<ServerSocketChannel> servers;
    private final int port;
    private final PendingLimits limits;
    private final Function<String, DirectArrival> claims;
    private final Logger log;
    private final Thread thread;
    /** Reasons for the debug log, made once: a flood closes many connections for them. */
    private final String madeRoom;
    private final String late;
    private final ByteBuffer scratch = ByteBuffer.allocate(SCRATCH_BYTES);
    private final Admission<PendingConnection> unidentified;
    private final Set<PendingConnection> claimed = new HashSet<>();
    private final List<PendingConnection> handOvers = new ArrayList<>();
    private boolean acceptPaused;
    private long acceptResumesNanos;
    private volatile boolean stopping;
    private volatile int pending;

    /**
     * @param servers bound server channels; the loop closes them when it ends
     * @param claims claims the arrival expected for a DST.ADDR; null when none is (or one is connected)
     * @param awaited how many streams are expected now (each source may hold that many more connections)
     */
    HandshakeLoop(List<ServerSocketChannel> servers, int port, PendingLimits limits,
            Function<String, DirectArrival> claims, IntSupplier awaited, Logger log) throws IOException {
        this.servers = List.copyOf(servers);
        this.port = port;
        this.limits = limits;
        this.claims = claims;
        this.log = log;
        this.unidentified = new Admission<>(limits.total(), limits.perSource(), awaited, c -> c.source);
        this.madeRoom = "it made room for a newer one (at most " + limits.perSource() + " from one address, besides "
                + "one for each stream awaited, and " + limits.total() + " in all wait to identify their stream)";
        this.late = "it did not complete the SOCKS5 exchange within " + limits.deadlineMillis() + " ms";
        this.selector = Selector.open();
        try {
            for (ServerSocketChannel server : this.servers) {
                server.configureBlocking(false);
                server.register(selector, SelectionKey.OP_ACCEPT);
            }
        } catch (IOException | RuntimeException e) {
            selector.close();
            throw e;
        }
        this.thread = new Thread(this, THREAD_PREFIX + port);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Ends the loop; on return the port is free and every connection it held is closed. */
    void stop() {
        stopping = true;
        selector.wakeup();
        try {
            thread.join(STOP_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            log.warn("Direct SOCKS5 streamhost on port {}: its thread did not end within {} ms.", port,
                    STOP_WAIT_MILLIS);
        }
    }

    /** Connections accepted and not yet handed over. */
    int pendingCount() {
        return pending;
    }

    @Override
    public void run() {
        try {
            while (!stopping) {
                selector.select(this::ready, selectTimeoutMillis());
                finishHandOvers();
                expire();
                resumeAccepting();
                recount();
            }
        } catch (IOException | RuntimeException e) {
            // the selector itself failed: no client's doing, each connection's errors are caught
            log.error("Direct SOCKS5 streamhost on port {} stopped: {}", port, e.toString());
        } finally {
            closeAll();
        }
    }

    private void ready(SelectionKey key) {
        if (!key.isValid()) {
            return; // closed earlier in this round, e.g. to make room
        }
        if (key.attachment() instanceof PendingConnection connection) {
            progress(connection);
        } else {
            accept((ServerSocketChannel) key.channel());
        }
    }

    private void accept(ServerSocketChannel server) {
        for (int i = 0; i < ACCEPTS_PER_ROUND; i++) {
            SocketChannel channel;
            try {
                channel = server.accept();
            } catch (IOException e) {
                log.warn("Direct SOCKS5 streamhost on port {}: accept failed: {}", port, e.toString());
                pauseAccepting();
                return;
            }
            if (channel == null) {
                return;
            }
            admit(channel);
        }
    }

    private void admit(SocketChannel channel) {
        PendingConnection connection;
        try {
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, Boolean.TRUE);
            connection = new PendingConnection(channel, (InetSocketAddress) channel.getRemoteAddress(),
                    System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(limits.deadlineMillis()));
            connection.register(selector);
        } catch (IOException | RuntimeException e) {
            Sockets.closeQuietly(channel); // reset before it could be looked at
            return;
        }
        for (PendingConnection leaving : unidentified.admit(connection)) {
            close(leaving, madeRoom);
        }
    }

    private void progress(PendingConnection connection) {
        PendingConnection.Progress progress;
        try {
            progress = connection.advance(scratch, claims);
        } catch (IOException | RuntimeException e) {
            close(connection, e.getMessage());
            return;
        }
        switch (progress) {
            case WAITING -> {
                // until the client sends more, or has room for the reply
            }
            case CLAIMED -> {
                unidentified.remove(connection);
                claimed.add(connection);
            }
            case IDENTIFIED -> {
                unidentified.remove(connection);
                claimed.remove(connection);
                connection.deregister();
                handOvers.add(connection);
            }
            case FAILED -> close(connection, connection.failure());
        }
    }

    /**
     * Hands identified connections over in blocking mode. A channel may only block once the
     * selector has dropped its cancelled key, which happens at the next selection; that one may
     * identify further connections, so this repeats until none is left.
     */
    private void finishHandOvers() throws IOException {
        while (!handOvers.isEmpty()) {
            List<PendingConnection> batch = new ArrayList<>(handOvers);
            handOvers.clear();
            selector.selectNow(this::ready);
            recount(); // before the arrivals see them: a handed-over connection is no longer pending
            for (PendingConnection connection : batch) {
                try {
                    connection.handOver();
                } catch (IOException | RuntimeException e) {
                    log.debug("Direct SOCKS5 streamhost on port {}: could not hand over the connection from {}: {}",
                            port, connection.remote, e.toString());
                    connection.abandon();
                }
            }
        }
    }

    /** Closes the connections whose deadline passed; the oldest unidentified one has the nearest. */
    private void expire() {
        long now = System.nanoTime();
        PendingConnection oldest;
        while ((oldest = unidentified.oldest()) != null && now - oldest.deadlineNanos >= 0) {
            close(oldest, late);
        }
        for (PendingConnection connection : List.copyOf(claimed)) {
            if (now - connection.deadlineNanos >= 0) {
                close(connection, late);
            }
        }
    }

    /** Until the nearest deadline or the end of an accept pause; 0 (no limit) when nothing waits. */
    private long selectTimeoutMillis() {
        long now = System.nanoTime();
        long nearest = Long.MAX_VALUE;
        PendingConnection oldest = unidentified.oldest();
        if (oldest != null) {
            nearest = Math.min(nearest, oldest.deadlineNanos - now);
        }
        for (PendingConnection connection : claimed) {
            nearest = Math.min(nearest, connection.deadlineNanos - now);
        }
        if (acceptPaused) {
            nearest = Math.min(nearest, acceptResumesNanos - now);
        }
        if (nearest == Long.MAX_VALUE) {
            return 0;
        }
        // rounded up, so that the deadline has passed on waking; at least 1 since 0 means forever
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(nearest + TimeUnit.MILLISECONDS.toNanos(1) - 1));
    }

    private void pauseAccepting() {
        acceptPaused = true;
        acceptResumesNanos = System.nanoTime() + ACCEPT_ERROR_PAUSE_NANOS;
        setAcceptInterest(0);
    }

    private void resumeAccepting() {
        if (acceptPaused && System.nanoTime() - acceptResumesNanos >= 0) {
            acceptPaused = false;
            setAcceptInterest(SelectionKey.OP_ACCEPT);
        }
    }

    private void setAcceptInterest(int ops) {
        for (ServerSocketChannel server : servers) {
            SelectionKey key = server.keyFor(selector);
            if (key != null && key.isValid()) {
                key.interestOps(ops);
            }
        }
    }

    private void recount() {
        pending = unidentified.size() + claimed.size() + handOvers.size();
    }

    private void close(PendingConnection connection, String why) {
        unidentified.remove(connection);
        claimed.remove(connection);
        log.debug("Direct SOCKS5 streamhost on port {}: closed the connection from {}: {}", port, connection.remote,
                why);
        connection.closeRefused(scratch);
    }

    private void closeAll() {
        List<PendingConnection> all = new ArrayList<>(unidentified.clear());
        all.addAll(claimed);
        all.addAll(handOvers);
        claimed.clear();
        handOvers.clear();
        all.forEach(PendingConnection::abandon);
        servers.forEach(Sockets::closeQuietly);
        try {
            // closing the selector releases the channels registered with it, and with them the port
            selector.close();
        } catch (IOException e) {
            log.warn("Direct SOCKS5 streamhost on port {}: {}", port, e.toString());
        }
        pending = 0;
    }
}
