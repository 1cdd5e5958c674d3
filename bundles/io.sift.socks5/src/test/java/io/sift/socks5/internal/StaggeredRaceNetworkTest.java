package io.sift.socks5.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Staggered attempts over real sockets on 127.0.0.1: a bad first streamhost costs little. */
class StaggeredRaceNetworkTest {

    private static final long CONNECT_TIMEOUT = 3000;
    private static final long HANDSHAKE_TIMEOUT = 5000;

    private final TestLog log = new TestLog();
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    private DirectListener listener;
    private DirectStreamhost.Arrival arrival;

    @BeforeEach
    void startListener() throws Exception {
        listener = DirectListener.start(List.of(InetAddress.getByName("127.0.0.1")), 0, List.of("127.0.0.1"),
                new PendingLimits(5000, 8, 8), log.logger());
        arrival = listener.expect(Bytes.HASH);
    }

    @AfterEach
    void stop() {
        arrival.close();
        listener.stop();
        threads.shutdownNow();
        timers.shutdownNow();
    }

    private StaggeredRace race(List<Streamhost> streamhosts, long staggerMillis) {
        return new StaggeredRace(streamhosts, Bytes.HASH, new SocketConnector(CONNECT_TIMEOUT, HANDSHAKE_TIMEOUT),
                threads, Scheduler.of(timers), staggerMillis, CONNECT_TIMEOUT + HANDSHAKE_TIMEOUT);
    }

    private Streamhost good() {
        return new Streamhost("alice@localhost/a", "127.0.0.1", listener.port());
    }

    private void assertConnected(StaggeredRace.Win win) throws Exception {
        assertEquals(good(), win.streamhost());
        SocketChannel accepted = arrival.take(5000);
        assertNotNull(accepted);
        win.channel().write(ByteBuffer.wrap(Bytes.ascii("x")));
        ByteBuffer one = ByteBuffer.allocate(1);
        accepted.read(one);
        assertEquals('x', one.get(0));
        accepted.close();
        win.channel().close();
    }

    @Test
    void closedPortFirstIsSkippedAtOnceEvenWithAHugeStagger() throws Exception {
        int closedPort;
        try (ServerSocketChannel probe = ServerSocketChannel.open()) {
            probe.bind(new InetSocketAddress("127.0.0.1", 0));
            closedPort = ((InetSocketAddress) probe.getLocalAddress()).getPort();
        }
        Streamhost dead = new Streamhost("alice@localhost/a", "127.0.0.1", closedPort);
        long start = System.nanoTime();
        StaggeredRace.Win win = race(List.of(dead, good()), 60_000).start().get(10, TimeUnit.SECONDS);
        long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(elapsed < CONNECT_TIMEOUT, "took " + elapsed + " ms");
        assertConnected(win);
    }

    @Test
    void silentFirstIsOvertakenAfterTheStaggerAndThenClosed() throws Exception {
        try (ServerSocketChannel silent = ServerSocketChannel.open()) {
            // the kernel completes the connection; nobody ever answers the greeting
            silent.bind(new InetSocketAddress("127.0.0.1", 0));
            Streamhost mute = new Streamhost("proxy.localhost", "127.0.0.1",
                    ((InetSocketAddress) silent.getLocalAddress()).getPort());
            long start = System.nanoTime();
            StaggeredRace.Win win = race(List.of(mute, good()), 100).start().get(10, TimeUnit.SECONDS);
            long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(elapsed >= 90 && elapsed < CONNECT_TIMEOUT, "took " + elapsed + " ms");
            assertConnected(win);

            // the losing attempt was closed: the silent side reads its end
            try (SocketChannel loser = silent.accept()) {
                loser.configureBlocking(true);
                loser.socket().setSoTimeout(5000);
                assertEquals(Bytes.of(5, 1, 0).length, loser.socket().getInputStream().readNBytes(3).length);
                assertEquals(-1, loser.socket().getInputStream().read());
            }
        }
    }
}
