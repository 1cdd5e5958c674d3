package io.sift.itests;

import static org.junit.Assert.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.inject.Inject;

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

import io.sift.api.Direction;
import io.sift.api.FileTransferService;
import io.sift.api.SendOptions;
import io.sift.api.StreamMethods;
import io.sift.api.Transfer;
import io.sift.api.TransferEvent;
import io.sift.api.TransferState;

/** SIFT and Smack 4.4.8's own FileTransferManager (in its own JVM) exchange files both ways. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SmackInteropIT {

    private static final Duration DONE = Duration.ofSeconds(180);

    @Inject
    private BundleContext context;

    @Inject
    private ConfigurationAdmin configAdmin;

    @Inject
    private ServiceComponentRuntime scr;

    private Path root;
    private Path downloads;

    @Configuration
    public Option[] config() {
        return SiftRuntime.withProsody();
    }

    @Before
    public void setUp() throws Exception {
        root = LocalProsody.projectDir().resolve("itests/target/itest-files/interop-" + SiftRuntime.framework());
        downloads = root.resolve("downloads");
        TransferSetup.configureFileTransfer(context, configAdmin, scr, TransferSetup.acceptInto(downloads));
        TransferSetup.ensureAccount(configAdmin, "alice");
        TransferSetup.ensureAccount(configAdmin, "bob");
    }

    @Test
    public void siftSendsToSmackInBand() throws Exception {
        FileTransferService alice = TransferSetup.service(context, "alice");
        Path source = TestFiles.random(root.resolve("outbox"), "to-smack-ibb.bin", 4L << 20, 31);
        Path smackInbox = Files.createDirectories(root.resolve("smack-inbox"));
        try (PeerProcess carol = SmackPeer.receive("carol", smackInbox, 1)) {
            String ready = carol.await("READY", Duration.ofSeconds(60)).get("line");
            Transfer done = alice.send("carol@localhost/smack", source,
                    SendOptions.defaults().withMethods(List.of(StreamMethods.IBB)))
                    .completion().toCompletableFuture().get(DONE.toSeconds(), TimeUnit.SECONDS);
            // the peer has no way to confirm the file: SIFT claims no more than "sent"
            assertEquals(done.failure().toString(), TransferState.SENT, done.state());
            Map<String, String> result = carol.await("RESULT", DONE);
            assertEquals(result.toString(), "complete", result.get("status"));
            assertEquals(TestFiles.sha256(source), result.get("sha256"));
            assertEquals(TestFiles.sha256(source), TestFiles.sha256(smackInbox.resolve("to-smack-ibb.bin")));
            System.out.println("[" + SiftRuntime.framework() + "] SIFT -> Smack (IBB) ok: " + ready);
        }
    }

    @Test
    public void smackSendsToSiftInBand() throws Exception {
        TransferSetup.service(context, "bob");
        try (EventLog events = new EventLog().listenIn(context)) {
            Path source = TestFiles.random(root.resolve("outbox"), "from-smack-ibb.bin", 4L << 20, 32);
            try (PeerProcess carol = SmackPeer.send("carol", "bob@localhost/itest", source, "--method", "ibb")) {
                Map<String, String> result = carol.await("RESULT", DONE);
                assertEquals(result.toString(), "complete", result.get("status"));
            }
            TransferEvent end = events.awaitEnd(DONE, "bob@localhost", Direction.INCOMING, "from-smack-ibb.bin");
            assertEquals(end.failure().toString(), TransferEvent.Type.COMPLETED, end.type());
            assertEquals(StreamMethods.IBB, end.streamMethod().orElseThrow());
            assertEquals(TestFiles.sha256(source), TestFiles.sha256(downloads.resolve("from-smack-ibb.bin")));
            Files.delete(downloads.resolve("from-smack-ibb.bin"));
        }
    }
}
