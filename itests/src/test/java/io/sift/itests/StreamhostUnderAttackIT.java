package io.sift.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

import io.sift.api.Direction;
import io.sift.api.FileTransferService;
import io.sift.api.SendOptions;
import io.sift.api.StreamMethods;
import io.sift.api.Transfer;
import io.sift.api.TransferEvent;
import io.sift.api.TransferState;

/**
 * Alice sends bob 64 MiB over SOCKS5 only, through her direct streamhost (the only one offered),
 * while its port is attacked from loopback addresses: a burst of 1000 connections from 127.0.0.1
 * that say nothing, and slow clients from 127.0.0.2-9 that trickle a SOCKS5 exchange one byte at a
 * time, replaced as the listener closes them until the transfer is done. The file arrives verified,
 * the streamhost's threads stay as few as without the attack, and the listener closes every
 * attacking connection without granting any of them a stream.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class StreamhostUnderAttackIT extends InFramework {

    private static final Duration DONE = Duration.ofSeconds(180);
    private static final String BOB = "bob@localhost";
    private static final String BOB_FULL = "bob@localhost/itest";
    private static final long SIZE = 64L << 20;
    private static final int BURST = 1000;
    private static final int SLOW_PER_ADDRESS = 8;
    private static final long TRICKLE_MILLIS = 100;
    private static final String SOCKS5_THREADS = "sift-socks5";
    /** Not Socks5IT's port: an itest run in another checkout on this machine may hold that one. */
    private static final int ATTACKED_PORT = Socks5IT.DIRECT_PORT + 1;
    /** Threads of the streamhost and its method may come and go with bob's connection attempt: some room. */
    private static final int THREAD_ALLOWANCE = 4;

    private final EventLog events = new EventLog();
    private Path root;
    private Path downloads;
    private FileTransferService alice;

    @Before
    public void setUp() throws Exception {
        root = TestFiles.tempDir("under-attack-" + SiftRuntime.framework());
        downloads = root.resolve("downloads");
        TransferSetup.configureFileTransfer(context, configAdmin, scr, TransferSetup.acceptInto(downloads));
        Map<String, Object> directOnly = Socks5IT.loopbackSocks5();
        // no proxy: bob can only use the attacked streamhost
        directOnly.put("discoverProxies", false);
        directOnly.put("port", ATTACKED_PORT);
        Socks5IT.configureSocks5(context, configAdmin, scr, directOnly);
        alice = TransferSetup.aliceAndBob(context, configAdmin);
        events.listenIn(context);
    }

    @After
    public void tearDown() {
        events.close();
    }

    @Test
    public void aTransferThroughTheDirectStreamhostCompletesWhileItsPortIsAttacked() throws Exception {
        Path source = TestFiles.random(root.resolve("outbox"), "file.bin", SIZE, 64);
        String sha256 = TestFiles.sha256(source);
        Sent calm = send(source, "calm.bin", null);

        Sent attacked;
        int openAtTheEnd;
        long closedMillis;
        int idle;
        int slow;
        try (Attack attack = new Attack(ATTACKED_PORT, new Random(65))) {
            for (int host = 2; host <= 9; host++) {
                for (int i = 0; i < SLOW_PER_ADDRESS; i++) {
                    attack.slowClient("127.0.0." + host);
                }
            }
            for (int i = 0; i < BURST; i++) {
                attack.idleClient("127.0.0.1");
                if (i % 50 == 0) {
                    attack.poll();
                }
            }
            attacked = send(source, "under-attack.bin", attack);
            openAtTheEnd = attack.size() - attack.poll();
            attack.stopReplacing();
            long lastOpened = attack.lastOpenedNanos;
            Await.until(DONE, "the listener closed every attacking connection", () -> attack.poll() == attack.size());
            closedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastOpened);
            idle = attack.count(false);
            slow = attack.count(true);
            // none was granted a stream: the idle ones got nothing, the slow ones at most the method choice
            attack.assertReceivedAtMost(new byte[] {5, 0});
        }
        // the first transfer warmed the code up: one more without the attack, for a fair comparison
        Sent calmAgain = send(source, "calm-again.bin", null);

        assertTrue("the attack lasted as long as the transfer", openAtTheEnd > 0);
        for (Sent sent : List.of(calm, attacked, calmAgain)) {
            assertEquals(sent.transfer.failure().toString(), TransferState.COMPLETED, sent.transfer.state());
            assertEquals(StreamMethods.SOCKS5, sent.transfer.streamMethod().orElseThrow());
            assertTrue("bob confirmed his SHA-256", sent.transfer.verified());
            assertEquals(sha256, sent.transfer.sha256().orElseThrow());
            TransferEvent received = events.awaitEnd(DONE, BOB, Direction.INCOMING, sent.name);
            assertEquals(received.failure().toString(), TransferEvent.Type.COMPLETED, received.type());
            assertTrue(received.verified());
            assertEquals(sha256, TestFiles.sha256(downloads.resolve(sent.name)));
            Files.delete(downloads.resolve(sent.name));
        }
        Files.delete(source);
        int mostCalm = Math.max(calm.mostThreads, calmAgain.mostThreads);
        assertTrue("sift-socks5 threads: at most " + mostCalm + " calm, " + attacked.mostThreads + " under attack",
                attacked.mostThreads <= mostCalm + THREAD_ALLOWANCE);
        System.out.printf("[%s] 64 MiB over the direct streamhost: %d ms calm, %d ms under attack, %d ms calm again"
                + " (%d attacking connections: %d idle from 127.0.0.1, %d slow from 127.0.0.2-9, %d of them still open"
                + " when the transfer ended); live %s* threads at most %d calm, %d under attack; every attacking"
                + " connection closed %d ms after the last one was opened%n", SiftRuntime.framework(), calm.millis,
                attacked.millis, calmAgain.millis, idle + slow, idle, slow, openAtTheEnd, SOCKS5_THREADS, mostCalm,
                attacked.mostThreads, closedMillis);
    }

    /** A finished transfer, how long it took and the most sift-socks5 threads seen meanwhile. */
    private record Sent(String name, Transfer transfer, long millis, int mostThreads) {
    }

    /** Sends {@code source} as {@code name} with SOCKS5 only; drives {@code attack} (if any) until it ends. */
    private Sent send(Path source, String name, Attack attack) throws Exception {
        SendOptions options = SendOptions.defaults().withMethods(List.of(StreamMethods.SOCKS5)).withFallback(false)
                .withFileName(name);
        long start = System.nanoTime();
        CompletableFuture<Transfer> done = alice.send(BOB_FULL, source, options).completion().toCompletableFuture();
        int mostThreads = 0;
        while (true) {
            mostThreads = Math.max(mostThreads, socks5Threads());
            if (attack != null) {
                attack.poll();
            }
            try {
                Transfer transfer = done.get(attack == null ? 10 : 0, TimeUnit.MILLISECONDS);
                return new Sent(name, transfer, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start),
                        mostThreads);
            } catch (TimeoutException running) {
                if (System.nanoTime() - start > DONE.toNanos()) {
                    throw new AssertionError("the transfer of " + name + " did not end within " + DONE);
                }
            }
        }
    }

    private static int socks5Threads() {
        return (int) Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith(SOCKS5_THREADS)).count();
    }

    /**
     * Attacking connections to one port on 127.0.0.1, all driven from the test's thread through one
     * selector: {@link #poll} reads what arrived, notes which ones the listener ended, sends the slow
     * ones' due bytes and replaces ended slow ones until {@link #stopReplacing}.
     */
    private static final class Attack implements AutoCloseable {

        private static final class Client {
            final SocketChannel channel;
            final String local;
            final byte[] trickle;
            final ByteArrayOutputStream received = new ByteArrayOutputStream();
            int sent;
            long nextByteNanos;
            boolean ended;
            boolean replaced;

            Client(SocketChannel channel, String local, byte[] trickle) {
                this.channel = channel;
                this.local = local;
                this.trickle = trickle;
            }
        }

        private final Selector selector = Selector.open();
        private final int port;
        private final Random random;
        private final List<Client> clients = new ArrayList<>();
        private final ByteBuffer buffer = ByteBuffer.allocate(512);
        private boolean replacing = true;
        long lastOpenedNanos;

        Attack(int port, Random random) throws IOException {
            this.port = port;
            this.random = random;
        }

        void idleClient(String local) throws IOException {
            open(local, null);
        }

        /** A client that sends a greeting and a CONNECT for a stream nobody expects, one byte each 100 ms. */
        void slowClient(String local) throws IOException {
            byte[] hash = new byte[20];
            random.nextBytes(hash);
            byte[] address = HexFormat.of().formatHex(hash).getBytes(StandardCharsets.US_ASCII);
            ByteArrayOutputStream exchange = new ByteArrayOutputStream();
            exchange.writeBytes(new byte[] {5, 1, 0, 5, 1, 0, 3, (byte) address.length});
            exchange.writeBytes(address);
            exchange.writeBytes(new byte[] {0, 0});
            open(local, exchange.toByteArray());
        }

        private void open(String local, byte[] trickle) throws IOException {
            SocketChannel channel = SocketChannel.open();
            try {
                channel.bind(new InetSocketAddress(local, 0));
                channel.connect(new InetSocketAddress("127.0.0.1", port));
                channel.configureBlocking(false);
                Client client = new Client(channel, local, trickle);
                channel.register(selector, SelectionKey.OP_READ, client);
                clients.add(client);
                lastOpenedNanos = System.nanoTime();
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
        }

        void stopReplacing() {
            replacing = false;
        }

        /** Waits up to 10 ms for bytes or ends, then does one round; returns how many connections ended. */
        int poll() {
            try {
                selector.select(key -> read((Client) key.attachment()), 10);
                long now = System.nanoTime();
                for (Client client : List.copyOf(clients)) {
                    if (client.trickle == null) {
                        continue;
                    }
                    if (client.ended && replacing && !client.replaced) {
                        client.replaced = true;
                        slowClient(client.local);
                    } else if (!client.ended && client.sent < client.trickle.length && now - client.nextByteNanos >= 0) {
                        write(client, client.trickle[client.sent++]);
                        client.nextByteNanos = now + TimeUnit.MILLISECONDS.toNanos(TRICKLE_MILLIS);
                    }
                }
            } catch (IOException e) {
                throw new AssertionError("the attack itself failed: " + e, e);
            }
            return (int) clients.stream().filter(c -> c.ended).count();
        }

        private void read(Client client) {
            try {
                int n;
                while ((n = client.channel.read(buffer.clear())) > 0) {
                    client.received.write(buffer.array(), 0, n);
                }
                if (n < 0) {
                    end(client);
                }
            } catch (IOException reset) {
                end(client);
            }
        }

        private void write(Client client, byte b) {
            try {
                client.channel.write(ByteBuffer.wrap(new byte[] {b}));
            } catch (IOException reset) {
                end(client);
            }
        }

        private void end(Client client) {
            client.ended = true;
            try {
                client.channel.close();
            } catch (IOException e) {
                // closed either way
            }
        }

        int size() {
            return clients.size();
        }

        int count(boolean slow) {
            return (int) clients.stream().filter(c -> (c.trickle != null) == slow).count();
        }

        void assertReceivedAtMost(byte[] allowed) {
            for (Client client : clients) {
                byte[] got = client.received.toByteArray();
                assertTrue(Arrays.toString(got), Arrays.equals(got, Arrays.copyOf(allowed, got.length))
                        && (client.trickle != null || got.length == 0));
            }
        }

        @Override
        public void close() throws IOException {
            for (Client client : clients) {
                client.channel.close();
            }
            selector.close();
        }
    }
}
