package io.sift.connection.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

import org.junit.jupiter.api.Test;

class NoDelaySocketFactoryTest {

    @Test
    void unconnectedSocketHasNagleOff() throws Exception {
        try (Socket socket = new NoDelaySocketFactory().createSocket()) {
            assertTrue(socket.getTcpNoDelay());
        }
    }

    @Test
    void connectedSocketHasNagleOff() throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (ServerSocket server = new ServerSocket(0, 1, loopback);
                Socket socket = new NoDelaySocketFactory().createSocket(loopback, server.getLocalPort());
                Socket accepted = server.accept()) {
            assertTrue(socket.isConnected());
            assertTrue(socket.getTcpNoDelay());
        }
    }
}
