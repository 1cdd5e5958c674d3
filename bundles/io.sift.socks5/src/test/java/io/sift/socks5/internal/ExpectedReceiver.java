package io.sift.socks5.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * A stream the direct streamhost expects, played out with real sockets: the receiver connects from
 * a loopback address of its own and runs the SOCKS5 exchange, then the initiator's side writes
 * data through the handed-over connection, which the receiver reads to its end.
 */
final class ExpectedReceiver {

    /** How it went: the exchange from before the connect to the reply, and the data after it. */
    record Served(long handshakeMillis, long transferMillis, boolean intact) {
    }

    private ExpectedReceiver() {
    }

    /**
     * Announces {@code dstAddr} at once and starts both sides on {@code threads}.
     *
     * @param local the receiver's loopback address, e.g. 127.0.0.10
     * @param timeoutMillis for the arrival and for each read
     */
    static Future<Served> start(DirectListener listener, String dstAddr, String local, byte[] data,
            ExecutorService threads, long timeoutMillis) throws Exception {
        DirectStreamhost.Arrival arrival = listener.expect(dstAddr);
        threads.execute(() -> {
            try (arrival; SocketChannel connection = arrival.take(timeoutMillis)) {
                if (connection != null) {
                    ByteBuffer out = ByteBuffer.wrap(data);
                    while (out.hasRemaining()) {
                        connection.write(out);
                    }
                }
            } catch (Exception e) {
                // the receiver's side reports what it missed
            }
        });
        return threads.submit(() -> receive(listener.port(), dstAddr, local, data, timeoutMillis));
    }

    private static Served receive(int port, String dstAddr, String local, byte[] data, long timeoutMillis)
            throws IOException {
        try (SocketChannel channel = SocketChannel.open()) {
            channel.bind(new InetSocketAddress(local, 0));
            long start = System.nanoTime();
            channel.connect(new InetSocketAddress("127.0.0.1", port));
            channel.socket().setSoTimeout((int) timeoutMillis);
            InputStream in = channel.socket().getInputStream();
            ClientHandshake.connect(in, channel.socket().getOutputStream(), dstAddr);
            long served = System.nanoTime();
            byte[] received = in.readAllBytes();
            long done = System.nanoTime();
            return new Served(TimeUnit.NANOSECONDS.toMillis(served - start), TimeUnit.NANOSECONDS.toMillis(done - served),
                    Arrays.equals(data, received));
        }
    }
}
