package io.sift.itests;

import static org.junit.Assert.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.inject.Inject;

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

/**
 * The in-band modes other than the default, end to end through Prosody: strict stop-and-wait
 * (window 1) and data in message stanzas.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class IbbModesIT {

    private static final Duration DONE = Duration.ofSeconds(180);
    /** -Dsift.itest.ibbModesSize=67108864 for the 64 MiB figures. */
    private static final long SIZE = Long.getLong("sift.itest.ibbModesSize", 8L << 20);

    @Inject
    private BundleContext context;

    @Inject
    private ConfigurationAdmin configAdmin;

    @Inject
    private ServiceComponentRuntime scr;

    @Configuration
    public Option[] config() {
        return SiftRuntime.withProsody();
    }

    @Test
    public void stopAndWaitAndMessageStanzasCarryFilesIntact() throws Exception {
        Path root = LocalProsody.projectDir().resolve("itests/target/itest-files/ibb-modes-" + SiftRuntime.framework());
        Path downloads = root.resolve("downloads");
        TransferSetup.configureFileTransfer(context, configAdmin, scr, TransferSetup.acceptInto(downloads));
        TransferSetup.ensureAccount(configAdmin, "alice");
        TransferSetup.ensureAccount(configAdmin, "bob");
        try (EventLog events = new EventLog().listenIn(context)) {
            for (Map<String, Object> mode : List.<Map<String, Object>>of(
                    Map.of("window", 1, "stanza", "IQ"),
                    Map.of("window", 16, "stanza", "IQ"),
                    Map.of("window", 16, "stanza", "MESSAGE"))) {
                // the in-band method re-registers after the change: offer once bob serves it again, asked directly
                TransferSetup.configureInBand(context, configAdmin, scr, mode, "bob");
                FileTransferService alice = TransferSetup.service(context, "alice");
                String name = "ibb-" + mode.get("stanza") + "-window" + mode.get("window") + ".bin";
                Path source = TestFiles.random(root.resolve("outbox"), name, SIZE, name.hashCode());
                long start = System.nanoTime();
                Transfer done = sendWhenOffered(alice, source);
                double seconds = (System.nanoTime() - start) / 1e9;
                assertEquals(done.failure().toString(), TransferState.COMPLETED, done.state());
                TransferEvent end = events.awaitEnd(DONE, "bob@localhost", Direction.INCOMING, name);
                assertEquals(end.failure().toString(), TransferEvent.Type.COMPLETED, end.type());
                assertEquals(TestFiles.sha256(source), TestFiles.sha256(downloads.resolve(name)));
                System.out.printf("[%s] IBB %s window %s: %d bytes in %.2f s (%.1f MiB/s)%n", SiftRuntime.framework(),
                        mode.get("stanza"), mode.get("window"), SIZE, seconds, SIZE / seconds / (1 << 20));
                Files.delete(downloads.resolve(name));
            }
        }
    }

    private static Transfer sendWhenOffered(FileTransferService alice, Path source) throws Exception {
        return alice.send("bob@localhost/itest", source, SendOptions.defaults().withMethods(List.of(StreamMethods.IBB)))
                .completion().toCompletableFuture().get(DONE.toSeconds(), TimeUnit.SECONDS);
    }
}
