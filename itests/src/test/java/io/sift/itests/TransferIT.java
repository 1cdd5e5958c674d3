package io.sift.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

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
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

import io.sift.api.Direction;
import io.sift.api.FileTransferService;
import io.sift.api.OfferDecision;
import io.sift.api.OfferHandler;
import io.sift.api.SendOptions;
import io.sift.api.StreamMethods;
import io.sift.api.Transfer;
import io.sift.api.TransferEvent;
import io.sift.api.TransferEvents;
import io.sift.api.TransferState;

/** Files from alice to bob through the local Prosody, in-band, inside one framework. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class TransferIT {

    private static final Duration DONE = Duration.ofSeconds(120);
    private static final String ALICE = "alice@localhost";
    private static final String BOB = "bob@localhost";
    private static final String BOB_FULL = "bob@localhost/itest";

    @Inject
    private BundleContext context;

    @Inject
    private ConfigurationAdmin configAdmin;

    @Inject
    private ServiceComponentRuntime scr;

    private Path downloads;
    private Path outbox;
    private final EventLog events = new EventLog();
    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();
    private FileTransferService alice;

    @Configuration
    public Option[] config() {
        return SiftRuntime.withProsody();
    }

    @Before
    public void setUp() throws Exception {
        Path root = LocalProsody.projectDir().resolve("itests/target/itest-files/" + SiftRuntime.framework());
        downloads = root.resolve("downloads");
        outbox = root.resolve("outbox");
        TransferSetup.configureFileTransfer(context, configAdmin, scr, TransferSetup.acceptInto(downloads));
        alice = TransferSetup.aliceAndBob(context, configAdmin);
        events.listenIn(context);
    }

    @After
    public void tearDown() {
        events.close();
        registrations.forEach(ServiceRegistration::unregister);
    }

    @Test
    public void filesOfEverySizeArriveIntactInBand() throws Exception {
        long[] sizes = {0, 1, 1024 * 1024, 64L * 1024 * 1024};
        for (long size : sizes) {
            String name = "ibb-" + size + ".bin";
            Path source = TestFiles.random(outbox, name, size, size);
            long start = System.nanoTime();
            Transfer transfer = alice.send(BOB_FULL, source, SendOptions.defaults()
                    .withMethods(List.of(StreamMethods.IBB)).withDescription("size " + size));
            Transfer done = transfer.completion().toCompletableFuture().get(DONE.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
            double seconds = (System.nanoTime() - start) / 1e9;
            assertEquals(done.failure().toString(), TransferState.COMPLETED, done.state());
            assertEquals(size, done.bytesTransferred());
            assertEquals(StreamMethods.IBB, done.streamMethod().orElseThrow());
            assertEquals(BOB_FULL, done.peer());

            TransferEvent received = events.awaitEnd(DONE, BOB, Direction.INCOMING, name);
            assertEquals(received.failure().toString(), TransferEvent.Type.COMPLETED, received.type());
            Path stored = downloads.resolve(name);
            assertEquals(TestFiles.sha256(source), TestFiles.sha256(stored));
            assertFalse("no partial file is left", Files.exists(downloads.resolve(name + ".part")));
            System.out.printf("[%s] IBB %d bytes in %.2f s (%.1f MiB/s)%n", SiftRuntime.framework(), size, seconds,
                    size / seconds / (1 << 20));
            Files.delete(stored);
        }
    }

    @Test
    public void aBareJidReachesTheAvailableResource() throws Exception {
        Path source = TestFiles.random(outbox, "bare.bin", 100_000, 7);
        Transfer done = alice.send(BOB, source, SendOptions.defaults()).completion().toCompletableFuture().get();
        assertEquals(done.failure().toString(), TransferState.COMPLETED, done.state());
        assertEquals(BOB_FULL, done.peer());
        events.awaitEnd(DONE, BOB, Direction.INCOMING, "bare.bin");
        assertEquals(TestFiles.sha256(source), TestFiles.sha256(downloads.resolve("bare.bin")));
        Files.delete(downloads.resolve("bare.bin"));
    }

    @Test
    public void aDeclinedOfferEndsDeclinedOnBothSides() throws Exception {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("service.ranking", 100);
        registrations.add(context.registerService(OfferHandler.class,
                offer -> offer.fileName().startsWith("decline-") ? OfferDecision.decline("not today") : OfferDecision.pass(),
                props));
        Path source = TestFiles.random(outbox, "decline-me.bin", 1000, 3);
        Transfer done = alice.send(BOB_FULL, source, SendOptions.defaults()).completion().toCompletableFuture().get();
        assertEquals(TransferState.DECLINED, done.state());
        assertEquals(TransferEvent.Type.DECLINED, events.awaitEnd(DONE, BOB, Direction.INCOMING, "decline-me.bin").type());
        assertFalse(Files.exists(downloads.resolve("decline-me.bin")));
    }

    @Test
    public void theSenderCancelsMidTransfer() throws Exception {
        Path source = TestFiles.random(outbox, "cancel-by-sender.bin", 64L << 20, 11);
        Transfer transfer = alice.send(BOB_FULL, source, SendOptions.defaults().withMethods(List.of(StreamMethods.IBB)));
        Await.until(DONE, "some bytes moved", () -> transfer.bytesTransferred() > 256 * 1024);
        assertTrue(transfer.cancel());
        assertFalse("a second cancel changes nothing", transfer.cancel());
        assertEquals(TransferState.CANCELLED, transfer.state());
        TransferEvent end = events.awaitEnd(DONE, BOB, Direction.INCOMING, "cancel-by-sender.bin");
        assertEquals(end.failure().toString(), TransferEvent.Type.CANCELLED, end.type());
        // bob cannot tell a cancel from a crash of the sender: the partial file stays for a resend
        Await.until(Duration.ofSeconds(10), "only the partial file and what it belongs to are left",
                () -> filesNamed("cancel-by-sender.bin").equals(List.of("cancel-by-sender.bin.part"))
                        && Files.exists(downloads.resolve(".cancel-by-sender.bin.part.sift")));
        long kept = Files.size(downloads.resolve("cancel-by-sender.bin.part"));

        // the same file again: only the rest moves, and the whole file is checked
        Transfer again = alice.send(BOB_FULL, source, SendOptions.defaults().withMethods(List.of(StreamMethods.IBB)))
                .completion().toCompletableFuture().get(DONE.toSeconds(), TimeUnit.SECONDS);
        assertEquals(again.failure().toString(), TransferState.COMPLETED, again.state());
        assertTrue(again.verified());
        assertEquals(kept, again.resumedFrom());
        assertEquals(Files.size(source) - kept, again.bytesTransferred());
        assertEquals(TestFiles.sha256(source), TestFiles.sha256(downloads.resolve("cancel-by-sender.bin")));
        assertEquals(List.of("cancel-by-sender.bin"), filesNamed("cancel-by-sender.bin"));
        System.out.printf("[%s] resumed after %d of %d bytes, sent %d%n", SiftRuntime.framework(), kept,
                Files.size(source), again.bytesTransferred());
    }

    @Test
    public void theReceiverCancelsMidTransfer() throws Exception {
        Path source = TestFiles.random(outbox, "cancel-by-receiver.bin", 64L << 20, 12);
        Transfer transfer = alice.send(BOB_FULL, source, SendOptions.defaults().withMethods(List.of(StreamMethods.IBB)));
        FileTransferService bob = TransferSetup.service(context, "bob");
        Await.until(DONE, "bob receives bytes", () -> bob.transfers().stream()
                .anyMatch(t -> t.fileName().equals("cancel-by-receiver.bin") && t.bytesTransferred() > 256 * 1024));
        Transfer incoming = bob.transfers().stream()
                .filter(t -> t.fileName().equals("cancel-by-receiver.bin")).findFirst().orElseThrow();
        assertTrue(incoming.cancel());
        Transfer sent = transfer.completion().toCompletableFuture().get();
        assertEquals(sent.failure().toString(), TransferState.CANCELLED, sent.state());
        assertEquals(TransferState.CANCELLED, incoming.state());
        assertNoFile("cancel-by-receiver.bin");
    }

    @Test
    public void aConfigurationChangeLeavesARunningTransferAlone() throws Exception {
        Path source = TestFiles.random(outbox, "reconfigured.bin", 32L << 20, 13);
        Transfer transfer = alice.send(BOB_FULL, source, SendOptions.defaults().withMethods(List.of(StreamMethods.IBB)));
        Await.until(DONE, "bytes moving", () -> transfer.bytesTransferred() > 256 * 1024);
        java.util.Map<String, Object> changed = new java.util.HashMap<>(TransferSetup.acceptInto(downloads));
        changed.put("idleTimeoutSeconds", 59);
        TransferSetup.configureFileTransfer(context, configAdmin, scr, changed);
        assertFalse("the change came while the transfer ran", transfer.state().isFinal());

        Transfer done = transfer.completion().toCompletableFuture().get(DONE.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
        assertEquals(done.failure().toString(), TransferState.COMPLETED, done.state());
        events.awaitEnd(DONE, BOB, Direction.INCOMING, "reconfigured.bin");
        assertEquals(TestFiles.sha256(source), TestFiles.sha256(downloads.resolve("reconfigured.bin")));
        Files.delete(downloads.resolve("reconfigured.bin"));
    }

    @Test
    public void moreFilesAtOnceThanTheReceiverTakesFromOneSenderAllArrive() throws Exception {
        // bob takes two offers of alice's at a time: the others are answered "busy" and offered again
        java.util.Map<String, Object> strict = new java.util.HashMap<>(TransferSetup.acceptInto(downloads));
        strict.put("maxIncomingPerPeer", 2);
        TransferSetup.configureFileTransfer(context, configAdmin, scr, strict);
        List<Path> sources = new java.util.ArrayList<>();
        List<Transfer> transfers = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            sources.add(TestFiles.random(outbox, "queued-" + i + ".bin", 1L << 20, 40 + i));
        }
        for (Path source : sources) {
            transfers.add(alice.send(BOB_FULL, source, SendOptions.defaults()));
        }
        for (int i = 0; i < sources.size(); i++) {
            Transfer done = transfers.get(i).completion().toCompletableFuture().get(DONE.toSeconds(),
                    java.util.concurrent.TimeUnit.SECONDS);
            assertEquals(done.failure().toString(), TransferState.COMPLETED, done.state());
            String name = sources.get(i).getFileName().toString();
            events.awaitEnd(DONE, BOB, Direction.INCOMING, name);
            assertEquals(TestFiles.sha256(sources.get(i)), TestFiles.sha256(downloads.resolve(name)));
        }
    }

    @Test
    public void twoTransfersAtOnce() throws Exception {
        Path a = TestFiles.random(outbox, "parallel-a.bin", 8L << 20, 21);
        Path b = TestFiles.random(outbox, "parallel-b.bin", 8L << 20, 22);
        Transfer ta = alice.send(BOB_FULL, a, SendOptions.defaults());
        Transfer tb = alice.send(BOB_FULL, b, SendOptions.defaults());
        assertEquals(TransferState.COMPLETED, ta.completion().toCompletableFuture().get().state());
        assertEquals(TransferState.COMPLETED, tb.completion().toCompletableFuture().get().state());
        for (Path source : new Path[] {a, b}) {
            String name = source.getFileName().toString();
            events.awaitEnd(DONE, BOB, Direction.INCOMING, name);
            assertEquals(TestFiles.sha256(source), TestFiles.sha256(downloads.resolve(name)));
            Files.delete(downloads.resolve(name));
        }
    }

    @Test
    public void listenersAndEventAdminSeeTheSameEventsInOrder() throws Exception {
        List<String> topics = new CopyOnWriteArrayList<>();
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(EventConstants.EVENT_TOPIC, TransferEvents.TOPIC_ALL);
        props.put(EventConstants.EVENT_FILTER, "(" + TransferEvents.FILE_NAME + "=events.bin)");
        registrations.add(context.registerService(EventHandler.class, event -> {
            if ("OUTGOING".equals(event.getProperty(TransferEvents.DIRECTION))) {
                topics.add(event.getTopic());
            }
        }, props));
        Path source = TestFiles.random(outbox, "events.bin", 2L << 20, 5);
        alice.send(BOB_FULL, source, SendOptions.defaults()).completion().toCompletableFuture().get();
        events.awaitEnd(DONE, BOB, Direction.INCOMING, "events.bin");
        Await.until(DONE, "EventAdmin delivered COMPLETED", () -> topics.contains("io/sift/transfer/COMPLETED"));

        List<TransferEvent.Type> sent = events.types(ALICE, Direction.OUTGOING, "events.bin");
        List<TransferEvent.Type> received = events.types(BOB, Direction.INCOMING, "events.bin");
        assertEquals(TransferEvent.Type.OFFERED, sent.get(0));
        assertEquals(TransferEvent.Type.STARTED, sent.get(1));
        assertEquals(TransferEvent.Type.COMPLETED, sent.get(sent.size() - 1));
        assertTrue(sent.subList(2, sent.size() - 1).stream().allMatch(t -> t == TransferEvent.Type.PROGRESS));
        assertEquals(TransferEvent.Type.OFFERED, received.get(0));
        assertEquals(TransferEvent.Type.STARTED, received.get(1));
        assertEquals(TransferEvent.Type.COMPLETED, received.get(received.size() - 1));
        assertEquals(sent.stream().map(TransferEvent.Type::topic).toList(), topics);
        List<Long> bytes = events.of(BOB, Direction.INCOMING, "events.bin").stream()
                .map(TransferEvent::bytesTransferred).toList();
        for (int i = 1; i < bytes.size(); i++) {
            assertTrue("progress never goes back: " + bytes, bytes.get(i) >= bytes.get(i - 1));
        }
        Files.delete(downloads.resolve("events.bin"));
    }

    /** The partial file goes when the receiving worker finishes, just after the state changed. */
    private void assertNoFile(String name) throws Exception {
        Await.until(Duration.ofSeconds(10), "no final or partial file named " + name, () -> filesNamed(name).isEmpty());
    }

    private List<String> filesNamed(String name) {
        try (Stream<Path> files = Files.list(downloads)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(name)).toList();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
