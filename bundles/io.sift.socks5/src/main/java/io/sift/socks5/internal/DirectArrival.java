package io.sift.socks5.internal;

import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.sift.spi.StreamException;

/** One announced stream at the direct streamhost, from the announcement until its connection is taken or withdrawn. */
final class DirectArrival implements DirectStreamhost.Arrival {

    private enum State { WAITING, CONNECTING, ARRIVED, TAKEN, CLOSED, STOPPED }

    final String dstAddr;
    private final Consumer<DirectArrival> withdraw;
    private State state = State.WAITING; // guarded by this
    private SocketChannel connection; // guarded by this

    /** @param withdraw removes the announcement from the listener when it is closed */
    DirectArrival(String dstAddr, Consumer<DirectArrival> withdraw) {
        this.dstAddr = dstAddr;
        this.withdraw = withdraw;
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

    /** The claiming connection got its reply: it is handed over (or closed, when withdrawn meanwhile). */
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
        withdraw.accept(this);
        end(State.CLOSED);
    }

    /** The listener stopped. */
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
