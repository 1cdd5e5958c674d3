package io.sift.itests;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * A TCP relay on loopback in front of a server that can stop reading what clients send, as a server
 * that has stopped answering does, and then cut every connection, as a network that breaks does.
 * It keeps the first bytes of every connection a client opened, to show what a client wrote first.
 */
final class StallingRelay extends LoopbackRelay {

    private static final int OPENING_BYTES = 64;

    private final ConcurrentSkipListMap<Integer, String> openings = new ConcurrentSkipListMap<>();
    private final Object gate = new Object();
    private boolean stalled; // guarded by gate

    /** Listens on a free port of 127.0.0.1 and forwards to {@code targetPort} there. */
    StallingRelay(int targetPort) throws IOException {
        super(InetAddress.getByName(LocalProsody.HOST),
                port -> new InetSocketAddress(LocalProsody.HOST, targetPort), "stalling-relay");
        start();
    }

    /** From now on nothing clients send is read, so their sockets fill up and their writes block. */
    void stall() {
        synchronized (gate) {
            stalled = true;
        }
    }

    /** Closes every connection open now; connections made afterwards are relayed as usual. */
    void cut() {
        synchronized (gate) {
            closeConnections();
            stalled = false;
            gate.notifyAll();
        }
    }

    /**
     * The first bytes (up to 64, as text) clients sent on each connection that sent any, in the order
     * they connected.
     */
    List<String> openings() {
        return List.copyOf(openings.values());
    }

    @Override
    boolean mayRead(Socket from, boolean fromClient) throws InterruptedException {
        if (!fromClient) {
            return true;
        }
        synchronized (gate) {
            while (stalled && !from.isClosed()) {
                gate.wait();
            }
            return !from.isClosed();
        }
    }

    @Override
    void passing(int connection, boolean fromClient, byte[] buffer, int length, long position) {
        if (fromClient && position < OPENING_BYTES) {
            String more = new String(buffer, 0, (int) Math.min(length, OPENING_BYTES - position),
                    StandardCharsets.ISO_8859_1);
            openings.merge(connection, more, String::concat);
        }
    }
}
