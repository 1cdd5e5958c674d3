package io.sift.socks5.internal;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.function.Function;

/**
 * An accepted connection while it runs the SOCKS5 exchange in non-blocking mode: its channel, its
 * handshake, its deadline and, once its request named an expected stream, that stream's arrival.
 * Only the handshake thread uses it.
 */
final class PendingConnection {

    /** Where a connection stands after {@link #advance}. */
    enum Progress {
        /** It waits for the client (or for room to write) and has not identified a stream. */
        WAITING,
        /** It claimed an expected stream and waits for room to write the reply. */
        CLAIMED,
        /** The reply is out: the connection is to be handed to its arrival. */
        IDENTIFIED,
        /** The exchange failed: the connection is to be closed. */
        FAILED
    }

    /** At most this much of a refused client's unread input is read before closing. */
    private static final int MAX_DRAINED_BYTES = 64 * 1024;

    final SocketChannel channel;
    final InetSocketAddress remote;
    final Object source;
    final long deadlineNanos;
    private final ServerHandshake handshake = new ServerHandshake();
    private SelectionKey key;
    private DirectArrival arrival;

    PendingConnection(SocketChannel channel, InetSocketAddress remote, long deadlineNanos) {
        this.channel = channel;
        this.remote = remote;
        this.source = Admission.source(remote.getAddress());
        this.deadlineNanos = deadlineNanos;
    }

    void register(Selector selector) throws ClosedChannelException {
        key = channel.register(selector, SelectionKey.OP_READ, this);
    }

    /**
     * Reads and writes what it can without waiting. The handshake takes only the bytes it wants, so
     * whatever the client sent after its request stays in the connection for the stream.
     *
     * @param scratch the handshake thread's buffer for reading
     * @param claims the arrival that a DST.ADDR claims, or null when none is expected (or one is connected)
     * @throws IOException the connection broke or the client ended it in the middle
     */
    Progress advance(ByteBuffer scratch, Function<String, DirectArrival> claims) throws IOException {
        while (true) {
            ByteBuffer output = handshake.output();
            if (output.hasRemaining()) {
                channel.write(output);
                if (output.hasRemaining()) {
                    key.interestOps(SelectionKey.OP_WRITE);
                    return arrival == null ? Progress.WAITING : Progress.CLAIMED;
                }
            }
            switch (handshake.status()) {
                case READING -> {
                    scratch.clear().limit(handshake.wanted());
                    int n = channel.read(scratch);
                    if (n < 0) {
                        throw new EOFException("it ended in the middle of the SOCKS5 exchange");
                    }
                    if (n == 0) {
                        key.interestOps(SelectionKey.OP_READ);
                        return Progress.WAITING;
                    }
                    handshake.receive(scratch.flip());
                }
                case REQUESTED -> {
                    arrival = claims.apply(handshake.dstAddr());
                    if (arrival == null) {
                        handshake.refuse();
                    } else {
                        handshake.accept();
                    }
                }
                case ACCEPTED -> {
                    return Progress.IDENTIFIED;
                }
                case FAILED -> {
                    return Progress.FAILED;
                }
            }
        }
    }

    /** Why the exchange failed, after {@link Progress#FAILED}. */
    String failure() {
        return handshake.failure();
    }

    /** Leaves the selector; the channel can block once the selector has flushed the key. */
    void deregister() {
        key.cancel();
    }

    /** Gives an identified connection, in blocking mode, to its arrival; needs {@link #deregister} and a selection since. */
    void handOver() throws IOException {
        channel.configureBlocking(true);
        arrival.arrived(channel);
        arrival = null;
    }

    /**
     * Closes with an orderly end. Closing a socket with unread bytes makes the system send a reset,
     * which can destroy the refusal before the client reads it; so what the client already sent (a
     * bounded amount) is read and dropped first.
     */
    void closeRefused(ByteBuffer scratch) {
        try {
            if (channel.isOpen() && !channel.isBlocking()) {
                int drained = 0;
                int n;
                do {
                    n = channel.read(scratch.clear());
                    drained += n;
                } while (n > 0 && drained < MAX_DRAINED_BYTES);
                channel.shutdownOutput();
            }
        } catch (IOException | RuntimeException e) {
            // the connection is being closed anyway
        }
        abandon();
    }

    /** Closes at once; an arrival it claimed may be claimed again. */
    void abandon() {
        if (arrival != null) {
            arrival.release();
            arrival = null;
        }
        Sockets.closeQuietly(channel);
    }
}
