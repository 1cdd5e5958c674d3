package io.sift.socks5.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.sift.spi.StreamException;
import io.sift.spi.StreamSession;

/** The stream over a connected socket: ends, aborts and failures as each side sees them. */
class SocketStreamTest {

    private static final StreamSession SESSION =
            new StreamSession("alice@localhost", "s1", "alice@localhost/a", "bob@localhost/b");

    private final SocketPair pair;
    private final AtomicInteger initiatorEnded = new AtomicInteger();
    private final AtomicInteger targetEnded = new AtomicInteger();
    private final SocketStream initiator;
    private final SocketStream target;

    SocketStreamTest() throws IOException {
        pair = new SocketPair();
        initiator = new SocketStream(SESSION, pair.left, SocketStream.Role.INITIATOR, s -> initiatorEnded.incrementAndGet());
        target = new SocketStream(SESSION, pair.right, SocketStream.Role.TARGET, s -> targetEnded.incrementAndGet());
    }

    @AfterEach
    void closeSockets() {
        pair.close();
    }

    private static byte[] readToEnd(SocketStream stream) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        ByteBuffer buffer = ByteBuffer.allocate(8192);
        while (stream.in().read(buffer) >= 0) {
            out.write(buffer.array(), 0, buffer.position());
            buffer.clear();
        }
        return out.toByteArray();
    }

    private static CompletableFuture<Object> readInBackground(SocketStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return readToEnd(stream);
            } catch (IOException e) {
                return e;
            }
        });
    }

    @Test
    void outIsTheSocketChannelItselfWithNoDelay() throws IOException {
        assertSame(pair.left, initiator.out());
        assertTrue(pair.left.getOption(StandardSocketOptions.TCP_NODELAY));
        assertEquals(BytestreamQueryTest.NS, initiator.method());
        assertSame(SESSION, initiator.session());
    }

    @Test
    void initiatorCloseDeliversEveryByteThenTheEnd() throws Exception {
        byte[] data = new byte[3 * 1024 * 1024];
        new java.util.Random(5).nextBytes(data);
        CompletableFuture<Object> read = readInBackground(target);
        ByteBuffer buffer = ByteBuffer.wrap(data);
        while (buffer.hasRemaining()) {
            initiator.out().write(buffer);
        }
        initiator.close();
        assertArrayEquals(data, (byte[]) read.get(10, TimeUnit.SECONDS));
        target.close();
        assertEquals(1, initiatorEnded.get());
        assertEquals(1, targetEnded.get());
    }

    @Test
    void initiatorAbortIsSeenByTheTargetAsClosedByPeer() throws Exception {
        CompletableFuture<Object> read = readInBackground(target);
        initiator.out().write(ByteBuffer.wrap(new byte[100]));
        initiator.abort();
        StreamException e = (StreamException) read.get(10, TimeUnit.SECONDS);
        assertEquals(StreamException.Kind.CLOSED_BY_PEER, e.kind());
        assertFalse(initiator.isOpen());
    }

    @Test
    void targetAbortMakesTheInitiatorsWritesFailAsAReset() throws Exception {
        target.abort();
        ByteBuffer chunk = ByteBuffer.allocate(64 * 1024);
        IOException e = assertThrows(IOException.class, () -> {
            for (int i = 0; i < 1000; i++) {
                chunk.clear();
                initiator.out().write(chunk);
            }
        });
        // out() is the raw socket; the kind is read from the socket's own error
        assertEquals(StreamException.Kind.CLOSED_BY_PEER, SocketFailures.kindOf(e), e.toString());
    }

    @Test
    void endedStreamFailsItsReaderWithTheReasonNotAsAClose() throws Exception {
        // the reader may be blocked in read() or about to enter it: both see the reason
        CompletableFuture<Object> read = readInBackground(target);
        target.end(StreamException.Kind.METHOD_GONE, "stopped");
        StreamException e = (StreamException) read.get(10, TimeUnit.SECONDS);
        assertEquals(StreamException.Kind.METHOD_GONE, e.kind());
        assertEquals(StreamException.Kind.METHOD_GONE,
                assertThrows(StreamException.class, () -> target.in().read(ByteBuffer.allocate(1))).kind());
        assertEquals(StreamException.Kind.METHOD_GONE, assertThrows(StreamException.class, target::close).kind());
        assertEquals(1, targetEnded.get());
    }

    @Test
    void endCallbackRunsOnceWhateverEndsTheStream() throws Exception {
        initiator.abort();
        initiator.abort();
        initiator.end(StreamException.Kind.OFFLINE, "gone");
        assertEquals(1, initiatorEnded.get());
    }

    @Test
    void socketErrorsAreClassified() {
        assertEquals(StreamException.Kind.CLOSED_BY_PEER, SocketFailures.kindOf(new IOException("Broken pipe")));
        assertEquals(StreamException.Kind.CLOSED_BY_PEER, SocketFailures.kindOf(new IOException("Connection reset by peer")));
        assertEquals(StreamException.Kind.CLOSED_BY_PEER, SocketFailures.kindOf(new java.net.SocketException("Connection reset")));
        assertEquals(StreamException.Kind.BROKEN, SocketFailures.kindOf(new IOException("No route to host")));
        assertEquals(StreamException.Kind.BROKEN, SocketFailures.kindOf(new java.nio.channels.ClosedChannelException()));
        assertEquals(StreamException.Kind.OFFLINE,
                SocketFailures.kindOf(new StreamException(StreamException.Kind.OFFLINE, "x")));
    }
}
