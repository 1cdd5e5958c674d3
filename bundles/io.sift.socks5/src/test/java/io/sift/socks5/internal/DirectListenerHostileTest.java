package io.sift.socks5.internal;

import static io.sift.socks5.internal.Bytes.HASH;
import static io.sift.socks5.internal.Bytes.connect;
import static io.sift.socks5.internal.Bytes.greeting;
import static io.sift.socks5.internal.Bytes.of;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The direct streamhost under attack with real sockets. Addresses 127.0.0.x stand for other hosts
 * (Linux answers on all of 127/8). Nothing here needs the machine to be fast: every wait is for a
 * condition, with room for a busy machine, and timings are reported rather than required.
 */
class DirectListenerHostileTest {

    /** The default deadline. */
    private static final long DEADLINE_MILLIS = 3000;
    /** What a busy machine may add to any wait here. */
    private static final long MARGIN_MILLIS = 10_000;
    private static final String UNKNOWN = "0123456789abcdef0123456789abcdef01234567";
    private static final String SECOND = "fedcba9876543210fedcba9876543210fedcba98";
    private static final int MIB = 1024 * 1024;

    private final TestLog log = new TestLog();
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private DirectListener listener;
    private int mostThreads;
    private int mostPending;

    @AfterEach
    void stop() {
        if (listener != null) {
            listener.stop();
        }
        threads.shutdownNow();
    }

    private void start(int total, int perSource) throws Exception {
        listener = DirectListener.start(List.of(InetAddress.getByName("127.0.0.1")), 0, List.of("127.0.0.1"),
                new PendingLimits(DEADLINE_MILLIS, total, perSource), log.logger());
    }

    /** One round of the swarm, noting the most threads and pending connections seen. */
    private int poll(ClientSwarm swarm) {
        mostThreads = Math.max(mostThreads, Threads.of(listener));
        mostPending = Math.max(mostPending, listener.pendingCount());
        return swarm.poll();
    }

    /** Connections the listener closed for a reason (its debug log says why). */
    private long closedFor(String reason) {
        return log.lines("debug").stream().filter(l -> l.contains("closed the connection") && l.contains(reason))
                .count();
    }

    private static byte[] data(int length, long seed) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    @Test
    void aBurstAndSlowClientsNeitherKeepReceiversOutNorGrowTheListenersThreads() throws Exception {
        start(1024, 8); // the defaults
        byte[] data = data(4 * MIB, 1);
        int jvmThreadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
        assertEquals(1, Threads.of(listener));
        try (ClientSwarm hostile = new ClientSwarm(listener.port())) {
            // slow loris: 4 from each of 127.0.0.2-9, a greeting, then a request one byte every 500 ms (23 s)
            List<ClientSwarm.Client> slow = new ArrayList<>();
            for (int host = 2; host <= 9; host++) {
                for (int i = 0; i < 4; i++) {
                    ClientSwarm.Client client = hostile.open("127.0.0." + host);
                    hostile.send(client, greeting());
                    hostile.trickle(client, connect(UNKNOWN), 500);
                    slow.add(client);
                }
            }
            // the burst: 1000 connections from 127.0.0.1 that say nothing; a receiver from 127.0.0.10 mid-way
            Future<ExpectedReceiver.Served> receiver = null;
            for (int i = 0; i < 1000; i++) {
                if (i == 300) {
                    receiver = ExpectedReceiver.start(listener, HASH, "127.0.0.10", data, threads,
                            DEADLINE_MILLIS + MARGIN_MILLIS);
                }
                hostile.open("127.0.0.1");
                if (i % 50 == 0) {
                    poll(hostile);
                }
            }
            long burstEnd = System.nanoTime();
            // and one from the flooding address itself, while its last idle connections still wait
            Future<ExpectedReceiver.Served> sameAddress = ExpectedReceiver.start(listener, SECOND, "127.0.0.1", data,
                    threads, DEADLINE_MILLIS + MARGIN_MILLIS);

            int hostileCount = hostile.clients().size();
            Await.until("the listener closed every hostile connection", (DEADLINE_MILLIS + MARGIN_MILLIS) / 1000,
                    () -> poll(hostile) == hostileCount);
            long closedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - burstEnd);

            ExpectedReceiver.Served served = receiver.get(DEADLINE_MILLIS + MARGIN_MILLIS, TimeUnit.MILLISECONDS);
            ExpectedReceiver.Served same = sameAddress.get(DEADLINE_MILLIS + MARGIN_MILLIS, TimeUnit.MILLISECONDS);
            assertTrue(served.intact(), "the receiver from another address got its data");
            assertTrue(same.intact(), "the receiver from the flooding address got its data");

            assertEquals(1, mostThreads, "one thread, whatever the number of connections");
            // each closed once, by the listener, to make room or at its deadline
            long madeRoom = closedFor("made room");
            assertEquals(hostileCount, madeRoom + closedFor("did not complete"), log.lines().toString());
            assertTrue(madeRoom > 0);
            assertEquals(1, Threads.of(listener));
            // 4 trickling from each of 127.0.0.2-9; not yet identified from 127.0.0.1, its limit of 8 and one
            // more for each of the two awaited streams; and the two receivers once they named their stream
            assertTrue(mostPending <= 8 * 4 + (8 + 2) + 2, "pending at most " + mostPending);
            long shortest = Long.MAX_VALUE;
            long longest = 0;
            for (ClientSwarm.Client client : slow) {
                assertArrayEquals(of(5, 0), client.bytes(), "the method choice, and nothing after");
                // cut at the deadline counted from the accept, not after the last byte
                assertTrue(client.livedMillis() >= DEADLINE_MILLIS, client.livedMillis() + " ms");
                assertTrue(client.livedMillis() <= DEADLINE_MILLIS + MARGIN_MILLIS, client.livedMillis() + " ms");
                shortest = Math.min(shortest, client.livedMillis());
                longest = Math.max(longest, client.livedMillis());
            }
            Await.until("no connection pending", () -> listener.pendingCount() == 0);
            System.out.printf("Hostile burst: %d connections (1000 idle, %d trickling); listener threads at most %d "
                    + "(JVM %d before, %d after); receiver from 127.0.0.10 served %d ms after connecting, %d MiB in "
                    + "%d ms; receiver from the flooding address served in %d ms; all hostile connections closed "
                    + "%d ms after the burst (%d to make room); slow clients cut after %d-%d ms; at most %d pending%n",
                    hostileCount, slow.size(), mostThreads, jvmThreadsBefore,
                    ManagementFactory.getThreadMXBean().getThreadCount(), served.handshakeMillis(), data.length / MIB,
                    served.transferMillis(), same.handshakeMillis(), closedMillis, madeRoom, shortest, longest, mostPending);
        }
    }

    @Test
    void atTheTotalLimitAFloodFromManyAddressesMakesRoomForAReceiver() throws Exception {
        start(64, 8);
        byte[] data = data(MIB, 2);
        try (ClientSwarm hostile = new ClientSwarm(listener.port())) {
            Future<ExpectedReceiver.Served> receiver = null;
            // 50 addresses, none over its own limit, 400 connections in all
            for (int i = 0; i < 400; i++) {
                if (i == 200) {
                    receiver = ExpectedReceiver.start(listener, HASH, "127.0.0.100", data, threads,
                            DEADLINE_MILLIS + MARGIN_MILLIS);
                }
                hostile.open("127.0.0." + (20 + i % 50));
                if (i % 20 == 0) {
                    poll(hostile);
                }
            }
            int hostileCount = hostile.clients().size();
            Await.until("the listener closed every hostile connection", (DEADLINE_MILLIS + MARGIN_MILLIS) / 1000,
                    () -> poll(hostile) == hostileCount);
            assertTrue(receiver.get(DEADLINE_MILLIS + MARGIN_MILLIS, TimeUnit.MILLISECONDS).intact());
            assertTrue(mostPending <= 64, "pending at most " + mostPending);
            assertEquals(1, mostThreads);
            // beyond the total, connections were closed to make room
            assertTrue(closedFor("made room") > 0, log.lines().toString());
        }
    }
}
