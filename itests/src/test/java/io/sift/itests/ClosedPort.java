package io.sift.itests;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** A port on 127.0.0.1 where nothing listens: connections to it are refused at once. */
final class ClosedPort {

    private ClosedPort() {
    }

    static int find() throws IOException {
        // a port the system just handed out and that was closed again
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
