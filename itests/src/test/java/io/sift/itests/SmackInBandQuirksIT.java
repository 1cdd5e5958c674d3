package io.sift.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.inject.Inject;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.jxmpp.jid.impl.JidCreate;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogReaderService;
import org.osgi.service.log.admin.LoggerAdmin;

import io.sift.api.Direction;
import io.sift.api.FileTransferService;
import io.sift.api.SendOptions;
import io.sift.api.StreamMethods;
import io.sift.api.Transfer;
import io.sift.api.TransferEvent;
import io.sift.api.TransferState;
import io.sift.connection.AccountConnection;

/**
 * SIFT sends in-band to Smack 4.4.8's FileTransferManager, which takes data blocks out of sequence
 * unless it gets one at a time: recognised by its presence (carol, in alice's roster), by what it
 * says when asked (dave, whose presence nobody receives), or, when the quirk table recognises
 * nobody, learned from the first attempt, which breaks and is offered once more.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SmackInBandQuirksIT {

    private static final Duration DONE = Duration.ofSeconds(180);
    private static final long SIZE = 4L << 20;
    private static final String IBB_PID = "io.sift.ibb";
    private static final String[] DEFAULT_TABLE = {
        "caps:https://igniterealtime.org/projects/smack",
        "caps:http://www.igniterealtime.org/projects/smack/",
        "identity:Smack",
        "version:Smack" };

    @Inject
    private BundleContext context;

    @Inject
    private ConfigurationAdmin configAdmin;

    @Inject
    private ServiceComponentRuntime scr;

    @Inject
    private LogReaderService logReader;

    @Inject
    private LoggerAdmin loggerAdmin;

    private Path root;
    private LogCapture log;
    private EventLog events;

    @Configuration
    public Option[] config() {
        return SiftRuntime.withProsody();
    }

    @Before
    public void setUp() throws Exception {
        root = LocalProsody.projectDir().resolve("itests/target/itest-files/smack-quirks-" + SiftRuntime.framework());
        TransferSetup.configureFileTransfer(context, configAdmin, scr, TransferSetup.acceptInto(root.resolve("downloads")));
        TransferSetup.ensureAccount(configAdmin, "alice");
        TransferSetup.configureInBand(context, configAdmin, scr, Map.of("oneBlockAtATimePeers", DEFAULT_TABLE), "alice");
        // the in-band method says how it decided the window at debug level
        LogLevels.info(loggerAdmin);
        LogLevels.debug(loggerAdmin, IBB_PID);
        log = new LogCapture(logReader);
        events = new EventLog().listenIn(context);
    }

    @After
    public void tearDown() {
        events.close();
        log.close();
    }

    @Test
    public void smackWhosePresenceArrivedIsKnownByItsCapabilities() throws Exception {
        FileTransferService alice = TransferSetup.service(context, "alice");
        Path inbox = Files.createDirectories(root.resolve("carol-inbox"));
        try (PeerProcess carol = SmackPeer.receive("carol", inbox, 1)) {
            carol.await("READY", Duration.ofSeconds(60));
            // carol is in alice's roster: her presence, with Smack's capabilities node, reaches alice
            AccountConnection account = aliceAccount();
            Await.until(TransferSetup.READY, "alice knows carol's capabilities node", () -> account
                    .peerCapsNode(JidCreate.fromOrThrowUnchecked("carol@localhost/smack")).isPresent());
            String name = "to-carol-known-by-caps.bin";
            sendAndCheck(alice, carol, "carol@localhost/smack", name, inbox);
            assertOneBlockAtATime("carol@localhost/smack", "capabilities node https://igniterealtime.org/projects/smack");
            assertFalse("recognised before the first block, not after a failure",
                    types(name).contains(TransferEvent.Type.FALLBACK));
        }
    }

    @Test
    public void smackWhosePresenceNeverArrivedIsKnownByWhatItSays() throws Exception {
        FileTransferService alice = TransferSetup.service(context, "alice");
        Path inbox = Files.createDirectories(root.resolve("dave-inbox"));
        try (PeerProcess dave = SmackPeer.receive("dave", inbox, 1)) {
            dave.await("READY", Duration.ofSeconds(60));
            String name = "to-dave-known-by-identity.bin";
            sendAndCheck(alice, dave, "dave@localhost/smack", name, inbox);
            assertOneBlockAtATime("dave@localhost/smack", "client/pc/Smack");
            assertFalse("recognised before the first block, not after a failure",
                    types(name).contains(TransferEvent.Type.FALLBACK));
            assertTrue("dave's presence never reached alice", aliceAccount()
                    .peerCapsNode(JidCreate.fromOrThrowUnchecked("dave@localhost/smack")).isEmpty());
        }
    }

    @Test
    public void smackThatNobodyRecognisesGetsTheFileAgainOneBlockAtATime() throws Exception {
        TransferSetup.configureInBand(context, configAdmin, scr, Map.of("oneBlockAtATimePeers", new String[0]), "alice");
        try {
            FileTransferService alice = TransferSetup.service(context, "alice");
            Path inbox = Files.createDirectories(root.resolve("dave-retry-inbox"));
            try (PeerProcess dave = SmackPeer.receive("dave", inbox, 1, "--keep-going")) {
                dave.await("READY", Duration.ofSeconds(60));
                String name = "to-dave-after-a-retry.bin";
                long start = System.nanoTime();
                Path source = TestFiles.random(root.resolve("outbox"), name, SIZE, name.hashCode());
                Transfer done = alice.send("dave@localhost/smack", source,
                        SendOptions.defaults().withMethods(List.of(StreamMethods.IBB)))
                        .completion().toCompletableFuture().get(DONE.toSeconds(), TimeUnit.SECONDS);
                assertEquals(done.failure().toString(), TransferState.SENT, done.state());
                Map<String, String> broken = dave.await("RESULT", DONE);
                assertEquals("the first attempt, in a window, broke: " + broken, "error", broken.get("status"));
                Map<String, String> delivered = dave.await("RESULT", DONE);
                assertEquals(delivered.toString(), "complete", delivered.get("status"));
                assertEquals(TestFiles.sha256(source), delivered.get("sha256"));
                assertEquals(TestFiles.sha256(source), TestFiles.sha256(inbox.resolve(name)));
                assertEquals(SIZE, done.bytesTransferred());
                List<TransferEvent.Type> types = types(name);
                assertEquals(types.toString(), 1, types.stream().filter(t -> t == TransferEvent.Type.FALLBACK).count());
                log.await(DONE, "the learning logged", e -> e.getMessage().contains("out of sequence"));
                assertOneBlockAtATime("dave@localhost/smack", "out of sequence before");
                System.out.printf("[%s] SIFT -> Smack (IBB), unrecognised, sent again one block at a time: %.2f s%n",
                        SiftRuntime.framework(), (System.nanoTime() - start) / 1e9);
            }
        } finally {
            TransferSetup.configureInBand(context, configAdmin, scr, Map.of("oneBlockAtATimePeers", DEFAULT_TABLE),
                    "alice");
        }
    }

    private void sendAndCheck(FileTransferService alice, PeerProcess smack, String to, String name, Path inbox)
            throws Exception {
        Path source = TestFiles.random(root.resolve("outbox"), name, SIZE, name.hashCode());
        long start = System.nanoTime();
        Transfer done = alice.send(to, source, SendOptions.defaults().withMethods(List.of(StreamMethods.IBB)))
                .completion().toCompletableFuture().get(DONE.toSeconds(), TimeUnit.SECONDS);
        // Smack has no way to confirm the file: SIFT claims no more than "sent"
        assertEquals(done.failure().toString(), TransferState.SENT, done.state());
        Map<String, String> result = smack.await("RESULT", DONE);
        assertEquals(result.toString(), "complete", result.get("status"));
        assertEquals(TestFiles.sha256(source), result.get("sha256"));
        assertEquals(TestFiles.sha256(source), TestFiles.sha256(inbox.resolve(name)));
        System.out.printf("[%s] SIFT -> Smack %s (IBB) ok: %.2f s%n", SiftRuntime.framework(), to,
                (System.nanoTime() - start) / 1e9);
    }

    /** The in-band method logged that it sends to {@code peer} one block at a time, for {@code reason}. */
    private void assertOneBlockAtATime(String peer, String reason) throws InterruptedException {
        LogEntry entry = log.await(Duration.ofSeconds(10), "the window decided for " + peer, e -> e.getMessage()
                .contains("in-band data to " + peer + " goes") && e.getMessage().contains(reason));
        assertTrue(entry.getMessage(), entry.getMessage().contains("goes one block at a time"));
    }

    /** Alice's account, which knows the capabilities node of each presence it received. */
    private AccountConnection aliceAccount() throws InterruptedException {
        return Services.await(context, AccountConnection.class, Services.jidFilter(LocalProsody.jid("alice")),
                TransferSetup.READY);
    }

    private List<TransferEvent.Type> types(String name) {
        return events.types("alice@localhost", Direction.OUTGOING, name);
    }
}
