package io.sift.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

import io.sift.api.Direction;
import io.sift.api.FailureReason;
import io.sift.api.StreamMethods;
import io.sift.api.Transfer;
import io.sift.api.TransferEvent;

/**
 * A peer's process is killed (SIGKILL) while a file moves, in-band and through the server's SOCKS5
 * proxy: the side still running notices and fails its transfer, the receiver's partial file stays,
 * and the same file sent again continues it and arrives checked. The killed side is sift.jar in a
 * process of its own; the other is alice or bob in this framework.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class KillPeerIT extends FaultCase {

    private static final String BOB_JAR = "bob@localhost/jar";
    private static final long IBB_SIZE = 128L << 20;
    /** The proxy relays at about 55 MiB/s: seconds for the whole file. */
    private static final long PROXY_SIZE = 256L << 20;
    /** What makes sift.jar send through the server's proxy only, as slow as the proxy. */
    private static final Map<String, String> JAR_PROXY_ONLY = Map.of("io.sift.socks5.cfg", "directEnabled = false\n");
    private static final int SIGKILLED = 128 + 9;

    @Test
    public void aReceiverKilledInBandIsNoticedAndTheResendContinuesItsPartialFile() throws Exception {
        receiverKilled("killed-receiver-ibb.bin", IBB_SIZE, StreamMethods.IBB);
    }

    @Test
    public void aReceiverKilledOverTheProxyIsNoticedAndTheResendContinuesItsPartialFile() throws Exception {
        Map<String, Object> proxyOnly = Socks5IT.loopbackSocks5();
        proxyOnly.put("directEnabled", false);
        Socks5IT.configureSocks5(context, configAdmin, scr, proxyOnly);
        try {
            receiverKilled("killed-receiver-socks5.bin", PROXY_SIZE, StreamMethods.SOCKS5);
        } finally {
            Socks5IT.configureSocks5(context, configAdmin, scr, Socks5IT.loopbackSocks5());
        }
    }

    @Test
    public void aSenderKilledInBandLeavesThePartialFileTheResendContinues() throws Exception {
        senderKilled("killed-sender-ibb.bin", IBB_SIZE, StreamMethods.IBB, Map.of());
    }

    @Test
    public void aSenderKilledOverTheProxyLeavesThePartialFileTheResendContinues() throws Exception {
        senderKilled("killed-sender-socks5.bin", PROXY_SIZE, StreamMethods.SOCKS5, JAR_PROXY_ONLY);
    }

    /** alice here sends to sift.jar receiving, which is killed mid-way; a new sift.jar receives the resend. */
    private void receiverKilled(String name, long size, String method) throws Exception {
        Path source = source(name, size);
        Path into = root.resolve("received");
        Transfer first;
        Instant killedAt;
        try (PeerProcess receiver = SiftJar.receiver("jar", root, into, 1)) {
            TransferSetup.awaitServed(context, "alice", BOB_JAR, FILE_TRANSFER);
            first = alice.send(BOB_JAR, source, only(method));
            Path part = into.resolve(name + ".part");
            Await.until(DONE, "the receiver has written " + MOVED + " bytes of " + name,
                    () -> sizeOf(part) > MOVED || first.state().isFinal());
            assertFalse("still running when the receiver is killed: " + first, first.state().isFinal());
            killedAt = Instant.now();
            assertEquals(SIGKILLED, receiver.kill());
        }
        TransferEvent noticed = awaitBrokenOff(ALICE, Direction.OUTGOING, name);
        assertReceiverGone(noticed);
        long kept = awaitKeptPart(into, name);

        Transfer again;
        try (PeerProcess receiver = SiftJar.receiver("jar", root, into, 1)) {
            TransferSetup.awaitServed(context, "alice", BOB_JAR, FILE_TRANSFER);
            again = alice.send(BOB_JAR, source, only(method)).completion().toCompletableFuture()
                    .get(DONE.toSeconds(), TimeUnit.SECONDS);
            assertResumed(again, source, kept);
            assertCompleted(SiftJar.awaitResult(receiver, name, DONE), source, method);
            assertEquals(0, receiver.exitCode(DONE));
        }
        assertStoredAlone(into, source);
        report("kill -9 of the receiving sift.jar", noticed, killedAt, again);
    }

    /** sift.jar sends to bob here and is killed mid-way; a new sift.jar sends the file again. */
    private void senderKilled(String name, long size, String method, Map<String, String> etc) throws Exception {
        Path source = source(name, size);
        Instant killedAt;
        try (PeerProcess sender = jarSend(source, method, etc)) {
            awaitReceiving(name);
            killedAt = Instant.now();
            assertEquals(SIGKILLED, sender.kill());
        }
        TransferEvent noticed = awaitBrokenOff(BOB, Direction.INCOMING, name);
        assertSenderGone(noticed);
        long kept = awaitKeptPart(downloads, name);

        try (PeerProcess sender = jarSend(source, method, etc)) {
            assertCompleted(SiftJar.awaitResult(sender, name, DONE), source, method);
            assertEquals(0, sender.exitCode(DONE));
        }
        Transfer again = awaitCompletedHere(name);
        assertResumed(again, source, kept);
        assertStoredAlone(downloads, source);
        report("kill -9 of the sending sift.jar", noticed, killedAt, again);
    }

    /** The sender failed the transfer because the receiver went away: its stream broke, or its presence said so. */
    private static void assertReceiverGone(TransferEvent end) {
        assertEquals(end.toString(), TransferEvent.Type.FAILED, end.type());
        FailureReason reason = end.failure().orElseThrow().reason();
        assertTrue(end.toString(), reason == FailureReason.PEER_UNAVAILABLE || reason == FailureReason.STREAM_FAILED);
    }

    /**
     * The receiver ended the transfer because the sender went away: its presence said so, or its
     * stream broke; or the stream ended early, which a receiver cannot tell from the sender's cancel.
     */
    private static void assertSenderGone(TransferEvent end) {
        if (end.type() == TransferEvent.Type.CANCELLED) {
            assertTrue(end.toString(), end.failure().isEmpty());
            return;
        }
        FailureReason reason = end.failure().orElseThrow().reason();
        assertTrue(end.toString(), reason == FailureReason.PEER_UNAVAILABLE || reason == FailureReason.STREAM_FAILED);
    }

    private PeerProcess jarSend(Path source, String method, Map<String, String> etc) throws IOException {
        return SiftJar.start("alice", "jar", root, etc, "send", BOB_HERE, source.toString(), "--method",
                StreamMethods.shortName(method));
    }

    /** sift.jar's result line says the file arrived checked, by the method asked for. */
    private static void assertCompleted(List<String> result, Path source, String method) throws IOException {
        String line = String.join("\t", result);
        assertEquals(line, "COMPLETED", result.get(SiftJar.STATE));
        assertEquals(line, Long.toString(Files.size(source)), result.get(SiftJar.SIZE));
        assertEquals(line, StreamMethods.shortName(method), result.get(SiftJar.METHOD));
        assertEquals(line, TestFiles.sha256(source), result.get(SiftJar.SHA256));
        assertEquals(line, "verified", result.get(SiftJar.CHECK));
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (NoSuchFileException notYet) {
            return 0;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
