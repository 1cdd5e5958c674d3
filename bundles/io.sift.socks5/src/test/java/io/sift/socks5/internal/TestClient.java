package io.sift.socks5.internal;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.channels.SocketChannel;

/** A raw TCP client on loopback (127.0.0.1 unless told) that sends whatever a test wants. */
final class TestClient implements AutoCloseable {

    final SocketChannel channel;
    final InputStream in;
    final OutputStream out;

    TestClient(int port) throws IOException {
        this("127.0.0.1", port);
    }

    /** @param host a loopback address */
    TestClient(String host, int port) throws IOException {
        channel = SocketChannel.open(new InetSocketAddress(host, port));
        channel.socket().setSoTimeout(5000);
        in = channel.socket().getInputStream();
        out = channel.socket().getOutputStream();
    }

    TestClient send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    /** Runs the whole client handshake; throws when the server refuses. */
    TestClient handshake(String dstAddr) throws IOException {
        ClientHandshake.connect(in, out, dstAddr);
        return this;
    }

    /**
     * Reads until the server ends the connection in order, and returns what came before. Fails if
     * the server resets the connection (a client could lose the refusal reply) or keeps it open for 5 s.
     */
    byte[] untilClosed() throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] buffer = new byte[256];
        try {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                received.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException e) {
            fail("the server kept the connection open; received " + received.size() + " bytes");
        } catch (IOException reset) {
            fail("the server reset the connection after " + received.size() + " bytes: " + reset);
        }
        return received.toByteArray();
    }

    /** Waits until the server ends the connection in any way: in order or with a reset. */
    void untilEndedAnyway() throws IOException {
        try {
            while (in.read(new byte[256]) >= 0) {
                // whatever came before the end
            }
        } catch (SocketTimeoutException e) {
            fail("the server kept the connection open");
        } catch (IOException reset) {
            // ended with a reset
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
