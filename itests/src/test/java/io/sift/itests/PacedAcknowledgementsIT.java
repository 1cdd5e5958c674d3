package io.sift.itests;

import static org.junit.Assert.assertEquals;

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
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.log.LogReaderService;
import org.osgi.service.log.admin.LoggerAdmin;

import io.sift.api.Direction;
import io.sift.api.FileTransferService;
import io.sift.api.SendOptions;
import io.sift.api.StreamMethods;
import io.sift.api.Transfer;
import io.sift.api.TransferEvent;
import io.sift.api.TransferState;

/**
 * A receiver that paces its in-band acknowledgements (slixmpp acknowledging blocks above 4 KiB one
 * per 20 ms) makes the sender's block-size timings say what it likes. What it makes them say decides
 * the streams to it only: the next stream to another peer times the sizes for itself.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PacedAcknowledgementsIT {

    private static final Duration DONE = Duration.ofSeconds(180);
    /**
     * Longer than the first round of timings, also where the window fills with small blocks while a
     * paced probe waits for its acknowledgements.
     */
    private static final long TO_DAVE = 16L << 20;
    /** Longer than the first round of timings. */
    private static final long TO_BOB = 4L << 20;
    private static final String IBB_PID = "io.sift.ibb";
    /**
     * The sizes the first round of timings always takes a megabyte or more of; 4 KiB blocks only where
     * 64 KiB ones came through less than twice as fast as 16 KiB ones.
     */
    private static final List<Integer> FIRST_ROUND = List.of(16384, 65535);

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
    private Path downloads;
    private LogCapture log;
    private EventLog events;

    @Configuration
    public Option[] config() {
        return SiftRuntime.withProsody();
    }

    @Before
    public void setUp() throws Exception {
        root = LocalProsody.projectDir().resolve("itests/target/itest-files/paced-acks-" + SiftRuntime.framework());
        downloads = root.resolve("downloads");
        TransferSetup.configureFileTransfer(context, configAdmin, scr, TransferSetup.acceptInto(downloads));
        TransferSetup.ensureAccount(configAdmin, "alice");
        TransferSetup.ensureAccount(configAdmin, "bob");
        TransferSetup.configureInBand(context, configAdmin, scr, Map.of("adaptiveBlockSize", true), "alice");
        TransferSetup.service(context, "bob");
        // each block size a stream timed is logged at debug
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
    public void aPeerThatPacesItsAcknowledgementsDecidesOnlyTheBlockSizeOfItsOwnStreams() throws Exception {
        FileTransferService alice = TransferSetup.service(context, "alice");
        Path inbox = Files.createDirectories(root.resolve("dave-inbox"));
        String toDave = "dave@localhost/" + SlixmppPeer.RESOURCE;
        try (PeerProcess dave = SlixmppPeer.receive("dave", inbox, 1, "--ibb-max-block-size", "65535",
                "--ibb-pace-acks-above", "4096", "--ibb-ack-interval-ms", "20")) {
            dave.await("READY", Duration.ofSeconds(60));
            Path source = TestFiles.random(root.resolve("outbox"), "to-dave.bin", TO_DAVE, 47);
            Transfer done = sendInBand(alice, toDave, source);
            // slixmpp has no way to confirm the file: no more than "sent"
            assertEquals(done.failure().toString(), TransferState.SENT, done.state());
            Map<String, String> result = dave.await("RESULT", DONE);
            assertEquals(result.toString(), "complete", result.get("status"));
            assertEquals(TestFiles.sha256(source), TestFiles.sha256(inbox.resolve("to-dave.bin")));
        }
        for (int size : FIRST_ROUND) {
            awaitTimed(toDave, size);
        }

        String toBob = "bob@localhost/itest";
        Path source = TestFiles.random(root.resolve("outbox"), "to-bob.bin", TO_BOB, 443);
        Transfer done = sendInBand(alice, toBob, source);
        assertEquals(done.failure().toString(), TransferState.COMPLETED, done.state());
        TransferEvent end = events.awaitEnd(DONE, "bob@localhost", Direction.INCOMING, "to-bob.bin");
        assertEquals(end.failure().toString(), TransferEvent.Type.COMPLETED, end.type());
        assertEquals(TestFiles.sha256(source), TestFiles.sha256(downloads.resolve("to-bob.bin")));
        // had the timings paced by dave carried over, bob's stream would have timed nothing
        for (int size : FIRST_ROUND) {
            awaitTimed(toBob, size);
        }
    }

    private static Transfer sendInBand(FileTransferService alice, String to, Path source) throws Exception {
        return alice.send(to, source, SendOptions.defaults().withMethods(List.of(StreamMethods.IBB)))
                .completion().toCompletableFuture().get(DONE.toSeconds(), TimeUnit.SECONDS);
    }

    /** A stream to {@code target} logged its timing of {@code size}-byte blocks. */
    private void awaitTimed(String target, int size) throws InterruptedException {
        log.await(Duration.ofSeconds(10), "a timing of " + size + "-byte blocks to " + target, e -> e.getMessage()
                .contains(" to " + target + ": blocks of " + size + " bytes came through"));
    }
}
