package io.sift.filetransfer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.sift.api.Direction;
import io.sift.api.FailureReason;
import io.sift.api.Transfer;
import io.sift.api.TransferEvent;
import io.sift.api.TransferEvent.Type;
import io.sift.api.TransferFailure;
import io.sift.api.TransferState;

class TransferRecordTest {

    private static final String SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    private static final Path FILE = Paths.get("/downloads/a.txt");

    private final List<TransferEvent> events = Collections.synchronizedList(new ArrayList<>());

    private TransferRecord record(Direction direction) {
        return new TransferRecord("t1", "bob@example.org", "alice@example.org", direction, "a.txt", 100,
                Optional.of("notes"), direction == Direction.OUTGOING ? FILE : null, new DirectEvents(events::add));
    }

    private List<Type> types() {
        synchronized (events) {
            return events.stream().map(TransferEvent::type).toList();
        }
    }

    @Test
    void aNewStreamCountsOnlyWhatMovesOverIt() {
        TransferRecord r = record(Direction.OUTGOING);
        r.negotiating("alice@example.org/home");
        r.resumedFrom(10);
        r.started("urn:m");
        r.addBytes(60);
        assertTrue(r.fallingBack("urn:m"));
        assertEquals(0, r.bytesTransferred(), "the broken stream's bytes are not counted twice");
        assertEquals(0, r.resumedFrom(), "the next answer says what the receiver kept");
        TransferEvent fallback = events.get(events.size() - 1);
        assertEquals(Type.FALLBACK, fallback.type());
        assertEquals(0, fallback.bytesTransferred());
        r.resumedFrom(40);
        r.started("urn:m");
        r.addBytes(60);
        assertTrue(r.sent(SHA));
        assertEquals(60, r.bytesTransferred());
        assertEquals(100, r.resumedFrom() + r.bytesTransferred());
    }

    @Test
    void goesFromOfferedToCompleted() {
        TransferRecord r = record(Direction.INCOMING);
        assertEquals(TransferState.OFFERED, r.state());
        r.offered();
        assertTrue(r.negotiating("alice@example.org/home"));
        assertEquals(TransferState.NEGOTIATING, r.state());
        assertEquals("alice@example.org/home", r.peer());
        assertTrue(r.started("urn:m"));
        assertEquals(TransferState.TRANSFERRING, r.state());
        assertEquals(Optional.of("urn:m"), r.streamMethod());
        r.addBytes(100);
        assertTrue(r.completed(FILE, SHA, false));
        assertEquals(TransferState.COMPLETED, r.state());
        assertEquals(100, r.bytesTransferred());
        assertEquals(Optional.empty(), r.failure());
        assertEquals(List.of(Type.OFFERED, Type.STARTED, Type.PROGRESS, Type.COMPLETED), types());
    }

    @Test
    void eventsAreSnapshots() {
        TransferRecord r = record(Direction.OUTGOING);
        r.offered();
        r.negotiating("alice@example.org/home");
        r.started("urn:m");
        r.addBytes(40);
        r.addBytes(60);
        r.completed(FILE, SHA, false);

        TransferEvent offered = events.get(0);
        assertEquals(new TransferEvent(Type.OFFERED, "t1", "bob@example.org", "alice@example.org", Direction.OUTGOING,
                "a.txt", 100, 0, Optional.empty(), Optional.empty(), offered.time()), offered);
        TransferEvent started = events.get(1);
        assertEquals(Type.STARTED, started.type());
        assertEquals("alice@example.org/home", started.peer());
        assertEquals(Optional.of("urn:m"), started.streamMethod());
        assertEquals(0, started.bytesTransferred());
        TransferEvent progress = events.get(2);
        assertEquals(Type.PROGRESS, progress.type());
        assertEquals(40, progress.bytesTransferred());
        TransferEvent completed = events.get(events.size() - 1);
        assertEquals(Type.COMPLETED, completed.type());
        assertEquals(100, completed.bytesTransferred());
        assertTrue(!completed.time().isBefore(offered.time()));
    }

    @Test
    void aFailureIsKeptAndPublished() {
        TransferRecord r = record(Direction.OUTGOING);
        assertTrue(r.failed(FailureReason.TIMEOUT, "no answer"));
        assertEquals(TransferState.FAILED, r.state());
        assertEquals(Optional.of(new TransferFailure(FailureReason.TIMEOUT, "no answer")), r.failure());
        TransferEvent failed = events.get(events.size() - 1);
        assertEquals(Type.FAILED, failed.type());
        assertEquals(r.failure(), failed.failure());
    }

    @Test
    void nothingChangesAfterAFinalState() throws Exception {
        TransferRecord r = record(Direction.INCOMING);
        r.negotiating("alice@example.org/home");
        r.started("urn:m");
        r.addBytes(10);
        assertTrue(r.declined());
        int published = events.size();

        assertFalse(r.negotiating("mallory@example.org/x"));
        assertFalse(r.started("urn:other"));
        assertFalse(r.fallingBack("urn:other"));
        assertFalse(r.completed(FILE, SHA, false));
        assertFalse(r.failed(FailureReason.LOCAL_IO, "late"));
        assertFalse(r.failAndUndo(FailureReason.LOCAL_IO, "late"));
        assertFalse(r.declined());
        assertFalse(r.cancelledByPeer());
        assertFalse(r.cancel());
        r.addBytes(1000);

        assertEquals(TransferState.DECLINED, r.state());
        assertEquals("alice@example.org/home", r.peer());
        assertEquals(Optional.of("urn:m"), r.streamMethod());
        assertEquals(Optional.empty(), r.failure());
        assertEquals(Optional.empty(), r.file());
        assertEquals(10, r.bytesTransferred());
        assertEquals(published, events.size());
        assertSame(r, r.completion().toCompletableFuture().get(1, TimeUnit.SECONDS));
    }

    @Test
    void completionCompletesOnceWithTheRecord() throws Exception {
        TransferRecord r = record(Direction.OUTGOING);
        CompletableFuture<Transfer> completion = r.completion().toCompletableFuture();
        assertFalse(completion.isDone());
        r.started("urn:m");
        assertFalse(completion.isDone());
        assertTrue(r.cancelledByPeer());
        assertTrue(completion.isDone());
        Transfer done = completion.get();
        assertSame(r, done);
        assertFalse(r.failed(FailureReason.STREAM_FAILED, "after the end"));
        assertEquals(TransferState.CANCELLED, r.completion().toCompletableFuture().get().state());
        assertFalse(completion.isCompletedExceptionally());
    }

    @Test
    void theCompletionStageCannotBeCompletedFromOutside() {
        TransferRecord r = record(Direction.OUTGOING);
        r.completion().toCompletableFuture().complete(null);
        assertFalse(r.completion().toCompletableFuture().isDone());
        assertEquals(TransferState.OFFERED, r.state());
    }

    @Test
    void cancelRunsTheUndoAndTheInterrupterOnce() {
        TransferRecord r = record(Direction.OUTGOING);
        AtomicInteger undone = new AtomicInteger();
        AtomicInteger interrupted = new AtomicInteger();
        AtomicInteger replaced = new AtomicInteger();
        r.onCancel(replaced::incrementAndGet);
        r.onCancel(undone::incrementAndGet); // the current undo replaces the earlier one
        r.interruptWith(interrupted::incrementAndGet);

        assertTrue(r.cancel());
        assertEquals(TransferState.CANCELLED, r.state());
        assertFalse(r.cancel());
        assertEquals(1, undone.get());
        assertEquals(1, interrupted.get());
        assertEquals(0, replaced.get());
        assertEquals(List.of(Type.CANCELLED), types());
    }

    @Test
    void failAndUndoRunsTheUndoOnce() {
        TransferRecord r = record(Direction.OUTGOING);
        AtomicInteger undone = new AtomicInteger();
        r.onCancel(undone::incrementAndGet);
        assertTrue(r.failAndUndo(FailureReason.ACCOUNT_OFFLINE, "gone"));
        assertFalse(r.failAndUndo(FailureReason.SHUTDOWN, "stopping"));
        assertFalse(r.cancel());
        assertEquals(1, undone.get());
        assertEquals(FailureReason.ACCOUNT_OFFLINE, r.failure().orElseThrow().reason());
    }

    @Test
    void theEndStatesOfTheWorkerDoNotUndo() {
        TransferRecord r = record(Direction.OUTGOING);
        AtomicInteger undone = new AtomicInteger();
        r.onCancel(undone::incrementAndGet);
        assertTrue(r.failed(FailureReason.NOT_SUPPORTED, "no si"));
        assertEquals(0, undone.get());
    }

    @Test
    void whatIsRegisteredAfterTheEndRunsAtOnce() {
        TransferRecord r = record(Direction.OUTGOING);
        r.cancel();
        AtomicInteger undone = new AtomicInteger();
        AtomicInteger interrupted = new AtomicInteger();
        r.onCancel(undone::incrementAndGet);
        r.interruptWith(interrupted::incrementAndGet);
        assertEquals(1, undone.get());
        assertEquals(1, interrupted.get());
    }

    @Test
    void progressIsThrottled() {
        TransferRecord r = record(Direction.OUTGOING);
        r.started("urn:m");
        long begin = System.nanoTime();
        int calls = 200_000;
        for (int i = 0; i < calls; i++) {
            r.addBytes(1);
        }
        long elapsed = System.nanoTime() - begin;
        r.completed(FILE, SHA, false);

        List<TransferEvent> progress;
        synchronized (events) {
            progress = events.stream().filter(e -> e.type() == Type.PROGRESS).toList();
        }
        long allowed = elapsed / TransferRecord.PROGRESS_INTERVAL_NANOS + 1;
        assertTrue(progress.size() >= 1, "the first bytes are reported");
        assertTrue(progress.size() <= allowed, progress.size() + " PROGRESS events in " + elapsed + " ns");
        assertEquals(1, progress.get(0).bytesTransferred());
        long previous = 0;
        for (TransferEvent e : progress) {
            assertTrue(e.bytesTransferred() >= previous && e.bytesTransferred() <= calls);
            previous = e.bytesTransferred();
        }
        assertEquals(calls, events.get(events.size() - 1).bytesTransferred());
    }

    @Test
    void noProgressAfterTheEnd() {
        TransferRecord r = record(Direction.OUTGOING);
        r.cancel();
        r.addBytes(5);
        assertEquals(List.of(Type.CANCELLED), types());
    }

    @Test
    void anIncomingFileIsKnownOnlyOnceCompleted() {
        TransferRecord r = record(Direction.INCOMING);
        assertEquals(Optional.empty(), r.file());
        r.started("urn:m");
        assertEquals(Optional.empty(), r.file());
        r.completed(FILE, SHA, false);
        assertEquals(Optional.of(FILE), r.file());

        TransferRecord failed = record(Direction.INCOMING);
        failed.failed(FailureReason.HASH_MISMATCH, "bad");
        assertEquals(Optional.empty(), failed.file());
    }

    @Test
    void anOutgoingFileIsKnownFromTheStart() {
        TransferRecord r = record(Direction.OUTGOING);
        assertEquals(Optional.of(FILE), r.file());
        r.failed(FailureReason.STREAM_FAILED, "broke");
        assertEquals(Optional.of(FILE), r.file());
    }

    @Test
    void racingEndsFinishExactlyOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 200; round++) {
                events.clear();
                TransferRecord r = record(Direction.OUTGOING);
                r.started("urn:m");
                AtomicInteger undone = new AtomicInteger();
                r.onCancel(undone::incrementAndGet);
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Boolean>> wins = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    int which = i;
                    wins.add(pool.submit(() -> {
                        go.await();
                        return switch (which % 4) {
                            case 0 -> r.cancel();
                            case 1 -> r.completed(FILE, SHA, false);
                            case 2 -> r.failAndUndo(FailureReason.TIMEOUT, "idle");
                            default -> r.cancelledByPeer();
                        };
                    }));
                }
                go.countDown();
                int winners = 0;
                for (Future<Boolean> w : wins) {
                    winners += w.get(10, TimeUnit.SECONDS) ? 1 : 0;
                }
                assertEquals(1, winners);
                assertEquals(1, types().stream().filter(t -> t != Type.STARTED).count(), types()::toString);
                assertTrue(undone.get() <= 1);
                assertSame(r, r.completion().toCompletableFuture().getNow(null));
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
