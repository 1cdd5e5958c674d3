package io.sift.socks5.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smack.packet.StanzaError;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.sift.spi.ByteStream;
import io.sift.spi.PendingStream;
import io.sift.spi.StreamException;
import io.sift.spi.StreamSession;

/**
 * Alice sends to Bob: stanzas as XML through an in-memory wire, bytes through real sockets on
 * 127.0.0.1, either directly to Alice's listener or through a proxy that relays after activation.
 */
class RoundTripTest {

    private static final BytestreamProviders PROVIDERS = new BytestreamProviders();
    private static final String SID = "rt-1";
    private static final StreamSession ALICE_SIDE =
            new StreamSession("alice@localhost", SID, "alice@localhost/a", "bob@localhost/b");
    private static final StreamSession BOB_SIDE =
            new StreamSession("bob@localhost", SID, "alice@localhost/a", "bob@localhost/b");
    private static final String HASH = DstAddr.of(ALICE_SIDE);

    @TempDir
    Path dir;

    private final Wire wire = new Wire();
    private final Endpoints endpoints = new Endpoints();
    private final Wire.Side aliceSide = wire.side("alice@localhost/a");
    private final Wire.Side bobSide = wire.side("bob@localhost/b");
    private DirectListener listener;
    private TinyProxy proxy;
    private Socks5Endpoint bob;

    @BeforeAll
    static void registerProvider() {
        PROVIDERS.register();
    }

    @AfterAll
    static void unregisterProvider() {
        PROVIDERS.unregister();
    }

    @BeforeEach
    void startBob() {
        bob = endpoints.endpoint("bob@localhost/b", ConfigProxy.settings(Map.of("discoverProxies", false)), bobSide,
                () -> null);
        bobSide.requests = iq -> iq instanceof BytestreamQuery q ? bob.handleQuery(q)
                : Socks5Errors.reply(iq, StanzaError.Condition.feature_not_implemented, StanzaError.Type.CANCEL);
    }

    @AfterEach
    void stopAll() throws Exception {
        assertEquals(0, wire.failures.get(), "a stanza could not be handled");
        wire.close();
        endpoints.close();
        if (listener != null) {
            listener.stop();
        }
        if (proxy != null) {
            proxy.close();
        }
    }

    private Path randomFile(int size, long seed) throws Exception {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        Path file = dir.resolve("data-" + seed);
        Files.write(file, bytes);
        return file;
    }

    /** Reads the stream to its end on another thread. */
    private static CompletableFuture<byte[]> readAll(PendingStream pending) {
        return CompletableFuture.supplyAsync(() -> {
            try (ByteStream stream = pending.await(Duration.ofSeconds(20))) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
                while (stream.in().read(buffer) >= 0) {
                    buffer.flip();
                    out.write(buffer.array(), 0, buffer.limit());
                    buffer.clear();
                }
                return out.toByteArray();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** Sends the file as a file transfer does: the kernel copies it to the socket. */
    private static void send(Path file, WritableByteChannel out, long from, long to) throws Exception {
        try (FileChannel source = FileChannel.open(file, StandardOpenOption.READ)) {
            long position = from;
            while (position < to) {
                position += source.transferTo(position, to - position, out);
            }
        }
    }

    private Socks5Endpoint aliceWithDirectListener() throws Exception {
        listener = DirectListener.start(List.of(InetAddress.getByName("127.0.0.1")), 0, List.of("127.0.0.1"),
                new PendingLimits(5000, 8, 8), endpoints.log.logger());
        return endpoints.endpoint("alice@localhost/a", ConfigProxy.settings(Map.of("discoverProxies", false)),
                aliceSide, () -> listener);
    }

    @Test
    void randomBytesArriveThroughTheDirectListener() throws Exception {
        Socks5Endpoint alice = aliceWithDirectListener();
        Path file = randomFile(4 * 1024 * 1024 + 17, 1);
        CompletableFuture<byte[]> received = readAll(bob.expect(BOB_SIDE));

        try (ByteStream stream = alice.open(ALICE_SIDE)) {
            assertEquals(BytestreamQueryTest.NS, stream.method());
            assertInstanceOf(SocketChannel.class, stream.out(), "the socket itself, so that sendfile is used");
            send(file, stream.out(), 0, Files.size(file));
        }

        assertArrayEquals(Files.readAllBytes(file), received.get(20, TimeUnit.SECONDS));
        Await.until("both ends forgot the stream", () -> alice.activeCount() == 0 && bob.activeCount() == 0);
        assertEquals(0, listener.pendingCount());
    }

    @Test
    void hostileConnectionsDuringATransferLeaveItIntact() throws Exception {
        Socks5Endpoint alice = aliceWithDirectListener();
        Path file = randomFile(2 * 1024 * 1024, 2);
        long half = Files.size(file) / 2;
        try (TestClient silent = new TestClient(listener.port()).send(Bytes.of(5, 1))) {
            CompletableFuture<byte[]> received = readAll(bob.expect(BOB_SIDE));
            try (ByteStream stream = alice.open(ALICE_SIDE)) {
                send(file, stream.out(), 0, half);
                try (TestClient wrongHash = new TestClient(listener.port());
                        TestClient sameHash = new TestClient(listener.port());
                        TestClient garbage = new TestClient(listener.port())) {
                    assertThrows(Socks5ProtocolException.class, () -> wrongHash.handshake(Bytes.HASH));
                    assertThrows(Socks5ProtocolException.class, () -> sameHash.handshake(HASH));
                    garbage.send(Bytes.ascii("\u0005\u0001\u0000GARBAGE\r\n"));
                    garbage.untilClosed();
                }
                send(file, stream.out(), half, Files.size(file));
            }
            assertArrayEquals(Files.readAllBytes(file), received.get(20, TimeUnit.SECONDS));
            assertEquals(1, listener.pendingCount(), "the silent connection waits for its timeout alone");
        }
    }

    private Socks5Endpoint aliceWithProxyOnly() throws Exception {
        proxy = new TinyProxy();
        Wire.Side proxySide = wire.side("proxy.localhost");
        proxySide.requests = iq -> {
            if (iq instanceof BytestreamQuery q && q.getType() == IQ.Type.get) {
                return BytestreamQuery.received(StanzaBuilder.buildIqData(q.getStanzaId()).ofType(IQ.Type.result)
                        .to(q.getFrom()), null, null, List.of(new BytestreamQuery.RawStreamhost("proxy.localhost",
                                "127.0.0.1", Integer.toString(port(proxy)))), null, null);
            }
            if (iq instanceof BytestreamQuery q && q.activateTarget() != null) {
                String address = DstAddr.of(q.sid(), q.getFrom().toString(), q.activateTarget());
                return activation.apply(q, address);
            }
            return Socks5Errors.reply(iq, StanzaError.Condition.bad_request, StanzaError.Type.MODIFY);
        };
        // no direct streamhost: the proxy, asked for its address, is the only one offered
        return endpoints.endpoint("alice@localhost/a", ConfigProxy.settings(Map.of("discoverProxies", false,
                "proxies", new String[] {"proxy.localhost"})), aliceSide, () -> null);
    }

    private volatile java.util.function.BiFunction<BytestreamQuery, String, IQ> activation =
            (q, address) -> proxy.activate(address) ? IQ.createResultIQ(q)
                    : Socks5Errors.reply(q, StanzaError.Condition.item_not_found, StanzaError.Type.CANCEL);

    private static int port(TinyProxy proxy) {
        try {
            return proxy.port();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void randomBytesArriveThroughAProxyActivatedByTheInitiator() throws Exception {
        Socks5Endpoint alice = aliceWithProxyOnly();
        Path file = randomFile(3 * 1024 * 1024 + 5, 3);
        CompletableFuture<byte[]> received = readAll(bob.expect(BOB_SIDE));

        try (ByteStream stream = alice.open(ALICE_SIDE)) {
            send(file, stream.out(), 0, Files.size(file));
        }

        assertArrayEquals(Files.readAllBytes(file), received.get(20, TimeUnit.SECONDS));
        assertEquals(Files.size(file), proxy.relayedBytes.get());
    }

    @Test
    void initiatorReturnsTheStreamOnlyAfterTheProxyConfirmedTheActivation() throws Exception {
        Socks5Endpoint alice = aliceWithProxyOnly();
        CompletableFuture<BytestreamQuery> activateRequest = new CompletableFuture<>();
        activation = (q, address) -> {
            activateRequest.complete(q);
            return null; // answered below, by hand
        };
        CompletableFuture<byte[]> received = readAll(bob.expect(BOB_SIDE));
        CompletableFuture<ByteStream> opened = CompletableFuture.supplyAsync(() -> {
            try {
                return alice.open(ALICE_SIDE);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        BytestreamQuery request = activateRequest.get(10, TimeUnit.SECONDS);
        assertEquals("bob@localhost/b", request.activateTarget());
        assertEquals(SID, request.sid());
        assertEquals(2, proxy.connected(HASH), "both ends are connected to the proxy");
        assertFalse(opened.isDone(), "open() returned before the activation was confirmed");

        assertTrue(proxy.activate(HASH));
        wire.side("proxy.localhost").send(IQ.createResultIQ(request));
        try (ByteStream stream = opened.get(10, TimeUnit.SECONDS)) {
            stream.out().write(ByteBuffer.wrap(Bytes.ascii("after activation")));
        }
        assertArrayEquals(Bytes.ascii("after activation"), received.get(10, TimeUnit.SECONDS));
    }

    @Test
    void refusedActivationFailsTheOpen() throws Exception {
        Socks5Endpoint alice = aliceWithProxyOnly();
        activation = (q, address) -> Socks5Errors.reply(q, StanzaError.Condition.not_allowed, StanzaError.Type.CANCEL);
        bob.expect(BOB_SIDE);
        StreamException e = assertThrows(StreamException.class, () -> alice.open(ALICE_SIDE));
        assertEquals(StreamException.Kind.BROKEN, e.kind());
        assertTrue(e.getMessage().contains("not-allowed"), e.getMessage());
    }

    @Test
    void targetThatExpectsNothingRefusesAndTheInitiatorMayFallBack() throws Exception {
        Socks5Endpoint alice = aliceWithDirectListener();
        StreamException e = assertThrows(StreamException.class, () -> alice.open(ALICE_SIDE));
        assertEquals(StreamException.Kind.REFUSED, e.kind());
        assertTrue(e.getMessage().contains("not-acceptable"), e.getMessage());
        assertEquals(0, alice.activeCount());
    }
}
