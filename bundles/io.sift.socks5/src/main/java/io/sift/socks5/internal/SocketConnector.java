package io.sift.socks5.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.UnknownHostException;
import java.nio.channels.SocketChannel;

import io.sift.common.Printable;

/** {@link StreamhostConnector} over TCP sockets. */
final class SocketConnector implements StreamhostConnector {

    private final long connectTimeoutMillis;
    private final long handshakeTimeoutMillis;

    SocketConnector(long connectTimeoutMillis, long handshakeTimeoutMillis) {
        this.connectTimeoutMillis = connectTimeoutMillis;
        this.handshakeTimeoutMillis = handshakeTimeoutMillis;
    }

    @Override
    public Attempt attempt(Streamhost streamhost, String dstAddr) {
        return new SocketAttempt(streamhost, dstAddr);
    }

    private final class SocketAttempt implements Attempt {

        private final Streamhost streamhost;
        private final String dstAddr;
        private SocketChannel channel; // guarded by this
        private boolean cancelled; // guarded by this

        SocketAttempt(Streamhost streamhost, String dstAddr) {
            this.streamhost = streamhost;
            this.dstAddr = dstAddr;
        }

        @Override
        public SocketChannel connect() throws IOException {
            SocketChannel connection = SocketChannel.open();
            synchronized (this) {
                if (cancelled) {
                    connection.close();
                    throw new IOException("the attempt was cancelled");
                }
                channel = connection;
            }
            try {
                // a host name is looked up here; a literal is not
                InetSocketAddress address = new InetSocketAddress(Hosts.unbracketed(streamhost.host()), streamhost.port());
                if (address.isUnresolved()) {
                    throw new UnknownHostException("cannot resolve " + Printable.of(streamhost.host()));
                }
                connection.socket().connect(address, (int) Math.min(Integer.MAX_VALUE, connectTimeoutMillis));
                connection.setOption(StandardSocketOptions.TCP_NODELAY, Boolean.TRUE);
                ClientHandshake.connect(new DeadlineInput(connection.socket(), handshakeTimeoutMillis),
                        connection.socket().getOutputStream(), dstAddr);
                return connection;
            } catch (IOException | RuntimeException e) {
                Sockets.closeQuietly(connection);
                throw e;
            }
        }

        @Override
        public void cancel() {
            SocketChannel connection;
            synchronized (this) {
                cancelled = true;
                connection = channel;
            }
            if (connection != null) {
                Sockets.closeQuietly(connection);
            }
        }
    }
}
