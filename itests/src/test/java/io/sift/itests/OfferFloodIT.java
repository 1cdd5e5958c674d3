package io.sift.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Hashtable;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.jivesoftware.smack.XMPPConnection;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StanzaError;
import org.junit.After;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.jxmpp.jid.impl.JidCreate;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;

import io.sift.api.Direction;
import io.sift.api.FileTransferService;
import io.sift.api.OfferDecision;
import io.sift.api.OfferHandler;
import io.sift.api.SendOptions;
import io.sift.api.Transfer;
import io.sift.api.TransferEvent;
import io.sift.api.TransferState;
import io.sift.api.XmppAccount;
import io.sift.connection.AccountConnection;

/**
 * One peer floods an account with stream offers that stay unanswered, over a real connection,
 * while another peer offers a file: the flood fills only its own share of the pending offers, so the
 * other peer's offer is answered and its file arrives.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class OfferFloodIT extends InFramework {

    private static final Duration DONE = Duration.ofSeconds(120);
    private static final String BOB_FULL = "bob@localhost/itest";
    private static final String SI = "http://jabber.org/protocol/si";
    private static final String FILE_TRANSFER = SI + "/profile/file-transfer";
    private static final int PER_PEER = 8;
    private static final int FLOOD = 200;
    /** The file transfer default: offers of one peer that may wait for a decision or their stream. */
    private static final int WAITING_PER_PEER = 16;

    /** Lets the offers held by the receiver's handler go (declined). */
    private final CountDownLatch release = new CountDownLatch(1);
    private final EventLog events = new EventLog();
    private ServiceRegistration<?> handler;

    @After
    public void tearDown() {
        release.countDown();
        if (handler != null) {
            handler.unregister();
        }
        events.close();
    }

    @Test
    public void aFloodOfOffersFromOnePeerDoesNotShutOutAnother() throws Exception {
        Path root = TestFiles.tempDir("flood-" + SiftRuntime.framework());
        Path downloads = root.resolve("downloads");
        TransferSetup.configure(context, configAdmin, scr, "io.sift.negotiation",
                "io.sift.negotiation.internal.NegotiationComponent", Map.of("maxPendingOffersPerPeer", PER_PEER));
        Senders senders = start(downloads);
        FileTransferService alice = senders.alice();
        XMPPConnection carol = senders.carol();
        AtomicInteger held = new AtomicInteger();
        handler = registerHandler(held);

        // carol's offers stay pending (the handler holds them) or are refused
        Map<String, AtomicInteger> answers = new ConcurrentHashMap<>();
        long floodStart = System.nanoTime();
        for (int i = 0; i < FLOOD; i++) {
            offer(carol, "flood-" + i, answers);
        }
        Await.until(DONE, "every flood offer held or answered", () -> held.get() + total(answers) == FLOOD);
        long floodMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - floodStart);
        assertEquals(PER_PEER, held.get());
        assertEquals(Map.of("resource-constraint/wait", FLOOD - PER_PEER), counts(answers));

        // meanwhile alice's offer is answered and her file arrives
        Path source = TestFiles.random(root.resolve("outbox"), "during-the-flood.bin", 1 << 20, 5);
        Transfer sent = alice.send(BOB_FULL, source, SendOptions.defaults());
        Transfer done = sent.completion().toCompletableFuture().get(DONE.toSeconds(), TimeUnit.SECONDS);
        assertEquals(done.failure().toString(), TransferState.COMPLETED, done.state());
        TransferEvent received = events.awaitEnd(DONE, "bob@localhost", Direction.INCOMING, "during-the-flood.bin");
        assertEquals(received.failure().toString(), TransferEvent.Type.COMPLETED, received.type());
        assertEquals(TestFiles.sha256(source), TestFiles.sha256(downloads.resolve("during-the-flood.bin")));
        TransferEvent started = events.await(DONE, "alice's stream opened",
                e -> e.transferId().equals(sent.id()) && e.type() == TransferEvent.Type.STARTED);
        System.out.printf("[%s] %d offers from carol in %d ms: %d held, %d refused; alice's offer: stream open after"
                + " %d ms, file complete after %d ms%n", SiftRuntime.framework(), FLOOD, floodMillis, held.get(),
                FLOOD - held.get(), Duration.between(sent.started(), started.time()).toMillis(),
                Duration.between(sent.started(), received.time()).toMillis());

        // answered offers give their slots back: carol's next offer reaches the handler again
        release.countDown();
        Await.until(DONE, "the held offers declined", () -> count(answers, "forbidden/auth") == PER_PEER);
        offer(carol, "after-the-flood", answers);
        Await.until(DONE, "carol's next offer answered", () -> total(answers) == FLOOD + 1);
        assertEquals(Map.of("resource-constraint/wait", FLOOD - PER_PEER, "forbidden/auth", PER_PEER + 1),
                counts(answers));
    }

    @Test
    public void acceptedOffersWhoseStreamNeverOpensHoldNoTransferSlot() throws Exception {
        Path root = TestFiles.tempDir("accepted-flood-" + SiftRuntime.framework());
        Path downloads = root.resolve("downloads");
        Senders senders = start(downloads);
        FileTransferService alice = senders.alice();
        XMPPConnection carol = senders.carol();

        // bob accepts carol's offers, but she never opens a stream: each accepted one waits for it
        Map<String, AtomicInteger> answers = new ConcurrentHashMap<>();
        for (int i = 0; i < FLOOD; i++) {
            offer(carol, "accepted-" + i, answers);
        }
        Await.until(DONE, "every flood offer answered", () -> total(answers) == FLOOD);
        int accepted = count(answers, "result");
        assertTrue("no more accepted offers wait than one peer may have waiting: " + counts(answers),
                accepted > 0 && accepted <= WAITING_PER_PEER);

        Path source = TestFiles.random(root.resolve("outbox"), "beside-the-accepted.bin", 1 << 20, 6);
        Transfer sent = alice.send(BOB_FULL, source, SendOptions.defaults());
        Transfer done = sent.completion().toCompletableFuture().get(DONE.toSeconds(), TimeUnit.SECONDS);
        assertEquals(done.failure().toString(), TransferState.COMPLETED, done.state());
        assertEquals(TestFiles.sha256(source), TestFiles.sha256(downloads.resolve("beside-the-accepted.bin")));
        System.out.printf("[%s] %d offers from carol: %s; alice's 1 MiB file complete after %d ms%n",
                SiftRuntime.framework(), FLOOD, counts(answers),
                Duration.between(sent.started(), java.time.Instant.now()).toMillis());
    }

    /** alice's file transfer service, and carol's raw connection for offers of her own. */
    private record Senders(FileTransferService alice, XMPPConnection carol) {
    }

    /** bob accepts into {@code downloads}; the three accounts are online and bob serves file transfer. */
    private Senders start(Path downloads) throws Exception {
        TransferSetup.configureFileTransfer(context, configAdmin, scr, TransferSetup.acceptInto(downloads));
        for (String user : new String[] {"alice", "bob", "carol"}) {
            TransferSetup.ensureAccount(configAdmin, user);
        }
        FileTransferService alice = TransferSetup.service(context, "alice");
        TransferSetup.service(context, "bob");
        XMPPConnection carol = Services.await(context, AccountConnection.class,
                Services.jidFilter("carol@localhost"), TransferSetup.READY).connection();
        // asked directly: after a reconfiguration, capabilities seen by alice may lag
        TransferSetup.awaitServed(context, "alice", BOB_FULL, FILE_TRANSFER);
        events.listenIn(context);
        return new Senders(alice, carol);
    }

    /** Holds carol's offers until released, then declines them; passes on everyone else's. */
    private ServiceRegistration<OfferHandler> registerHandler(AtomicInteger held) {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(Constants.SERVICE_RANKING, 100);
        props.put(XmppAccount.JID, "bob@localhost");
        return context.registerService(OfferHandler.class, offer -> {
            if (!offer.peer().startsWith("carol@localhost/")) {
                return OfferDecision.pass();
            }
            held.incrementAndGet();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return OfferDecision.decline("flood");
        }, props);
    }

    /** Sends a raw XEP-0096 offer and counts its answer by error condition and type. */
    private static void offer(XMPPConnection from, String sid, Map<String, AtomicInteger> answers) throws Exception {
        SiOffer iq = new SiOffer(sid);
        iq.setTo(JidCreate.from(BOB_FULL));
        from.sendIqRequestAsync(iq, DONE.toMillis())
                .onSuccess(result -> answers.computeIfAbsent("result", k -> new AtomicInteger()).incrementAndGet())
                .onError(e -> answers.computeIfAbsent(answer(e), k -> new AtomicInteger()).incrementAndGet());
    }

    private static String answer(Exception e) {
        if (e instanceof XMPPException.XMPPErrorException error) {
            StanzaError stanzaError = error.getStanzaError();
            return stanzaError.getCondition() + "/" + stanzaError.getType().toString().toLowerCase(Locale.ROOT);
        }
        return e.getClass().getSimpleName();
    }

    private static int total(Map<String, AtomicInteger> answers) {
        return answers.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    private static int count(Map<String, AtomicInteger> answers, String key) {
        AtomicInteger n = answers.get(key);
        return n == null ? 0 : n.get();
    }

    private static Map<String, Integer> counts(Map<String, AtomicInteger> answers) {
        Map<String, Integer> copy = new TreeMap<>();
        answers.forEach((k, v) -> copy.put(k, v.get()));
        return copy;
    }

    /** A file offer as a XEP-0096 sender writes it, offering in-band bytestreams. */
    private static final class SiOffer extends IQ {

        private final String sid;

        SiOffer(String sid) {
            super("si", SI);
            this.sid = sid;
            setType(IQ.Type.set);
        }

        @Override
        protected IQChildElementXmlStringBuilder getIQChildElementBuilder(IQChildElementXmlStringBuilder xml) {
            xml.attribute("id", sid).attribute("profile", FILE_TRANSFER).rightAngleBracket();
            xml.append("<file xmlns='" + FILE_TRANSFER + "' name='" + sid + ".bin' size='1000'/>"
                    + "<feature xmlns='http://jabber.org/protocol/feature-neg'><x xmlns='jabber:x:data' type='form'>"
                    + "<field var='stream-method' type='list-single'>"
                    + "<option><value>http://jabber.org/protocol/ibb</value></option>"
                    + "</field></x></feature>");
            return xml;
        }
    }
}
