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
 * SIFT and slixmpp 1.8.3 (Debian's python3-slixmpp, in its own process) exchange files both ways, over
 * in-band bytestreams and SOCKS5. slixmpp as a sender offers only the server's proxy (it has no
 * streamhost of its own); as a target it tries every offered streamhost at once and takes the first
 * in document order that answered.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SlixmppInteropIT {

    private static final Duration DONE = Duration.ofSeconds(180);
    private static final long IBB_SIZE = 4L << 20;
    private static final long SOCKS5_SIZE = 16L << 20;
    private static final String SLIXMPP_FULL = "carol@localhost/" + SlixmppPeer.RESOURCE;

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
        root = LocalProsody.projectDir().resolve("itests/target/itest-files/slixmpp-" + SiftRuntime.framework());
        downloads = root.resolve("downloads");
        TransferSetup.configureFileTransfer(context, configAdmin, scr, TransferSetup.acceptInto(downloads));
        socks5(true);
        TransferSetup.ensureAccount(configAdmin, "alice");
        TransferSetup.ensureAccount(configAdmin, "bob");
        events.listenIn(context);
    }

    @After
    public void tearDown() throws Exception {
        events.close();
        socks5(true);
    }

    /**
     * SIFT's SOCKS5 on loopback only (slixmpp-peer ignores any other streamhost), its direct streamhost
     * on a free port so that runs beside other itests do not collide.
     */
    private void socks5(boolean direct) throws Exception {
        Map<String, Object> settings = Socks5IT.loopbackSocks5();
        settings.put("directEnabled", direct);
        settings.put("port", 0);
        Socks5IT.configureSocks5(context, configAdmin, scr, settings);
    }

    private void ibb(Map<String, Object> settings) throws Exception {
        // the in-band method re-registers after the change: go on once alice serves it again, asked directly
        TransferSetup.configureInBand(context, configAdmin, scr, settings, "alice");
        TransferSetup.service(context, "bob");
    }

    private void siftSendsToSlixmpp(String name, long size, String method) throws Exception {
        siftSendsToSlixmpp(name, size, method, false);
    }

    private void siftSendsToSlixmpp(String name, long size, String method, boolean fallback) throws Exception {
        FileTransferService alice = TransferSetup.service(context, "alice");
        Path source = TestFiles.random(root.resolve("outbox"), name, size, name.hashCode());
        Path inbox = Files.createDirectories(root.resolve("slixmpp-inbox"));
        try (PeerProcess carol = SlixmppPeer.receive("carol", inbox, 1)) {
            carol.await("READY", Duration.ofSeconds(60));
            Transfer done = alice.send(SLIXMPP_FULL, source,
                    SendOptions.defaults().withMethods(List.of(method)).withFallback(fallback))
                    .completion().toCompletableFuture().get(DONE.toSeconds(), TimeUnit.SECONDS);
            // the peer has no way to confirm the file: SIFT claims no more than "sent"
            assertEquals(done.failure().toString(), TransferState.SENT, done.state());
            assertEquals(method, done.streamMethod().orElseThrow());
            Map<String, String> result = carol.await("RESULT", DONE);
            assertEquals(result.toString(), "complete", result.get("status"));
            assertEquals(TestFiles.sha256(source), result.get("sha256"));
            assertEquals(TestFiles.sha256(source), TestFiles.sha256(inbox.resolve(name)));
            assertEquals(carol.toString(), 0, carol.exitCode(Duration.ofSeconds(30)));
        }
    }

    private void slixmppSendsToSift(String name, long size, String peerMethod, String expectedMethod)
            throws Exception {
        TransferSetup.service(context, "bob");
        Path source = TestFiles.random(root.resolve("outbox"), name, size, name.hashCode());
        try (PeerProcess carol = SlixmppPeer.send("carol", "bob@localhost/itest", source, "--method", peerMethod)) {
            Map<String, String> result = carol.await("RESULT", DONE);
            assertEquals(result.toString(), "complete", result.get("status"));
            assertEquals(result.toString(), expectedMethod.equals(StreamMethods.IBB) ? "ibb" : "socks5",
                    result.get("method"));
            assertEquals(0, carol.exitCode(Duration.ofSeconds(30)));
        }
        TransferEvent end = events.awaitEnd(DONE, "bob@localhost", Direction.INCOMING, name);
        assertEquals(end.failure().toString(), TransferEvent.Type.COMPLETED, end.type());
        assertEquals(expectedMethod, end.streamMethod().orElseThrow());
        assertEquals(TestFiles.sha256(source), TestFiles.sha256(downloads.resolve(name)));
        Files.delete(downloads.resolve(name));
    }

    /**
     * With SIFT's default block size (65535). slixmpp refuses blocks over 8192 with resource-constraint,
     * but it has already used up the stream's authorisation from the SI accept by then, so every later
     * open of that sid, whatever its block size, is refused with not-acceptable: a retry of the open
     * cannot succeed. SIFT remembers the refusal and offers the file once more, in a new session that
     * asks for 4096-byte blocks from the start.
     */
    @Test
    public void siftSendsToSlixmppInBand() throws Exception {
        siftSendsToSlixmpp("to-slixmpp-ibb.bin", IBB_SIZE, StreamMethods.IBB, true);
    }

    /** The in-band data path itself, with blocks slixmpp accepts from the first open. */
    @Test
    public void siftSendsToSlixmppInBandWithinSlixmppsBlockLimit() throws Exception {
        for (String stanza : List.of("IQ", "MESSAGE")) {
            ibb(Map.of("blockSize", 8192, "stanza", stanza));
            try {
                siftSendsToSlixmpp("to-slixmpp-ibb-8k-" + stanza + ".bin", IBB_SIZE, StreamMethods.IBB);
            } finally {
                ibb(Map.of("blockSize", 65535, "stanza", "IQ"));
            }
        }
    }

    @Test
    public void siftSendsToSlixmppOverSocks5Direct() throws Exception {
        siftSendsToSlixmpp("to-slixmpp-direct.bin", SOCKS5_SIZE, StreamMethods.SOCKS5);
    }

    @Test
    public void siftSendsToSlixmppThroughTheProxy() throws Exception {
        socks5(false);
        siftSendsToSlixmpp("to-slixmpp-proxy.bin", SOCKS5_SIZE, StreamMethods.SOCKS5);
    }

    @Test
    public void slixmppSendsToSiftInBand() throws Exception {
        slixmppSendsToSift("from-slixmpp-ibb.bin", IBB_SIZE, "ibb", StreamMethods.IBB);
    }

    @Test
    public void slixmppSendsToSiftThroughTheProxy() throws Exception {
        slixmppSendsToSift("from-slixmpp-proxy.bin", SOCKS5_SIZE, "socks5", StreamMethods.SOCKS5);
    }

    /** slixmpp offers both; SIFT prefers SOCKS5 (priority 20 over in-band's 10). */
    @Test
    public void slixmppOfferingBothMethodsGetsSocks5() throws Exception {
        slixmppSendsToSift("from-slixmpp-any.bin", SOCKS5_SIZE, "any", StreamMethods.SOCKS5);
    }
}
