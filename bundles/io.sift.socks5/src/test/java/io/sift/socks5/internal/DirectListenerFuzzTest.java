package io.sift.socks5.internal;

import static io.sift.socks5.internal.Bytes.HASH;
import static io.sift.socks5.internal.Bytes.ascii;
import static io.sift.socks5.internal.Bytes.concat;
import static io.sift.socks5.internal.Bytes.connect;
import static io.sift.socks5.internal.Bytes.of;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Random and mutated SOCKS5 exchanges against the direct streamhost over real sockets, from fixed
 * seeds: whatever arrives, a client gets nothing but a method choice and a refusal, every such
 * connection is closed by the listener, its one thread stays one, and an expected receiver is
 * served afterwards.
 */
class DirectListenerFuzzTest {

    private static final long[] SEEDS = {11, 22, 33};
    private static final int CLIENTS_PER_SEED = 150;
    private static final long DEADLINE_MILLIS = 1000;
    private static final long MARGIN_MILLIS = 10_000;
    private static final byte[] CHOICE = of(5, 0);

    /** Everything a listener may write to a client that does not name an expected stream. */
    private static final List<byte[]> ALLOWED = List.of(new byte[0], of(5, 0xFF), CHOICE, concat(CHOICE, refusal(4)),
            concat(CHOICE, refusal(7)), concat(CHOICE, refusal(8)));

    private final TestLog log = new TestLog();
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private DirectListener listener;

    @AfterEach
    void stop() {
        if (listener != null) {
            listener.stop();
        }
        threads.shutdownNow();
    }

    private static byte[] refusal(int rep) {
        return of(5, rep, 0, 1, 0, 0, 0, 0, 0, 0);
    }

    /** A valid exchange for a stream nobody expects, then bent in one of several ways. */
    static byte[] fuzzed(Random random) {
        byte[] hash = new byte[20];
        random.nextBytes(hash);
        byte[] methods = new byte[1 + random.nextInt(4)];
        random.nextBytes(methods);
        if (random.nextBoolean()) {
            methods[random.nextInt(methods.length)] = 0;
        }
        byte[] valid = concat(of(5, methods.length), methods, connect(HexFormat.of().formatHex(hash)));
        byte[] out = valid.clone();
        switch (random.nextInt(7)) {
            case 0 -> out[random.nextInt(out.length)] = (byte) random.nextInt(256);
            case 1 -> out = Arrays.copyOf(out, random.nextInt(out.length));
            case 2 -> {
                int at = random.nextInt(out.length);
                out = concat(Arrays.copyOf(out, at), of(random.nextInt(256)), Arrays.copyOfRange(valid, at, valid.length));
            }
            case 3 -> out[methods.length + 2 + 4] = (byte) random.nextInt(256); // the domain's length
            case 4 -> out = concat(out, out); // a second exchange behind the first
            case 5 -> {
                out = new byte[random.nextInt(600)];
                random.nextBytes(out);
            }
            default -> {
                // a valid exchange for a stream nobody expects
            }
        }
        return out;
    }

    @Test
    void randomAndMutatedExchangesLeaveTheListenerServing() throws Exception {
        listener = DirectListener.start(List.of(InetAddress.getByName("127.0.0.1")), 0, List.of("127.0.0.1"),
                new PendingLimits(DEADLINE_MILLIS, 1024, 128), log.logger());
        int[] mostThreads = {0};
        try (ClientSwarm swarm = new ClientSwarm(listener.port())) {
            for (long seed : SEEDS) {
                Random random = new Random(seed);
                for (int i = 0; i < CLIENTS_PER_SEED; i++) {
                    ClientSwarm.Client client = swarm.open("127.0.0." + (2 + random.nextInt(8)));
                    byte[] input = fuzzed(random);
                    // in up to three writes, as the network may split it
                    int cut = input.length == 0 ? 0 : random.nextInt(input.length);
                    swarm.send(client, Arrays.copyOf(input, cut));
                    swarm.send(client, Arrays.copyOfRange(input, cut, input.length));
                    if (random.nextBoolean()) {
                        swarm.finishSending(client); // the others wait for the deadline
                    }
                }
                swarm.poll();
            }
            int count = swarm.clients().size();
            Await.until("the listener closed every fuzzing connection", (DEADLINE_MILLIS + MARGIN_MILLIS) / 1000, () -> {
                mostThreads[0] = Math.max(mostThreads[0], Threads.of(listener));
                return swarm.poll() == count;
            });
            int resets = 0;
            for (ClientSwarm.Client client : swarm.clients()) {
                byte[] got = client.bytes();
                if (client.wasReset()) {
                    // a reset can take the last reply with it, never add to it
                    resets++;
                    assertTrue(ALLOWED.stream().anyMatch(a -> isPrefix(got, a)), Arrays.toString(got));
                } else {
                    assertTrue(ALLOWED.stream().anyMatch(a -> Arrays.equals(a, got)), Arrays.toString(got));
                }
            }
            ExpectedReceiver.Served served = ExpectedReceiver.start(listener, HASH, "127.0.0.1", ascii("after the fuzz"),
                    threads, DEADLINE_MILLIS + MARGIN_MILLIS).get(DEADLINE_MILLIS + MARGIN_MILLIS, TimeUnit.MILLISECONDS);
            assertTrue(served.intact());
            assertEquals(1, mostThreads[0]);
            assertEquals(1, Threads.of(listener));
            Await.until("no connection pending", () -> listener.pendingCount() == 0);
            System.out.printf("Fuzz: %d connections from seeds %s, %d ended with a reset, listener threads at most %d%n",
                    count, Arrays.toString(SEEDS), resets, mostThreads[0]);
        }
    }

    private static boolean isPrefix(byte[] prefix, byte[] of) {
        return prefix.length <= of.length && Arrays.equals(prefix, Arrays.copyOf(of, prefix.length));
    }
}
