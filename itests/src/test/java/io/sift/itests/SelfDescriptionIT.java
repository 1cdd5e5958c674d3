package io.sift.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.jivesoftware.smackx.caps.packet.CapsExtension;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.jivesoftware.smackx.iqversion.packet.Version;
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
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.runtime.ServiceComponentRuntime;

import io.sift.api.FileTransferService;
import io.sift.api.SendOptions;
import io.sift.api.StreamMethods;
import io.sift.api.Transfer;
import io.sift.api.TransferState;
import io.sift.negotiation.StreamInitiator;

/**
 * How a SIFT account looks to other clients: its identity, its version, exactly the features it
 * serves, capabilities that match them, all of it from the first presence on and after every change.
 * The observer is a plain Smack client, not SIFT.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SelfDescriptionIT {

    private static final String BOB_FULL = "bob@localhost/itest";
    private static final String SI = "http://jabber.org/protocol/si";
    private static final String FILE_PROFILE = "http://jabber.org/protocol/si/profile/file-transfer";
    private static final String FILE_CHECK = "https://sift.io/protocol/file-check";
    /** What every SIFT account serves beside its transfer features: disco, caps, ping, version. */
    private static final Set<String> BASE = Set.of(
            "http://jabber.org/protocol/disco#info",
            "http://jabber.org/protocol/disco#items",
            "http://jabber.org/protocol/caps",
            "urn:xmpp:ping",
            "jabber:iq:version");
    private static final Duration WAIT = Duration.ofSeconds(60);

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

    @Before
    public void setUp() throws Exception {
        TransferSetup.configureFileTransfer(context, configAdmin, scr, TransferSetup.acceptInto(
                LocalProsody.projectDir().resolve("itests/target/itest-files/self-" + SiftRuntime.framework())));
        TransferSetup.aliceAndBob(context, configAdmin);
    }

    /** Everything bob serves right now, as the framework's services say. */
    private Set<String> served() throws InterruptedException {
        StreamInitiator initiator = Services.await(context, StreamInitiator.class, null, WAIT);
        Set<String> served = new TreeSet<>(BASE);
        served.addAll(List.of(SI, FILE_PROFILE, FILE_CHECK));
        served.addAll(initiator.availableMethods());
        return served;
    }

    private static Set<String> features(DiscoverInfo info) {
        return info.getFeatures().stream().map(DiscoverInfo.Feature::getVar).collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    public void aPeerSeesSiftServingExactlyItsFeatures() throws Exception {
        try (PeerWatcher carol = PeerWatcher.login("carol", "watcher-" + SiftRuntime.framework(), BOB_FULL, p -> { })) {
            Await.until(WAIT, "bob's presence with capabilities", () -> carol.latestCaps() != null);
            DiscoverInfo info = carol.ask(null);
            System.out.println("[" + SiftRuntime.framework() + "] bob's disco#info as carol sees it:\n" + info.toXML());

            assertEquals(1, info.getIdentities().size());
            DiscoverInfo.Identity identity = info.getIdentities().get(0);
            assertEquals("client", identity.getCategory());
            assertEquals("pc", identity.getType());
            assertTrue(identity.getName(), identity.getName().matches("SIFT \\d+\\.\\d+\\.\\d+.*"));
            assertEquals(served(), features(info));
            assertTrue(features(info).containsAll(List.of(StreamMethods.IBB, StreamMethods.SOCKS5)));

            CapsExtension caps = carol.latestCaps();
            assertEquals("https://sift.io", caps.getNode());
            assertEquals("sha-1", caps.getHash());
            DiscoverInfo atNode = carol.cachedInfo(); // checks the version against the answer
            assertEquals(features(info), features(atNode));

            Version version = carol.softwareVersion();
            assertEquals("SIFT", version.getName());
            assertEquals(identity.getName(), "SIFT " + version.getVersion());
            System.out.println("[" + SiftRuntime.framework() + "] bob's capabilities: " + caps.toXML()
                    + "\n[" + SiftRuntime.framework() + "] bob's software version: " + version.toXML());
        }
    }

    /**
     * bob logs in again and again; the instant each presence arrives the observer asks bob what it
     * serves. No answer may lack the transfer features: a client that asked then (libpurple does)
     * would conclude that bob cannot receive files.
     */
    @Test
    public void theFeaturesAreThereTheInstantThePresenceArrives() throws Exception {
        Set<String> expected = served();
        Map<Integer, Object> answers = new ConcurrentHashMap<>(); // by the number of the presence asked about
        AtomicInteger presences = new AtomicInteger();
        AtomicReference<PeerWatcher> watcher = new AtomicReference<>();
        try (PeerWatcher carol = PeerWatcher.login("carol", "instant-" + SiftRuntime.framework(), BOB_FULL, presence -> {
            int number = presences.getAndIncrement();
            try {
                watcher.get().askAsync(answer -> answers.put(number, answer));
            } catch (Exception e) {
                answers.put(number, e);
            }
        })) {
            watcher.set(carol);
            Await.until(WAIT, "bob's presence as carol logs in, answered",
                    () -> presences.get() > 0 && answers.size() == presences.get());
            int cycles = 10;
            for (int i = 0; i < cycles; i++) {
                int before = presences.get();
                long session = sessionOf("bob");
                if (i % 5 == 4) {
                    restartBundle("io.sift.connection");
                } else {
                    logInAgain("bob", i);
                }
                // the new session's presence left before its FileTransferService was registered
                Await.until(WAIT, "bob's new session " + (i + 1), () -> sessionOf("bob") > session);
                Await.until(WAIT, "an answer about a presence of the new session " + (i + 1),
                        () -> answers.entrySet().stream().anyMatch(
                                a -> a.getKey() >= before && a.getValue() instanceof DiscoverInfo));
                Await.until(WAIT, "an answer to each of bob's presences", () -> answers.size() == presences.get());
            }
            int full = 0;
            List<Object> gone = new ArrayList<>();
            for (Map.Entry<Integer, Object> answer : new TreeMap<>(answers).entrySet()) {
                if (answer.getValue() instanceof DiscoverInfo info) {
                    Set<String> features = features(info);
                    assertTrue("features missing the instant presence " + answer.getKey() + " arrived: " + features,
                            features.containsAll(expected));
                    full++;
                } else {
                    // bob repeats a presence right after logging in; when the next cycle ends that session at
                    // once, the question about the repeated presence finds bob gone (an error, or no answer)
                    gone.add(answer.getValue());
                }
            }
            assertTrue("answered: " + full + ", not answered: " + gone, full > cycles);
            System.out.println("[" + SiftRuntime.framework() + "] " + full + " of " + answers.size() + " disco#info "
                    + "requests, sent the instant bob's presence arrived, answered with all " + expected.size()
                    + " features (" + cycles + " new sessions); " + gone.size() + " found bob gone");
        }
    }

    /**
     * A client that keeps disco#info answers by capabilities version learns of every change of bob's
     * features from the presence bob sends at once: a stream-method bundle stopped and started, and
     * a reconfiguration that restarts the SOCKS5 method.
     */
    @Test
    public void aPeerThatCachedTheCapabilitiesSeesEveryChange() throws Exception {
        try (PeerWatcher carol = PeerWatcher.login("carol", "cache-" + SiftRuntime.framework(), BOB_FULL, p -> { })) {
            Await.until(WAIT, "carol caches bob's features with IBB", () -> cachedFeatures(carol).contains(StreamMethods.IBB));
            Bundle ibb = bundle("io.sift.ibb");
            ibb.stop();
            try {
                Await.until(WAIT, "carol's cache without IBB", () -> !cachedFeatures(carol).contains(StreamMethods.IBB));
            } finally {
                ibb.start();
            }
            Await.until(WAIT, "carol's cache with IBB again", () -> cachedFeatures(carol).contains(StreamMethods.IBB));

            Map<String, Object> socks5 = Socks5IT.loopbackSocks5();
            socks5.put("directEnabled", false);
            Socks5IT.configureSocks5(context, configAdmin, scr, socks5);
            Socks5IT.configureSocks5(context, configAdmin, scr, Socks5IT.loopbackSocks5());
            Set<String> expected = served();
            assertTrue(expected.contains(StreamMethods.SOCKS5));
            Await.until(WAIT, "carol's cache equal to what bob serves", () -> cachedFeatures(carol).equals(expected));
            assertEquals(features(carol.ask(null)), cachedFeatures(carol));
        }
    }

    private static Set<String> cachedFeatures(PeerWatcher watcher) {
        try {
            DiscoverInfo info = watcher.cachedInfo();
            return info == null ? Set.of() : features(info);
        } catch (AssertionError e) {
            throw e;
        } catch (Exception notYet) {
            return Set.of();
        }
    }

    private Bundle bundle(String symbolicName) {
        return Arrays.stream(context.getBundles()).filter(b -> symbolicName.equals(b.getSymbolicName()))
                .findFirst().orElseThrow();
    }

    /**
     * Sends to a bare JID the moment the sender is announced: the contacts' presences come from the
     * server only after the sender's own presence, so they may still be on their way. The peer is found
     * all the same, by every one of several sends at once, and every file arrives. (A send that woke on
     * the presence stanza before the roster took it in used to find no resource, and waited 5 s for a
     * presence that had come already.)
     */
    @Test
    public void sendsToABareJidRightAfterLogInFindThePeer() throws Exception {
        Path outbox = LocalProsody.projectDir().resolve("itests/target/itest-files/self-" + SiftRuntime.framework());
        int atOnce = 8;
        List<Path> sources = new ArrayList<>();
        for (int n = 0; n < atOnce; n++) {
            // each its own file: the same file offered again while an offer of it waits is taken for a fallback
            sources.add(TestFiles.random(outbox.resolve("outbox"), "right-after-login-" + n + ".bin", 100_000, 77 + n));
        }
        for (int i = 0; i < 4; i++) {
            long session = sessionOf("alice");
            logInAgain("alice", i);
            Await.until(WAIT, "alice's new session", () -> sessionOf("alice") > session);
            FileTransferService alice = TransferSetup.service(context, "alice");
            List<CompletableFuture<Transfer>> sends = new ArrayList<>();
            for (Path source : sources) {
                sends.add(alice.send("bob@localhost", source, SendOptions.defaults()).completion()
                        .toCompletableFuture());
            }
            for (CompletableFuture<Transfer> send : sends) {
                Transfer done = send.get(WAIT.toSeconds(), TimeUnit.SECONDS);
                assertEquals("cycle " + i + ": " + done.failure(), TransferState.COMPLETED, done.state());
            }
        }
    }

    /** The service id of the user's FileTransferService (grows with every session), or 0. */
    private long sessionOf(String user) {
        try {
            ServiceReference<?>[] refs = context.getServiceReferences(FileTransferService.class.getName(),
                    Services.jidFilter(LocalProsody.jid(user)));
            return refs == null ? 0 : (Long) refs[0].getProperty(Constants.SERVICE_ID);
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A changed value makes the account component start over: a new session, a new presence. */
    private void logInAgain(String user, int cycle) throws Exception {
        org.osgi.service.cm.Configuration config = configAdmin.getFactoryConfiguration(Accounts.FACTORY_PID, user, "?");
        Hashtable<String, Object> props = Accounts.localAccount(user);
        props.put("replyTimeoutMillis", 15000L + cycle % 2 + 1);
        config.update(props);
    }

    private void restartBundle(String symbolicName) throws Exception {
        Bundle bundle = bundle(symbolicName);
        bundle.stop();
        bundle.start();
    }
}
