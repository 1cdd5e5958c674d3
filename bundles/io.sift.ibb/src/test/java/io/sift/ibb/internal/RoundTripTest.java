package io.sift.ibb.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Base64;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiPredicate;

import org.jivesoftware.smack.packet.Stanza;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.sift.spi.ByteStream;
import io.sift.spi.PendingStream;
import io.sift.spi.StreamException;
import io.sift.spi.StreamSession;

/** Alice sends to Bob through an in-memory wire that carries every stanza as XML. */
class RoundTripTest {

    private static final IbbProviders PROVIDERS = new IbbProviders();
    private static final StreamSession ALICE_SIDE =
            new StreamSession("alice@localhost", "rt-1", "alice@localhost/a", "bob@localhost/b");
    private static final StreamSession BOB_SIDE =
            new StreamSession("bob@localhost", "rt-1", "alice@localhost/a", "bob@localhost/b");

    private final TestLog log = new TestLog();
    private FakeWire wire;

    @BeforeAll
    static void registerProviders() {
        PROVIDERS.register();
    }

    @AfterAll
    static void unregisterProviders() {
        PROVIDERS.unregister();
    }

    @AfterEach
    void closeWire() {
        if (wire != null) {
            assertEquals(0, wire.failures.get(), "a stanza could not be handled");
            wire.close();
        }
    }

    private static byte[] random(int n, long seed) {
        byte[] bytes = new byte[n];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /** Reads the stream to its end on another thread. */
    private static CompletableFuture<byte[]> readAll(PendingStream pending, int bufferSize) {
        return CompletableFuture.supplyAsync(() -> {
            try (ByteStream stream = pending.await(Duration.ofSeconds(10))) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                ByteBuffer buffer = ByteBuffer.allocate(bufferSize);
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

    /** Writes in chunks of varying size, so blocks and writes never line up. */
    private static void writeAll(ByteStream stream, byte[] bytes, long seed) throws Exception {
        Random random = new Random(seed);
        int off = 0;
        while (off < bytes.length) {
            int n = Math.min(bytes.length - off, 1 + random.nextInt(10_000));
            ByteBuffer chunk = ByteBuffer.wrap(bytes, off, n);
            while (chunk.hasRemaining()) {
                stream.out().write(chunk);
            }
            off += n;
        }
    }

    /** Watches (or loses) the stanzas of the next {@link #transfer}. */
    private BiPredicate<FakeWire.Side, Stanza> drop = (side, stanza) -> false;

    private byte[] transfer(IbbSettings alice, IbbSettings bob, FlowLimits limits, byte[] bytes) throws Exception {
        wire = new FakeWire(alice, bob, limits, log);
        wire.drop = drop;
        PendingStream pending = wire.bob.endpoint.expect(BOB_SIDE);
        CompletableFuture<byte[]> received = readAll(pending, 1000);
        try (ByteStream out = wire.alice.endpoint.open(ALICE_SIDE)) {
            writeAll(out, bytes, bytes.length);
        }
        byte[] result = received.get(30, TimeUnit.SECONDS);
        Await.until("both ends forgot the stream",
                () -> wire.alice.endpoint.activeCount() == 0 && wire.bob.endpoint.activeCount() == 0);
        return result;
    }

    @ParameterizedTest
    @CsvSource({
        "0, IQ, 16", "1, IQ, 16", "4096, IQ, 16", "12288, IQ, 16", "1048576, IQ, 16", "1048576, IQ, 1",
        "0, MESSAGE, 1", "1, MESSAGE, 1", "8192, MESSAGE, 1", "1048576, MESSAGE, 1"})
    void bytesArriveUnchanged(int size, DataStanza stanza, int window) throws Exception {
        byte[] bytes = random(size, size);
        IbbSettings settings = TestSettings.with(4096, window, stanza);
        assertArrayEquals(bytes, transfer(settings, settings, FlowLimits.DEFAULT, bytes));
    }

    @Test
    void slowReaderHoldsTheSenderBackWithoutLosingBytes() throws Exception {
        byte[] bytes = random(300_000, 3);
        IbbSettings settings = TestSettings.with(1000, 32, DataStanza.IQ);
        FlowLimits tight = new FlowLimits(1 << 20, 4, 1 << 20, 1, 1 << 20, 64);
        wire = new FakeWire(settings, settings, tight, log);
        Set<String> unacknowledged = ConcurrentHashMap.newKeySet();
        AtomicInteger maxInFlight = new AtomicInteger();
        wire.drop = (side, stanza) -> {
            if (stanza instanceof IbbDataIq) {
                unacknowledged.add(stanza.getStanzaId());
                maxInFlight.accumulateAndGet(unacknowledged.size(), Math::max);
            } else if (side == wire.bob) {
                unacknowledged.remove(stanza.getStanzaId());
            }
            return false;
        };
        PendingStream pending = wire.bob.endpoint.expect(BOB_SIDE);
        CompletableFuture<byte[]> received = readAll(pending, 100);
        try (ByteStream out = wire.alice.endpoint.open(ALICE_SIDE)) {
            writeAll(out, bytes, 1);
        }
        assertArrayEquals(bytes, received.get(30, TimeUnit.SECONDS));
        assertTrue(maxInFlight.get() <= 32, "window exceeded: " + maxInFlight.get());
        assertTrue(unacknowledged.isEmpty(), unacknowledged.toString());
    }

    @Test
    void targetWithSmallerBlocksGetsThemAfterAResourceConstraint() throws Exception {
        byte[] bytes = random(50_000, 5);
        IbbSettings alice = TestSettings.with(8192, 8, DataStanza.IQ);
        IbbSettings bob = new IbbSettings(4096, 8, DataStanza.IQ, 2048, 5000, 5000, 5000, 10, false);
        AtomicInteger largestBlock = new AtomicInteger();
        AtomicInteger opens = new AtomicInteger();
        drop = (side, stanza) -> {
            if (stanza instanceof IbbOpen) {
                opens.incrementAndGet();
            } else if (stanza instanceof IbbDataIq data) {
                int length = Base64.getDecoder().decode(data.data().payload().toString()).length;
                largestBlock.accumulateAndGet(length, Math::max);
            }
            return false;
        };
        assertArrayEquals(bytes, transfer(alice, bob, FlowLimits.DEFAULT, bytes));
        assertEquals(3, opens.get(), "8192 and 4096 refused, 2048 accepted");
        assertEquals(2048, largestBlock.get());
    }

    @Test
    void unansweredCloseStillEndsTheTransferNormally() throws Exception {
        byte[] bytes = random(20_000, 7);
        IbbSettings alice = TestSettings.with(4096, 4, DataStanza.IQ, 5000, 100);
        wire = new FakeWire(alice, alice, FlowLimits.DEFAULT, log);
        // like libpurple: Bob never answers a close
        wire.drop = (side, stanza) -> side == wire.bob && stanza.getStanzaId() != null
                && wire.bob.endpoint.activeCount() == 0 && !(stanza instanceof IbbClose);
        PendingStream pending = wire.bob.endpoint.expect(BOB_SIDE);
        CompletableFuture<byte[]> received = readAll(pending, 4096);
        ByteStream out = wire.alice.endpoint.open(ALICE_SIDE);
        writeAll(out, bytes, 2);
        out.close();
        assertArrayEquals(bytes, received.get(10, TimeUnit.SECONDS));
        Await.until("the missing answer is logged", () -> log.contains("debug", "no answer to the close"));
    }

    @Test
    void receiverAbortStopsTheSender() throws Exception {
        IbbSettings settings = TestSettings.with(1024, 4, DataStanza.IQ);
        wire = new FakeWire(settings, settings, FlowLimits.DEFAULT, log);
        PendingStream pending = wire.bob.endpoint.expect(BOB_SIDE);
        ByteStream out = wire.alice.endpoint.open(ALICE_SIDE);
        out.out().write(ByteBuffer.allocate(4096));
        ByteStream in = pending.await(Duration.ofSeconds(5));
        in.abort();
        StreamException e = assertThrows(StreamException.class, () -> {
            for (int i = 0; i < 10_000; i++) {
                out.out().write(ByteBuffer.allocate(1024));
            }
        });
        assertEquals(StreamException.Kind.CLOSED_BY_PEER, e.kind());
    }
}
