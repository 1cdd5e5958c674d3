package io.sift.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

import io.sift.api.Direction;
import io.sift.api.FailureReason;
import io.sift.api.FileTransferService;
import io.sift.api.SendOptions;
import io.sift.api.StreamMethods;
import io.sift.api.Transfer;
import io.sift.api.TransferEvent;
import io.sift.api.TransferState;

/**
 * Every file is checked end to end, whatever its size: a relay in the SOCKS5 path that inverts one
 * byte makes both sides fail with a hash mismatch, and nothing is stored; the same relay passing the
 * bytes untouched gives a verified file on both sides.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class IntegrityIT extends InFramework {

    /** The direct streamhost listens on 127.0.0.1; offers name 127.0.0.3, where the relay listens on the same port. */
    private static final String RELAY_ADDRESS = "127.0.0.3";
    /** What the streamhost sends before the file: method selection (2 bytes), reply with a 40-byte DST.ADDR (47). */
    private static final long HANDSHAKE_BYTES = 2 + 47;
    private static final Duration DONE = Duration.ofSeconds(180);
    private static final String BOB = "bob@localhost";
    private static final String BOB_FULL = "bob@localhost/itest";

    private Path root;
    private Path downloads;
    private FileTransferService alice;
    private final EventLog events = new EventLog();

    @Before
    public void setUp() throws Exception {
        root = LocalProsody.projectDir().resolve("itests/target/itest-files/integrity-" + SiftRuntime.framework());
        downloads = root.resolve("downloads");
        TransferSetup.configureFileTransfer(context, configAdmin, scr, TransferSetup.acceptInto(downloads));
        alice = TransferSetup.aliceAndBob(context, configAdmin);
        events.listenIn(context);
    }

    @After
    public void tearDown() {
        events.close();
    }

    /** A relay on a free port of 127.0.0.3, and the direct streamhost on the same port of 127.0.0.1 behind it. */
    private CorruptingRelay relay(long flipAt) throws Exception {
        CorruptingRelay relay = new CorruptingRelay(InetAddress.getByName(RELAY_ADDRESS),
                InetAddress.getByName("127.0.0.1"), flipAt);
        Map<String, Object> socks5 = new HashMap<>();
        socks5.put("directEnabled", true);
        socks5.put("bindAddress", "127.0.0.1");
        socks5.put("port", relay.port());
        socks5.put("advertisedAddresses", new String[] {RELAY_ADDRESS});
        socks5.put("discoverProxies", false);
        Socks5IT.configureSocks5(context, configAdmin, scr, socks5);
        return relay;
    }

    private static SendOptions socks5Only() {
        return SendOptions.defaults().withMethods(List.of(StreamMethods.SOCKS5)).withFallback(false);
    }

    private void corruptedByteFailsBothSides(String name, long size, long corruptAt) throws Exception {
        Path source = TestFiles.random(root.resolve("outbox"), name, size, name.hashCode());
        try (CorruptingRelay relay = relay(HANDSHAKE_BYTES + corruptAt)) {
            Transfer sent = alice.send(BOB_FULL, source, socks5Only()).completion().toCompletableFuture()
                    .get(DONE.toSeconds(), TimeUnit.SECONDS);
            TransferEvent received = events.awaitEnd(DONE, BOB, Direction.INCOMING, name);

            assertEquals("the relay inverted one byte", 1, relay.flipped());
            assertEquals(received.toString(), TransferEvent.Type.FAILED, received.type());
            assertEquals(FailureReason.HASH_MISMATCH, received.failure().orElseThrow().reason());
            assertEquals(sent.toString(), TransferState.FAILED, sent.state());
            assertEquals(FailureReason.HASH_MISMATCH, sent.failure().orElseThrow().reason());
            assertTrue(sent.failure().orElseThrow().message(),
                    sent.failure().orElseThrow().message().startsWith("the receiver reports"));
            assertFalse("nothing is stored under the file's name", Files.exists(downloads.resolve(name)));
            assertFalse("no partial file is left", Files.exists(downloads.resolve(name + ".part")));
        }
    }

    @Test
    public void aCorruptedByteOfASmallFileFailsBothSides() throws Exception {
        corruptedByteFailsBothSides("small-corrupted.bin", 1L << 20, 1000);
    }

    @Test
    public void aCorruptedByteOfALargeFileFailsBothSides() throws Exception {
        // larger than the size up to which files used to be hashed before the offer
        corruptedByteFailsBothSides("large-corrupted.bin", (65L << 20) + 1, 64L << 20);
    }

    @Test
    public void theSameRelayPassingBytesUntouchedGivesAVerifiedFileOnBothSides() throws Exception {
        String name = "relayed-intact.bin";
        Path source = TestFiles.random(root.resolve("outbox"), name, 3L << 20, 5);
        try (CorruptingRelay relay = relay(Long.MAX_VALUE)) {
            Transfer sent = alice.send(BOB_FULL, source, socks5Only()).completion().toCompletableFuture()
                    .get(DONE.toSeconds(), TimeUnit.SECONDS);
            TransferEvent received = events.awaitEnd(DONE, BOB, Direction.INCOMING, name);

            assertEquals(sent.failure().toString(), TransferState.COMPLETED, sent.state());
            assertTrue("the receiver confirmed the SHA-256", sent.verified());
            assertEquals(received.toString(), TransferEvent.Type.COMPLETED, received.type());
            assertTrue(received.verified());
            String sha = TestFiles.sha256(source);
            assertEquals(sha, sent.sha256().orElseThrow());
            assertEquals(sha, received.sha256().orElseThrow());
            assertEquals(sha, TestFiles.sha256(downloads.resolve(name)));
            assertEquals(0, relay.flipped());
        }
    }
}
