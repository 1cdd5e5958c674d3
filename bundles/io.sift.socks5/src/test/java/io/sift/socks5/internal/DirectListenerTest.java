package io.sift.socks5.internal;

import static io.sift.socks5.internal.Bytes.HASH;
import static io.sift.socks5.internal.Bytes.ascii;
import static io.sift.socks5.internal.Bytes.concat;
import static io.sift.socks5.internal.Bytes.connect;
import static io.sift.socks5.internal.Bytes.greeting;
import static io.sift.socks5.internal.Bytes.of;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.sift.spi.StreamException;

/** The direct streamhost on 127.0.0.1 against well-behaved and hostile clients. */
class DirectListenerTest {

    private static final String OTHER = "0000000000000000000000000000000000000000";
    private static final byte[] VALID = concat(greeting(), connect(HASH));

    private final TestLog log = new TestLog();
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private DirectListener listener;

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
        if (listener != null) {
            listener.stop();
        }
    }

    private DirectListener start(long deadlineMillis, int total, int perSource) throws IOException {
        listener = DirectListener.start(List.of(InetAddress.getByName("127.0.0.1")), 0, List.of("127.0.0.1"),
                new PendingLimits(deadlineMillis, total, perSource), log.logger());
        return listener;
    }

    private DirectListener start(long deadlineMillis) throws IOException {
        return start(deadlineMillis, 8, 8);
    }

    private TestClient client() throws IOException {
        TestClient client = new TestClient(listener.port());
        toClose.add(client);
        return client;
    }

    /** A valid connection for HASH succeeds and carries bytes both ways. */
    private void assertUsable(DirectStreamhost.Arrival arrival) throws Exception {
        TestClient client = client().handshake(HASH);
        SocketChannel accepted = arrival.take(5000);
        assertNotNull(accepted);
        toClose.add(accepted);
        client.send(ascii("ping"));
        ByteBuffer buffer = ByteBuffer.allocate(4);
        while (buffer.hasRemaining()) {
            accepted.read(buffer);
        }
        assertArrayEquals(ascii("ping"), buffer.array());
    }

    @Test
    void expectedConnectionIsAcceptedWithAnExactEchoAndHandedOver() throws Exception {
        start(5000);
        DirectStreamhost.Arrival arrival = listener.expect(HASH);
        TestClient client = client().send(VALID);
        byte[] reply = client.in.readNBytes(2 + 47);
        assertArrayEquals(concat(of(5, 0), of(5, 0, 0, 3, 40), ascii(HASH), of(0, 0)), reply);
        SocketChannel accepted = arrival.take(5000);
        assertNotNull(accepted);
        toClose.add(accepted);
        assertTrue(accepted.isBlocking());
        accepted.write(ByteBuffer.wrap(ascii("pong")));
        assertArrayEquals(ascii("pong"), client.in.readNBytes(4));
        assertEquals(0, listener.pendingCount());
    }

    @Test
    void advertisesItsPortAndConfiguredAddresses() throws Exception {
        start(5000);
        assertEquals(List.of("127.0.0.1"), listener.addresses());
        assertTrue(listener.port() > 0);
    }

    @Test
    void unknownAddressIsRefusedWithHostUnreachableAndTheSessionStaysUsable() throws Exception {
        start(5000);
        DirectStreamhost.Arrival arrival = listener.expect(HASH);
        TestClient hostile = client();
        IOException e = assertThrows(Socks5ProtocolException.class, () -> hostile.handshake(OTHER));
        assertTrue(e.getMessage().contains("reply code 4"), e.getMessage());
        hostile.untilClosed();
        assertUsable(arrival);
    }

    @Test
    void secondConnectionForAConnectedStreamIsRefused() throws Exception {
        start(5000);
        DirectStreamhost.Arrival arrival = listener.expect(HASH);
        assertUsable(arrival);
        TestClient second = client();
        assertThrows(Socks5ProtocolException.class, () -> second.handshake(HASH));
        second.untilClosed();
    }

    static IntStream truncations() {
        return IntStream.range(0, VALID.length);
    }

    @ParameterizedTest
    @MethodSource("truncations")
    void truncatedExchangeClosesOnlyThatConnection(int length) throws Exception {
        start(5000);
        DirectStreamhost.Arrival arrival = listener.expect(HASH);
        TestClient truncated = client().send(Bytes.prefix(VALID, length));
        truncated.channel.shutdownOutput();
        byte[] received = truncated.untilClosed();
        // the method choice was sent once the greeting was complete, and nothing else
        assertArrayEquals(length >= 3 ? of(5, 0) : new byte[0], received);
        assertUsable(arrival);
        Await.until("no connection pending", () -> listener.pendingCount() == 0);
    }

    static List<byte[]> hostileRequests() {
        List<byte[]> requests = new ArrayList<>();
        requests.add(ascii("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"));
        requests.add(concat(of(4, 1, 0), connect(HASH)));                  // SOCKS4 greeting
        requests.add(concat(of(5, 1, 2), connect(HASH)));                  // username/password only
        byte[] version = connect(HASH);
        version[0] = 4;
        requests.add(concat(greeting(), version));
        byte[] bind = connect(HASH);
        bind[1] = 2;
        requests.add(concat(greeting(), bind));                             // BIND
        requests.add(concat(greeting(), of(5, 1, 0, 1, 127, 0, 0, 1, 0, 80))); // IPv4 address
        requests.add(concat(greeting(), connect(HASH.substring(1))));       // 39 characters
        requests.add(concat(greeting(), connect(HASH + "0")));              // 41 characters
        requests.add(concat(greeting(), connect("<iq type='set'/>" + HASH.substring(16))));
        byte[] random = new byte[300];
        new java.util.Random(7).nextBytes(random);
        random[0] = 5;
        requests.add(random);
        return requests;
    }

    @ParameterizedTest
    @MethodSource("hostileRequests")
    void malformedExchangeClosesOnlyThatConnection(byte[] request) throws Exception {
        start(5000);
        DirectStreamhost.Arrival arrival = listener.expect(HASH);
        TestClient hostile = client().send(request);
        byte[] received = hostile.untilClosed();
        // at most the method choice and a refusal, never a success reply
        assertTrue(received.length <= 12, "received " + received.length + " bytes");
        assertTrue(received.length < 4 || received[3] != 0, "a success reply: " + java.util.Arrays.toString(received));
        assertUsable(arrival);
    }

    @Test
    void silentClientIsClosedAfterTheAcceptTimeoutWhileOthersProceed() throws Exception {
        start(400);
        DirectStreamhost.Arrival arrival = listener.expect(HASH);
        long start = System.nanoTime();
        TestClient slow = client().send(of(5));
        assertUsable(arrival);
        slow.untilClosed();
        long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(elapsed >= 350, "closed after " + elapsed + " ms");
        Await.until("no connection pending", () -> listener.pendingCount() == 0);
    }

    @Test
    void clientThatTricklesBytesCannotStretchTheAcceptTimeout() throws Exception {
        start(500);
        TestClient trickle = client();
        trickle.channel.socket().setSoTimeout(1000);
        long start = System.nanoTime();
        // one byte a second (the read timeout paces it) would take 50 s for the whole exchange; a close
        // well before half of that, however busy the machine, is the 500 ms limit at work
        try {
            for (byte b : VALID) {
                trickle.send(new byte[] {b});
                try {
                    if (trickle.in.read(new byte[2]) < 0) {
                        break;
                    }
                } catch (java.net.SocketTimeoutException nothingYet) {
                    // the pace of this client
                }
            }
        } catch (IOException closed) {
            // the server closed it: expected
        }
        long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(elapsed < 25_000, "the trickling client was kept for " + elapsed + " ms");
    }

    @Test
    void aNewcomerAtTheLimitClosesTheOldestUnidentifiedConnection() throws Exception {
        start(10_000, 3, 2);
        // the one awaited stream lets an address hold one connection more than the 2 configured
        DirectStreamhost.Arrival arrival = listener.expect(HASH);
        List<TestClient> idle = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            idle.add(client());
            int pending = i;
            Await.until(pending + " pending", () -> listener.pendingCount() == pending);
        }
        TestClient fourth = client();
        assertArrayEquals(new byte[0], idle.get(0).untilClosed());
        assertEquals(3, listener.pendingCount());
        for (TestClient client : idle.subList(1, 3)) {
            client.close();
        }
        fourth.close();
        Await.until("none pending", () -> listener.pendingCount() == 0);
        assertUsable(arrival);
    }

    /**
     * A receiver of many files at once opens a connection for each, all from one address and all
     * before the streamhost has read a byte of the first: none of them is pushed out by the others.
     * Once the streams are set up, the address has its configured limit again.
     */
    @Test
    void aReceiverOfManyStreamsAtOnceKeepsEveryConnection() throws Exception {
        start(10_000, 1024, 2);
        int streams = 16;
        List<String> hashes = IntStream.range(0, streams).mapToObj(i -> String.format("%040x", i)).toList();
        List<DirectStreamhost.Arrival> arrivals = new ArrayList<>();
        for (String hash : hashes) {
            arrivals.add(listener.expect(hash));
        }
        List<TestClient> clients = new ArrayList<>();
        for (int i = 0; i < streams; i++) {
            clients.add(client());
        }
        Await.until("every connection pending", () -> listener.pendingCount() == streams);
        for (int i = 0; i < streams; i++) {
            clients.get(i).handshake(hashes.get(i));
        }
        for (DirectStreamhost.Arrival arrival : arrivals) {
            SocketChannel accepted = arrival.take(5000);
            assertNotNull(accepted);
            toClose.add(accepted);
            arrival.close(); // set up: no longer awaited
        }
        assertTrue(log.lines("debug").stream().noneMatch(l -> l.contains("made room")), log.lines().toString());

        TestClient first = client();
        Await.until("one pending", () -> listener.pendingCount() == 1);
        TestClient second = client();
        Await.until("two pending", () -> listener.pendingCount() == 2);
        client();
        assertArrayEquals(new byte[0], first.untilClosed());
        second.close();
    }

    @Test
    void anExchangeSentOneByteAtATimeIsServed() throws Exception {
        start(5000);
        DirectStreamhost.Arrival arrival = listener.expect(HASH);
        TestClient client = client();
        // each byte its own segment, so the listener meets every split of the exchange
        client.channel.setOption(java.net.StandardSocketOptions.TCP_NODELAY, Boolean.TRUE);
        for (byte b : VALID) {
            client.send(new byte[] {b});
        }
        assertArrayEquals(concat(of(5, 0), of(5, 0, 0, 3, 40), ascii(HASH), of(0, 0)), client.in.readNBytes(2 + 47));
        SocketChannel accepted = arrival.take(5000);
        assertNotNull(accepted);
        toClose.add(accepted);
        assertTrue(accepted.isBlocking());
    }

    @Test
    void leniencyOfTheRequestIsServedWithAnExactEcho() throws Exception {
        start(5000);
        DirectStreamhost.Arrival arrival = listener.expect(HASH);
        byte[] request = connect(HASH.toUpperCase());
        request[2] = 9;
        request[request.length - 1] = 7;
        TestClient client = client().send(concat(greeting(), request));
        byte[] reply = client.in.readNBytes(2 + request.length);
        request[1] = 0;
        assertArrayEquals(concat(of(5, 0), request), reply);
        SocketChannel accepted = arrival.take(5000);
        assertNotNull(accepted);
        toClose.add(accepted);
    }

    @Test
    void withdrawnArrivalClosesAConnectionThatWasNotTaken() throws Exception {
        start(5000);
        DirectStreamhost.Arrival arrival = listener.expect(HASH);
        TestClient client = client().handshake(HASH);
        arrival.close();
        client.untilClosed();
        assertThrows(StreamException.class, () -> arrival.take(100));
    }

    @Test
    void takeWithoutConnectionTimesOut() throws Exception {
        start(5000);
        DirectStreamhost.Arrival arrival = listener.expect(HASH);
        assertNull(arrival.take(50));
    }

    @Test
    void sameAddressCannotBeExpectedTwice() throws Exception {
        start(5000);
        try (DirectStreamhost.Arrival first = listener.expect(HASH)) {
            assertThrows(StreamException.class, () -> listener.expect(HASH));
        }
        listener.expect(HASH).close(); // withdrawn: free again
    }

    @Test
    void stopFreesThePortClosesPendingConnectionsAndEndsArrivals() throws Exception {
        start(10_000);
        int port = listener.port();
        DirectStreamhost.Arrival arrival = listener.expect(HASH);
        TestClient pending = client().send(of(5, 1));
        Await.until("one pending", () -> listener.pendingCount() == 1);

        listener.stop();

        // a connection closed under a blocked read may end with a reset: both are fine here
        pending.untilEndedAnyway();
        assertEquals(StreamException.Kind.METHOD_GONE,
                assertThrows(StreamException.class, () -> arrival.take(1000)).kind());
        assertThrows(StreamException.class, () -> listener.expect(OTHER));
        try (ServerSocketChannel again = ServerSocketChannel.open()) {
            again.bind(new InetSocketAddress("127.0.0.1", port));
        }
    }
}
