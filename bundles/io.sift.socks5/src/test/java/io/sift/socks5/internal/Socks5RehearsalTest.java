package io.sift.socks5.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.sift.spi.StreamException;

class Socks5RehearsalTest {

    private final Socks5Settings settings = ConfigProxy.settings(Map.of());
    private final ExecutorService attempts = Executors.newCachedThreadPool();
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    private final TestLog log = new TestLog();

    @AfterEach
    void stopThreads() {
        attempts.shutdownNow();
        timers.shutdownNow();
    }

    private Socks5Rehearsal rehearsal(StreamhostConnector connector) {
        return new Socks5Rehearsal(settings, connector, attempts, Scheduler.of(timers), log.logger());
    }

    @Test
    void carriesItsBytesOverARealSocks5ExchangeAndStopsItsListener() throws Exception {
        Set<String> listenersBefore = listenerThreads();
        byte[] carried = rehearsal(new SocketConnector(settings.connectTimeoutMillis(),
                settings.handshakeTimeoutMillis())).carried();
        assertArrayEquals(Socks5Rehearsal.PAYLOAD, carried);
        // DirectListener.stop joins the listener's thread: none of its own is left
        assertEquals(listenersBefore, listenerThreads());
    }

    @Test
    void aConnectionThatFailsFailsTheRehearsalAndStillStopsItsListener() {
        Set<String> listenersBefore = listenerThreads();
        StreamhostConnector refusing = (streamhost, dstAddr) -> new StreamhostConnector.Attempt() {
            @Override
            public SocketChannel connect() throws IOException {
                throw new IOException("refused for the test");
            }

            @Override
            public void cancel() {
            }
        };
        ExecutionException failure = assertThrows(ExecutionException.class, () -> rehearsal(refusing).carried());
        assertEquals(StreamException.Kind.REFUSED, ((StreamException) failure.getCause()).kind());
        assertEquals(listenersBefore, listenerThreads());
    }

    private static Set<String> listenerThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(name -> name.startsWith(HandshakeLoop.THREAD_PREFIX)).collect(Collectors.toSet());
    }
}
