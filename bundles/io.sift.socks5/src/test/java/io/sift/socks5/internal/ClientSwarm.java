package io.sift.socks5.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Many raw client connections on loopback, driven and watched from the test's thread without a
 * thread each: what every one received, whether it trickles bytes, and when the server ended it.
 * {@link #poll} does one round of that; tests call it from {@link Await}.
 */
final class ClientSwarm implements AutoCloseable {

    /** One connection of the swarm. */
    static final class Client {
        final SocketChannel channel;
        final long openedNanos;
        final ByteArrayOutputStream received = new ByteArrayOutputStream();
        private byte[] trickle = new byte[0];
        private int trickled;
        private long pauseNanos;
        private long nextByteNanos;
        private long endedNanos;
        private boolean reset;

        private Client(SocketChannel channel, long openedNanos) {
            this.channel = channel;
            this.openedNanos = openedNanos;
        }

        boolean ended() {
            return endedNanos != 0;
        }

        /** Whether the server ended it with a reset rather than in order. */
        boolean wasReset() {
            return reset;
        }

        /** From just before its connect until the server ended it. */
        long livedMillis() {
            return TimeUnit.NANOSECONDS.toMillis(endedNanos - openedNanos);
        }

        byte[] bytes() {
            return received.toByteArray();
        }
    }

    /** Waiting for events, not for time: it leaves the processor to the server meanwhile. */
    private static final long POLL_MILLIS = 10;

    private final Selector selector;
    private final int port;
    private final List<Client> clients = new ArrayList<>();
    private final ByteBuffer buffer = ByteBuffer.allocate(4096);

    ClientSwarm(int port) throws IOException {
        this.selector = Selector.open();
        this.port = port;
    }

    /** Connects from {@code local} (a loopback address, so 127.0.0.x stands for another host) to 127.0.0.1. */
    Client open(String local) throws IOException {
        SocketChannel channel = SocketChannel.open();
        try {
            channel.bind(new InetSocketAddress(local, 0));
            // before the connect: the server's accept, and so its deadline, can only come later
            long opened = System.nanoTime();
            channel.connect(new InetSocketAddress("127.0.0.1", port));
            channel.configureBlocking(false);
            Client client = new Client(channel, opened);
            channel.register(selector, SelectionKey.OP_READ, client);
            clients.add(client);
            return client;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Sends a few bytes at once; a client the server already ended takes nothing more. */
    void send(Client client, byte[] bytes) {
        try {
            ByteBuffer out = ByteBuffer.wrap(bytes);
            while (out.hasRemaining() && !client.ended()) {
                client.channel.write(out);
            }
        } catch (IOException ended) {
            end(client, true);
        }
    }

    /** Half-closes: the server reads an end of stream after what was sent. */
    void finishSending(Client client) {
        try {
            if (!client.ended()) {
                client.channel.shutdownOutput();
            }
        } catch (IOException ended) {
            end(client, true);
        }
    }

    /** From now on {@link #poll} sends it one byte of {@code bytes} every {@code pauseMillis}. */
    void trickle(Client client, byte[] bytes, long pauseMillis) {
        client.trickle = bytes.clone();
        client.trickled = 0;
        client.pauseNanos = TimeUnit.MILLISECONDS.toNanos(pauseMillis);
        client.nextByteNanos = System.nanoTime();
    }

    /**
     * Waits up to a few milliseconds for bytes, reads what arrived, notes who was ended and sends the
     * trickles' due bytes; returns how many are ended.
     */
    int poll() {
        try {
            selector.select(key -> read((Client) key.attachment()), POLL_MILLIS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long now = System.nanoTime();
        for (Client client : clients) {
            if (!client.ended() && client.trickled < client.trickle.length && now - client.nextByteNanos >= 0) {
                send(client, new byte[] {client.trickle[client.trickled++]});
                client.nextByteNanos = now + client.pauseNanos;
            }
        }
        return ended();
    }

    int ended() {
        return (int) clients.stream().filter(Client::ended).count();
    }

    List<Client> clients() {
        return List.copyOf(clients);
    }

    private void read(Client client) {
        try {
            int n;
            while ((n = client.channel.read(buffer.clear())) > 0) {
                client.received.write(buffer.array(), 0, n);
            }
            if (n < 0) {
                end(client, false);
            }
        } catch (IOException reset) {
            end(client, true);
        }
    }

    private void end(Client client, boolean reset) {
        if (!client.ended()) {
            client.endedNanos = System.nanoTime();
            client.reset = reset;
            Sockets.closeQuietly(client.channel); // its descriptor is not needed any more
        }
    }

    @Override
    public void close() throws IOException {
        clients.forEach(c -> Sockets.closeQuietly(c.channel));
        selector.close();
    }
}
