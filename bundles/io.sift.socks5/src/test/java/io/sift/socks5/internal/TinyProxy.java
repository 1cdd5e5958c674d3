package io.sift.socks5.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A SOCKS5 bytestreams proxy in the manner of XEP-0065's: both ends connect with the stream's
 * DST.ADDR (the target first), and bytes flow only after the initiator's activation.
 */
final class TinyProxy implements AutoCloseable {

    private final ServerSocketChannel server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final Map<String, List<SocketChannel>> byAddress = new HashMap<>(); // guarded by this
    private final List<SocketChannel> all = new ArrayList<>(); // guarded by this
    final AtomicInteger relayedBytes = new AtomicInteger();

    TinyProxy() throws IOException {
        server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress("127.0.0.1", 0));
        threads.execute(this::acceptLoop);
    }

    int port() throws IOException {
        return ((InetSocketAddress) server.getLocalAddress()).getPort();
    }

    private void acceptLoop() {
        try {
            while (true) {
                SocketChannel connection = server.accept();
                threads.execute(() -> identify(connection));
            }
        } catch (IOException closed) {
            // the test is over
        }
    }

    private void identify(SocketChannel connection) {
        try {
            OutputStream out = connection.socket().getOutputStream();
            ServerHandshake handshake = Socks5Server.readRequest(connection.socket().getInputStream(), out);
            if (handshake.status() != ServerHandshake.Status.REQUESTED) {
                throw new Socks5ProtocolException(handshake.failure());
            }
            String address = handshake.dstAddr();
            // known before the reply: the initiator activates as soon as it has read it
            synchronized (this) {
                byAddress.computeIfAbsent(address, a -> new ArrayList<>()).add(connection);
                all.add(connection);
            }
            Socks5Server.accept(handshake, out);
        } catch (IOException e) {
            Sockets.closeQuietly(connection);
        }
    }

    /** How many connections completed the SOCKS5 exchange for {@code address}. */
    synchronized int connected(String address) {
        return byAddress.getOrDefault(address, List.of()).size();
    }

    /**
     * Starts relaying between the two connections for {@code address}; false (an error for the
     * initiator) unless exactly both ends are there.
     */
    synchronized boolean activate(String address) {
        List<SocketChannel> ends = byAddress.remove(address);
        if (ends == null || ends.size() != 2) {
            return false;
        }
        SocketChannel target = ends.get(0);
        SocketChannel initiator = ends.get(1);
        threads.execute(() -> relay(initiator, target));
        return true;
    }

    private void relay(SocketChannel from, SocketChannel to) {
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        try {
            while (from.read(buffer) >= 0) {
                buffer.flip();
                relayedBytes.addAndGet(buffer.remaining());
                while (buffer.hasRemaining()) {
                    to.write(buffer);
                }
                buffer.clear();
            }
            to.shutdownOutput();
        } catch (IOException e) {
            // an end went away: the other one is closed below
        } finally {
            Sockets.closeQuietly(from);
            Sockets.closeQuietly(to);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        server.close();
        all.forEach(Sockets::closeQuietly);
        threads.shutdownNow();
    }
}
