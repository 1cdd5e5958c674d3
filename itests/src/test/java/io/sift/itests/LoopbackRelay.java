package io.sift.itests;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * A TCP relay on loopback: it forwards every connection it accepts to a target, one thread per
 * direction, and lets a subclass see (and change) the bytes as they pass or hold a direction back.
 * When either side of a connection closes, both go.
 */
abstract class LoopbackRelay implements AutoCloseable {

    private final ServerSocket server;
    private final InetSocketAddress target;
    private final String name;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();

    /**
     * Listens on a free port of {@code listen}; {@link #start()} begins accepting.
     *
     * @param targetOf the target, given the port the relay listens on
     */
    LoopbackRelay(InetAddress listen, IntFunction<InetSocketAddress> targetOf, String name) throws IOException {
        if (!listen.isLoopbackAddress()) {
            throw new IllegalArgumentException("the relay works on loopback only");
        }
        this.server = new ServerSocket();
        this.server.bind(new InetSocketAddress(listen, 0));
        this.target = targetOf.apply(server.getLocalPort());
        if (!target.getAddress().isLoopbackAddress()) {
            server.close();
            throw new IllegalArgumentException("the relay works on loopback only");
        }
        this.name = name;
    }

    /** Called by the subclass once it is fully built: its hooks run on the relay's threads. */
    final void start() {
        Thread acceptor = new Thread(this::acceptLoop, name);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** The port it listens on. */
    final int port() {
        return server.getLocalPort();
    }

    /**
     * Bytes read from one side, before they are written to the other.
     *
     * @param connection the connection's number, from 0 in the order they were accepted
     * @param fromClient whether they go from the client to the target
     * @param position how many bytes went this way on this connection before them
     */
    void passing(int connection, boolean fromClient, byte[] buffer, int length, long position) {
    }

    /** Called before each read in either direction; may wait. False ends the connection. */
    boolean mayRead(Socket from, boolean fromClient) throws InterruptedException {
        return true;
    }

    /** Closes every connection open now. */
    final void closeConnections() {
        sockets.forEach(LoopbackRelay::closeQuietly);
        sockets.clear();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket();
                upstream.connect(target, 5000);
                int connection = connections.getAndIncrement();
                sockets.add(client);
                sockets.add(upstream);
                pump(connection, client, upstream, true);
                pump(connection, upstream, client, false);
            } catch (IOException e) {
                if (server.isClosed()) {
                    return;
                }
            }
        }
    }

    private void pump(int connection, Socket from, Socket to, boolean fromClient) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[64 * 1024];
            long position = 0;
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                while (mayRead(from, fromClient)) {
                    int n = in.read(buffer);
                    if (n < 0) {
                        return;
                    }
                    passing(connection, fromClient, buffer, n, position);
                    out.write(buffer, 0, n);
                    position += n;
                }
            } catch (IOException | InterruptedException e) {
                // one side closed or reset, or the relay closed it: the other side goes too
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, name + (fromClient ? "-up" : "-down"));
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        closeConnections();
    }
}
