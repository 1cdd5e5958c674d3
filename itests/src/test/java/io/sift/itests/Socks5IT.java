package io.sift.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.inject.Inject;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.runtime.ServiceComponentRuntime;

import io.sift.api.Direction;
import io.sift.api.FailureReason;
import io.sift.api.FileTransferService;
import io.sift.api.SendOptions;
import io.sift.api.StreamMethods;
import io.sift.api.Transfer;
import io.sift.api.TransferEvent;
import io.sift.api.TransferFailure;
import io.sift.api.TransferState;

/** SOCKS5 bytestreams through the local Prosody: direct, via proxy65, fallback, hot-swap, concurrency, hostility. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class Socks5IT {

    static final String COMPONENT = "io.sift.socks5.internal.Socks5Component";
    static final String LISTENER_COMPONENT = "io.sift.socks5.internal.DirectListenerComponent";
    /** A fixed port, so a hostile client knows where to knock. */
    static final int DIRECT_PORT = 27778;
    private static final Duration DONE = Duration.ofSeconds(180);
    private static final String BOB = "bob@localhost";
    private static final String BOB_FULL = "bob@localhost/itest";

    @Inject
    private BundleContext context;

    @Inject
    private ConfigurationAdmin configAdmin;

    @Inject
    private ServiceComponentRuntime scr;

    private Path root;
    private Path downloads;
    private FileTransferService alice;
    private final EventLog events = new EventLog();

    @Configuration
    public Option[] config() {
        return SiftRuntime.withProsody();
    }

    /** Direct streamhost on loopback only, proxies discovered from the server. */
    static Map<String, Object> loopbackSocks5() {
        Map<String, Object> settings = new HashMap<>();
        settings.put("directEnabled", true);
        settings.put("bindAddress", "127.0.0.1");
        settings.put("port", DIRECT_PORT);
        settings.put("advertisedAddresses", new String[] {"127.0.0.1"});
        settings.put("discoverProxies", true);
        return settings;
    }

    @Before
    public void setUp() throws Exception {
        root = LocalProsody.projectDir().resolve("itests/target/itest-files/socks5-" + SiftRuntime.framework());
        downloads = root.resolve("downloads");
        TransferSetup.configureFileTransfer(context, configAdmin, scr, TransferSetup.acceptInto(downloads));
        socks5(loopbackSocks5());
        alice = TransferSetup.aliceAndBob(context, configAdmin);
        events.listenIn(context);
    }

    @After
    public void tearDown() {
        events.close();
    }

    private void socks5(Map<String, Object> settings) throws Exception {
        configureSocks5(context, configAdmin, scr, settings);
    }

    /**
     * Applies a SOCKS5 configuration and waits until both components of its PID run with it: the
     * direct listener restarts on a change, so a client that connects before it did is refused.
     */
    static void configureSocks5(BundleContext context, ConfigurationAdmin configAdmin, ServiceComponentRuntime scr,
            Map<String, Object> settings) throws Exception {
        TransferSetup.configureMethod(context, configAdmin, scr, "io.sift.socks5", COMPONENT, StreamMethods.SOCKS5,
                settings);
        TransferSetup.configure(context, configAdmin, scr, "io.sift.socks5", LISTENER_COMPONENT, settings);
    }

    private Transfer sendAndCheck(String name, long size, SendOptions options, String expectedMethod) throws Exception {
        Path source = TestFiles.random(root.resolve("outbox"), name, size, name.hashCode());
        long start = System.nanoTime();
        Transfer done = alice.send(BOB_FULL, source, options).completion().toCompletableFuture()
                .get(DONE.toSeconds(), TimeUnit.SECONDS);
        double seconds = (System.nanoTime() - start) / 1e9;
        assertEquals(done.failure().toString(), TransferState.COMPLETED, done.state());
        assertEquals(expectedMethod, done.streamMethod().orElseThrow());
        // after a fallback the receiver saw two offers of the file: the first ends FAILED, the second completes
        events.await(DONE, "bob completes " + name, e -> e.account().equals(BOB)
                && e.direction() == Direction.INCOMING && e.fileName().equals(name)
                && e.type() == TransferEvent.Type.COMPLETED);
        assertEquals(TestFiles.sha256(source), TestFiles.sha256(downloads.resolve(name)));
        System.out.printf("[%s] %s %s: %d bytes in %.3f s (%.1f MiB/s)%n", SiftRuntime.framework(),
                StreamMethods.shortName(expectedMethod), name, size, seconds, size / seconds / (1 << 20));
        Files.delete(downloads.resolve(name));
        Files.delete(source);
        return done;
    }

    private static SendOptions socks5Only() {
        return SendOptions.defaults().withMethods(List.of(StreamMethods.SOCKS5)).withFallback(false);
    }

    @Test
    public void directStreamhostCarriesFilesIntact() throws Exception {
        sendAndCheck("direct-1m.bin", 1L << 20, socks5Only(), StreamMethods.SOCKS5);
        sendAndCheck("direct-256m.bin", 256L << 20, socks5Only(), StreamMethods.SOCKS5);
    }

    @Test
    public void theServerProxyCarriesFilesIntactWhenDirectIsOff() throws Exception {
        Map<String, Object> proxyOnly = loopbackSocks5();
        proxyOnly.put("directEnabled", false);
        socks5(proxyOnly);
        try {
            sendAndCheck("proxy-1m.bin", 1L << 20, socks5Only(), StreamMethods.SOCKS5);
            sendAndCheck("proxy-256m.bin", 256L << 20, socks5Only(), StreamMethods.SOCKS5);
        } finally {
            socks5(loopbackSocks5());
        }
    }

    @Test
    public void unreachableStreamhostsFallBackToInBand() throws Exception {
        Map<String, Object> unreachable = loopbackSocks5();
        // nothing listens on 127.0.0.2 (the listener is bound to 127.0.0.1), and no proxy is offered
        unreachable.put("advertisedAddresses", new String[] {"127.0.0.2"});
        unreachable.put("discoverProxies", false);
        socks5(unreachable);
        try {
            sendAndCheck("fallback.bin", 3L << 20, SendOptions.defaults(), StreamMethods.IBB);
            List<TransferEvent.Type> types = events.types("alice@localhost", Direction.OUTGOING, "fallback.bin");
            assertTrue(types.toString(), types.contains(TransferEvent.Type.FALLBACK));
            assertTrue(types.indexOf(TransferEvent.Type.FALLBACK) < types.indexOf(TransferEvent.Type.STARTED));
        } finally {
            socks5(loopbackSocks5());
        }
    }

    @Test
    public void eightConcurrentTransfersAllArriveIntact() throws Exception {
        List<Path> sources = new ArrayList<>();
        List<Transfer> transfers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Path source = TestFiles.random(root.resolve("outbox"), "concurrent-" + i + ".bin", 8L << 20, i);
            sources.add(source);
        }
        for (Path source : sources) {
            transfers.add(alice.send(BOB_FULL, source, socks5Only()));
        }
        for (int i = 0; i < 8; i++) {
            Transfer done = transfers.get(i).completion().toCompletableFuture().get(DONE.toSeconds(), TimeUnit.SECONDS);
            assertEquals(done.failure().toString(), TransferState.COMPLETED, done.state());
            String name = sources.get(i).getFileName().toString();
            events.awaitEnd(DONE, BOB, Direction.INCOMING, name);
            assertEquals(TestFiles.sha256(sources.get(i)), TestFiles.sha256(downloads.resolve(name)));
        }
    }

    @Test
    public void aHostileClientAtTheDirectStreamhostDoesNotDisturbARealTransfer() throws Exception {
        Path source = TestFiles.random(root.resolve("outbox"), "under-attack.bin", 64L << 20, 99);
        Transfer transfer = alice.send(BOB_FULL, source, socks5Only());
        // while it runs: a wrong hash, garbage, and a client that says nothing
        try (Socket wrongHash = new Socket(InetAddress.getLoopbackAddress(), DIRECT_PORT);
                Socket garbage = new Socket(InetAddress.getLoopbackAddress(), DIRECT_PORT);
                Socket silent = new Socket(InetAddress.getLoopbackAddress(), DIRECT_PORT)) {
            OutputStream out = wrongHash.getOutputStream();
            out.write(new byte[] {5, 1, 0});
            out.flush();
            byte[] greeting = wrongHash.getInputStream().readNBytes(2);
            assertEquals(5, greeting[0]);
            byte[] hash = "0123456789abcdef0123456789abcdef01234567".getBytes(StandardCharsets.US_ASCII);
            byte[] request = new byte[5 + hash.length + 2];
            request[0] = 5;
            request[1] = 1;
            request[3] = 3;
            request[4] = (byte) hash.length;
            System.arraycopy(hash, 0, request, 5, hash.length);
            out.write(request);
            out.flush();
            assertEquals("the listener closes a connection nobody expects", -1, drain(wrongHash.getInputStream()));

            garbage.getOutputStream().write("GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertEquals(-1, drain(garbage.getInputStream()));

            Transfer done = transfer.completion().toCompletableFuture().get(DONE.toSeconds(), TimeUnit.SECONDS);
            assertEquals(done.failure().toString(), TransferState.COMPLETED, done.state());
            events.awaitEnd(DONE, BOB, Direction.INCOMING, "under-attack.bin");
            assertEquals(TestFiles.sha256(source), TestFiles.sha256(downloads.resolve("under-attack.bin")));
        }
    }

    /** Reads until the peer closes; returns -1 then (a listener that keeps talking fails the test by timeout). */
    private static int drain(InputStream in) throws Exception {
        byte[] buffer = new byte[256];
        int n;
        while ((n = in.read(buffer)) >= 0) {
            // the server's refusal reply, if any
        }
        return n;
    }

    @Test
    public void stoppingTheSocks5BundleFailsItsTransferLeavesOthersAndOffersInBand() throws Exception {
        Bundle socks5 = Arrays.stream(context.getBundles())
                .filter(b -> "io.sift.socks5".equals(b.getSymbolicName())).findFirst().orElseThrow();
        // a SOCKS5 transfer still running when the bundle stops (through the proxy: slow enough to catch
        // mid-way for sure), and an in-band one beside it
        Map<String, Object> proxyOnly = loopbackSocks5();
        proxyOnly.put("directEnabled", false);
        socks5(proxyOnly);
        Path big = TestFiles.random(root.resolve("outbox"), "cut-off.bin", 256L << 20, 1);
        Path small = TestFiles.random(root.resolve("outbox"), "beside.bin", 2L << 20, 2);
        FileTransferService bob = TransferSetup.service(context, "bob");
        Transfer running = alice.send(BOB_FULL, big, socks5Only());
        Transfer inBand = alice.send(BOB_FULL, small, SendOptions.defaults().withMethods(List.of(StreamMethods.IBB)));
        Await.until(DONE, "bob writing bytes that came over SOCKS5", () -> bob.transfers().stream()
                .anyMatch(t -> t.fileName().equals("cut-off.bin") && t.bytesTransferred() > 0));
        assertTrue("still running when the bundle stops", !running.state().isFinal());
        socks5.stop();
        try {
            Transfer cut = running.completion().toCompletableFuture().get(DONE.toSeconds(), TimeUnit.SECONDS);
            assertTrue(cut.toString(), cut.state() == TransferState.FAILED);
            // alice and bob share the framework, so the bundle stops on both sides at once: whichever
            // side notices first says why; alice's own method gone, or bob's reported in bob's words
            TransferFailure why = cut.failure().orElseThrow();
            assertTrue(why.toString(), why.reason() == FailureReason.STREAM_METHOD_GONE
                    || why.reason() == FailureReason.STREAM_FAILED
                            && why.message().endsWith("the SOCKS5 stream method was stopped"));
            System.out.println("[" + SiftRuntime.framework() + "] SOCKS5 stopped mid-transfer: " + cut.failure().orElseThrow());
            Transfer other = inBand.completion().toCompletableFuture().get(DONE.toSeconds(), TimeUnit.SECONDS);
            assertEquals(TransferState.COMPLETED, other.state());
            // the sender is done when its data is acknowledged; bob then verifies and moves the file into place
            TransferEvent received = events.awaitEnd(DONE, BOB, Direction.INCOMING, "beside.bin");
            assertEquals(received.failure().toString(), TransferEvent.Type.COMPLETED, received.type());
            assertEquals(TestFiles.sha256(small), TestFiles.sha256(downloads.resolve("beside.bin")));
            // no final file; the partial one stays for a resend to continue
            Await.until(Duration.ofSeconds(10), "bob keeps only the partial file of the cut transfer",
                    () -> Files.exists(downloads.resolve("cut-off.bin.part")) && !Files.exists(downloads.resolve("cut-off.bin")));

            Transfer without = alice.send(BOB_FULL, small, SendOptions.defaults().withFileName("without-socks5.bin"))
                    .completion().toCompletableFuture().get(DONE.toSeconds(), TimeUnit.SECONDS);
            assertEquals(TransferState.COMPLETED, without.state());
            assertEquals(StreamMethods.IBB, without.streamMethod().orElseThrow());
        } finally {
            socks5.start();
        }
        configureSocks5(context, configAdmin, scr, loopbackSocks5());
        // alice goes by bob's capabilities: once his presence announcing SOCKS5 again reached her
        TransferSetup.awaitAnnounced(context, "alice", BOB_FULL);
        Transfer again = alice.send(BOB_FULL, small, SendOptions.defaults().withFileName("with-socks5-again.bin"))
                .completion().toCompletableFuture().get(DONE.toSeconds(), TimeUnit.SECONDS);
        assertEquals(again.failure().toString(), TransferState.COMPLETED, again.state());
        assertEquals("SOCKS5 is preferred again", StreamMethods.SOCKS5, again.streamMethod().orElseThrow());
        Files.delete(big);
        assertTrue(bob.transfers().stream().anyMatch(t -> t.fileName().equals("cut-off.bin")
                && t.state().isFinal() && t.state() != TransferState.COMPLETED));
    }
}
