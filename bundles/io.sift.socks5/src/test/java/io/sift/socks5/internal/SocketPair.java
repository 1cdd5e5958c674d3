package io.sift.socks5.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/** Two connected TCP channels on 127.0.0.1. */
final class SocketPair implements AutoCloseable {

    final SocketChannel left;
    final SocketChannel right;

    SocketPair() throws IOException {
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress("127.0.0.1", 0));
            left = SocketChannel.open(server.getLocalAddress());
            right = server.accept();
        }
    }

    @Override
    public void close() {
        Sockets.closeQuietly(left);
        Sockets.closeQuietly(right);
    }
}
