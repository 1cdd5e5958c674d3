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

/**
 * A TCP relay on loopback that corrupts: it forwards every connection to a target, and in the
 * target-to-client direction inverts one byte at a fixed offset of each connection. Put in front of
 * a SOCKS5 streamhost, past its handshake, it corrupts the file's bytes as a faulty relay would.
 */
final class CorruptingRelay implements AutoCloseable {

    private final ServerSocket server;
    private final InetSocketAddress target;
    private final long flipAt;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicInteger flipped = new AtomicInteger();

    /**
     * Listens on a free port of {@code listen} and forwards to the same port of {@code target}, so that
     * a server there is reached through the relay by naming {@code listen} instead of {@code target}.
     *
     * @param flipAt the offset, counted from the first byte the target sends, of the byte to invert
     */
    CorruptingRelay(InetAddress listen, InetAddress target, long flipAt) throws IOException {
        if (!listen.isLoopbackAddress() || !target.isLoopbackAddress()) {
            throw new IllegalArgumentException("the relay works on loopback only");
        }
        this.server = new ServerSocket();
        this.server.bind(new InetSocketAddress(listen, 0));
        this.target = new InetSocketAddress(target, server.getLocalPort());
        this.flipAt = flipAt;
        Thread acceptor = new Thread(this::acceptLoop, "corrupting-relay");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** The port it listens on, and forwards to. */
    int port() {
        return server.getLocalPort();
    }

    /** How many bytes were inverted so far (one per connection that got that far). */
    int flipped() {
        return flipped.get();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket();
                upstream.connect(target, 5000);
                sockets.add(client);
                sockets.add(upstream);
                pump(client, upstream, -1, "relay-up");
                pump(upstream, client, flipAt, "relay-down");
            } catch (IOException e) {
                if (server.isClosed()) {
                    return;
                }
            }
        }
    }

    private void pump(Socket from, Socket to, long flipOffset, String name) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[64 * 1024];
            long position = 0;
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    if (flipOffset >= position && flipOffset < position + n) {
                        int at = (int) (flipOffset - position);
                        buffer[at] = (byte) ~buffer[at];
                        flipped.incrementAndGet();
                    }
                    out.write(buffer, 0, n);
                    position += n;
                }
            } catch (IOException e) {
                // one side closed or reset: the other side goes too
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, name);
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
        sockets.forEach(CorruptingRelay::closeQuietly);
    }
}
