package io.sift.filetransfer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.sift.api.Direction;
import io.sift.api.FailureReason;
import io.sift.api.ListenerRegistration;
import io.sift.api.TransferEvent;
import io.sift.api.TransferEvent.Type;
import io.sift.api.TransferListener;

/** The listeners of one transfer, through the real event thread. */
class TransferListenersTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    private final RecordingLogger log = new RecordingLogger();
    private final EventDispatcher dispatcher = new EventDispatcher(log.logger());
    private final Heard whiteboard = new Heard();

    TransferListenersTest() {
        dispatcher.addListener(whiteboard);
    }

    @AfterEach
    void tearDown() {
        dispatcher.close();
    }

    /** Keeps what it hears, and on which threads. */
    private static final class Heard implements TransferListener {
        private final List<TransferEvent> events = new ArrayList<>(); // guarded by this
        final Set<String> threads = ConcurrentHashMap.newKeySet();

        @Override
        public synchronized void transferEvent(TransferEvent event) {
            threads.add(Thread.currentThread().getName());
            events.add(event);
            notifyAll();
        }

        synchronized List<TransferEvent> events() {
            return List.copyOf(events);
        }

        synchronized List<TransferEvent> of(String transferId) {
            return events.stream().filter(e -> e.transferId().equals(transferId)).toList();
        }

        List<Type> types() {
            return events().stream().map(TransferEvent::type).toList();
        }

        /** Waits until it heard an event of this type of this transfer. */
        synchronized void await(String transferId, Type type) throws InterruptedException {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (events.stream().noneMatch(e -> e.transferId().equals(transferId) && e.type() == type)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    fail("no " + type + " of " + transferId + "; heard " + events);
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }
    }

    private TransferRecord record(String id) {
        return new TransferRecord(id, "alice@example.org", "bob@example.org", Direction.OUTGOING, "a.txt", 100,
                Optional.empty(), null, dispatcher);
    }

    @Test
    void aListenerAddedAtOnceHearsEveryEventOfItsTransferInOrderOnTheEventThread() throws Exception {
        TransferRecord r = record("t1");
        TransferRecord other = record("t2");
        Heard heard = new Heard();
        r.addListener(heard);

        r.offered();
        other.offered();
        r.negotiating("bob@example.org/home");
        r.started("urn:m");
        r.addBytes(60);
        r.addBytes(40);
        other.declined();
        r.completed(null, SHA, true);
        heard.await("t1", Type.COMPLETED);
        whiteboard.await("t2", Type.DECLINED);

        assertEquals(whiteboard.of("t1"), heard.events(), "the very events the whiteboard got, in order");
        assertEquals(List.of(Type.OFFERED, Type.STARTED, Type.PROGRESS, Type.COMPLETED), heard.types());
        assertEquals(Set.of("sift-transfer-events"), heard.threads);
    }

    @Test
    void aLateListenerHearsWhatItMissedAndThenEveryNewEvent() throws Exception {
        TransferRecord r = record("t1");
        r.offered();
        r.negotiating("bob@example.org/home");
        r.started("urn:m");
        r.addBytes(30);
        Heard duringProgress = new Heard();
        r.addListener(duringProgress);
        r.fallingBack("urn:m");
        r.started("urn:m");
        Heard afterRestart = new Heard();
        r.addListener(afterRestart);
        r.addBytes(100);
        r.sent(SHA);
        duringProgress.await("t1", Type.SENT);
        afterRestart.await("t1", Type.SENT);

        assertEquals(List.of(Type.OFFERED, Type.STARTED, Type.PROGRESS, Type.FALLBACK, Type.STARTED, Type.SENT),
                duringProgress.types(), "the latest PROGRESS while it was the last event, then what followed");
        assertEquals(List.of(Type.OFFERED, Type.STARTED, Type.FALLBACK, Type.STARTED, Type.SENT),
                afterRestart.types(), "no PROGRESS older than the last event");
        List<TransferEvent> all = whiteboard.of("t1");
        for (Heard heard : List.of(duringProgress, afterRestart)) {
            assertTrue(all.containsAll(heard.events()), "the same event objects: " + heard.events());
            List<TransferEvent> inOrder = all.stream().filter(heard.events()::contains).toList();
            assertEquals(inOrder, heard.events(), "in the order they happened");
        }
        assertEquals(Set.of("sift-transfer-events"), afterRestart.threads);
        assertEquals(30, duringProgress.events().get(2).bytesTransferred());
    }

    @Test
    void aListenerAddedAfterTheEndHearsTheStoryWithTheFinalEventAtOnce() throws Exception {
        TransferRecord r = record("t1");
        r.offered();
        r.failed(FailureReason.PEER_UNAVAILABLE, "bob went offline");
        whiteboard.await("t1", Type.FAILED);

        Heard late = new Heard();
        ListenerRegistration registration = r.addListener(late);
        late.await("t1", Type.FAILED);
        assertEquals(whiteboard.of("t1"), late.events());
        assertEquals(Optional.of(FailureReason.PEER_UNAVAILABLE),
                late.events().get(1).failure().map(f -> f.reason()));
        registration.close();
        registration.close();
    }

    @Test
    void aRemovedListenerHearsNothingMore() throws Exception {
        TransferRecord r = record("t1");
        Heard heard = new Heard();
        ListenerRegistration registration = r.addListener(heard);
        r.offered();
        heard.await("t1", Type.OFFERED);
        registration.close();
        r.negotiating("bob@example.org/home");
        r.started("urn:m");
        r.cancel();
        whiteboard.await("t1", Type.CANCELLED);
        assertEquals(List.of(Type.OFFERED), heard.types());
    }

    @Test
    void aListenerRemovedBeforeItsQueuedEventsWereDeliveredHearsNone() throws Exception {
        TransferRecord r = record("t1");
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        dispatcher.addListener(event -> {
            if (event.type() == Type.OFFERED) {
                holding.countDown();
                awaitQuietly(release);
            }
        });
        Heard heard = new Heard();
        ListenerRegistration registration = r.addListener(heard);
        r.offered(); // the event thread is held while the whiteboard hears it, before the transfer's own listeners
        assertTrue(holding.await(WAIT.toMillis(), TimeUnit.MILLISECONDS));
        r.negotiating("bob@example.org/home");
        r.started("urn:m");
        Heard late = new Heard();
        ListenerRegistration lateRegistration = r.addListener(late); // its replay waits in the queue
        registration.close();
        lateRegistration.close();
        release.countDown();
        r.declined();
        whiteboard.await("t1", Type.DECLINED);

        assertEquals(List.of(), late.types(), "its replay was still queued when it was removed");
        assertEquals(List.of(), heard.types(), "removed while OFFERED was still on its way to it");
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aListenerThatThrowsKeepsHearingAndSoDoTheOthers() throws Exception {
        TransferRecord r = record("t1");
        List<Type> thrown = new java.util.concurrent.CopyOnWriteArrayList<>();
        TransferListener failing = new TransferListener() {
            @Override
            public void transferEvent(TransferEvent event) {
                thrown.add(event.type());
                throw new IllegalStateException("listener bug");
            }
        };
        r.addListener(failing);
        Heard after = new Heard();
        r.addListener(after);

        r.offered();
        r.negotiating("bob@example.org/home");
        r.started("urn:m");
        r.completed(null, SHA, true);
        after.await("t1", Type.COMPLETED);
        whiteboard.await("t1", Type.COMPLETED);

        List<Type> expected = List.of(Type.OFFERED, Type.STARTED, Type.COMPLETED);
        assertEquals(expected, thrown, "it still hears every event");
        assertEquals(expected, after.types());
        assertEquals(expected, whiteboard.types());
        List<RecordingLogger.Call> warnings = log.calls("warn");
        assertEquals(3, warnings.size(), warnings::toString);
        assertEquals(failing.getClass().getName() + " of transfer t1", warnings.get(0).args().get(0));
    }

    @Test
    void afterTheEventThreadStoppedALateListenerHearsTheStoryOnItsOwnThread() throws Exception {
        TransferRecord r = record("t1");
        r.offered();
        r.failed(FailureReason.SHUTDOWN, "file transfer stopped");
        dispatcher.close();

        Heard late = new Heard();
        r.addListener(late);
        assertEquals(List.of(Type.OFFERED, Type.FAILED), late.types(), "heard before addListener returned");
        assertEquals(Set.of(Thread.currentThread().getName()), late.threads);
    }
}
