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

import io.sift.api.Direction;
import io.sift.api.FileTransferService;
import io.sift.api.SendOptions;
import io.sift.api.StreamMethods;
import io.sift.api.Transfer;
import io.sift.api.TransferEvent;
import io.sift.api.TransferState;

/**
 * SIFT and Smack 4.4.8's own FileTransferManager (in its own JVM) over SOCKS5, both directions, direct
 * and through Prosody's proxy65. Smack never offers 127.0.0.1 as its own streamhost; smack-peer's
 * --streamhost option makes it offer loopback so that a direct path exists on this machine.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class Socks5InteropIT {

    private static final Duration DONE = Duration.ofSeconds(180);
    private static final long SIZE = 16L << 20;

    @Inject
    private BundleContext context;

    @Inject
    private ConfigurationAdmin configAdmin;

    @Inject
    private ServiceComponentRuntime scr;

    private Path root;
    private Path downloads;
    private final EventLog events = new EventLog();

    @Configuration
    public Option[] config() {
        return SiftRuntime.withProsody();
    }

    @Before
    public void setUp() throws Exception {
        root = LocalProsody.projectDir().resolve("itests/target/itest-files/s5-interop-" + SiftRuntime.framework());
        downloads = root.resolve("downloads");
        TransferSetup.configureFileTransfer(context, configAdmin, scr, TransferSetup.acceptInto(downloads));
        TransferSetup.ensureAccount(configAdmin, "alice");
        TransferSetup.ensureAccount(configAdmin, "bob");
        events.listenIn(context);
    }

    @After
    public void tearDown() throws Exception {
        events.close();
        Socks5IT.configureSocks5(context, configAdmin, scr, Socks5IT.loopbackSocks5());
    }

    private void siftSendsToSmack(String name, boolean direct) throws Exception {
        Map<String, Object> socks5 = Socks5IT.loopbackSocks5();
        socks5.put("directEnabled", direct);
        Socks5IT.configureSocks5(context, configAdmin, scr, socks5);
        FileTransferService alice = TransferSetup.service(context, "alice");
        Path source = TestFiles.random(root.resolve("outbox"), name, SIZE, name.hashCode());
        Path inbox = Files.createDirectories(root.resolve("smack-inbox"));
        try (PeerProcess carol = SmackPeer.receive("carol", inbox, 1)) {
            carol.await("READY", Duration.ofSeconds(60));
            Transfer done = alice.send("carol@localhost/smack", source,
                    SendOptions.defaults().withMethods(List.of(StreamMethods.SOCKS5)).withFallback(false))
                    .completion().toCompletableFuture().get(DONE.toSeconds(), TimeUnit.SECONDS);
            // the peer has no way to confirm the file: SIFT claims no more than "sent"
            assertEquals(done.failure().toString(), TransferState.SENT, done.state());
            assertEquals(StreamMethods.SOCKS5, done.streamMethod().orElseThrow());
            Map<String, String> result = carol.await("RESULT", DONE);
            assertEquals(result.toString(), "complete", result.get("status"));
            assertEquals(TestFiles.sha256(source), result.get("sha256"));
        }
    }

    private void smackSendsToSift(String name, String... streamhostOptions) throws Exception {
        TransferSetup.service(context, "bob");
        // Smack checks the receiver's capabilities before it offers SOCKS5: bob's presence after the
        // reconfiguration of the set-up must already announce it, with nothing done here to help
        Path source = TestFiles.random(root.resolve("outbox"), name, SIZE, name.hashCode());
        String[] args = new String[streamhostOptions.length + 2];
        args[0] = "--method";
        args[1] = "socks5";
        System.arraycopy(streamhostOptions, 0, args, 2, streamhostOptions.length);
        Map<String, String> result = smackSends(source, args);
        assertEquals(result.toString(), "complete", result.get("status"));
        TransferEvent end = events.awaitEnd(DONE, "bob@localhost", Direction.INCOMING, name);
        assertEquals(end.failure().toString(), TransferEvent.Type.COMPLETED, end.type());
        assertEquals(StreamMethods.SOCKS5, end.streamMethod().orElseThrow());
        assertEquals(TestFiles.sha256(source), TestFiles.sha256(downloads.resolve(name)));
    }

    private static Map<String, String> smackSends(Path source, String... args) throws Exception {
        try (PeerProcess carol = SmackPeer.send("carol", "bob@localhost/itest", source, args)) {
            return carol.await("RESULT", DONE);
        }
    }

    @Test
    public void siftSendsToSmackDirect() throws Exception {
        siftSendsToSmack("to-smack-direct.bin", true);
    }

    @Test
    public void siftSendsToSmackThroughTheProxy() throws Exception {
        siftSendsToSmack("to-smack-proxy.bin", false);
    }

    @Test
    public void smackSendsToSiftDirect() throws Exception {
        smackSendsToSift("from-smack-direct.bin", "--streamhost", "127.0.0.1");
    }

    @Test
    public void smackSendsToSiftThroughTheProxy() throws Exception {
        smackSendsToSift("from-smack-proxy.bin", "--no-local-streamhost");
    }
}
