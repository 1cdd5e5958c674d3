package io.sift.socks5.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.sift.spi.StreamException;

/** The order and timing of connection attempts, with fake connections and a manual clock. */
class StaggeredRaceTest {

    private static final long STAGGER = 250;
    private static final long DEADLINE = 8000;
    private static final List<Streamhost> HOSTS = List.of(
            new Streamhost("alice@localhost/a", "10.0.0.1", 1001),
            new Streamhost("alice@localhost/a", "10.0.0.2", 1002),
            new Streamhost("proxy.localhost", "10.0.0.3", 1003));

    private final FakeConnector connector = new FakeConnector();
    private final ManualScheduler clock = new ManualScheduler();
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    private StaggeredRace race() {
        return new StaggeredRace(HOSTS, Bytes.HASH, connector, threads, clock, STAGGER, DEADLINE);
    }

    private static StaggeredRace.Win won(CompletableFuture<StaggeredRace.Win> outcome) throws Exception {
        return outcome.get(5, TimeUnit.SECONDS);
    }

    private static StreamException lost(CompletableFuture<StaggeredRace.Win> outcome) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> outcome.get(5, TimeUnit.SECONDS));
        return assertInstanceOf(StreamException.class, e.getCause());
    }

    @Test
    void onlyTheFirstStreamhostIsTriedUntilTheStaggerElapses() throws Exception {
        race().start();
        assertEquals(List.of("10.0.0.1"), connector.hosts());
        assertEquals(Bytes.HASH, connector.get(0).dstAddr);
        assertEquals(1, clock.pending(STAGGER).size());
        assertEquals(1, clock.pending(DEADLINE).size());

        clock.fireNext(STAGGER);
        assertEquals(List.of("10.0.0.1", "10.0.0.2"), connector.hosts());
        clock.fireNext(STAGGER);
        assertEquals(List.of("10.0.0.1", "10.0.0.2", "10.0.0.3"), connector.hosts());
        assertTrue(clock.pending(STAGGER).isEmpty(), "nothing after the last streamhost");
    }

    @Test
    void laterStreamhostThatCompletesFirstWinsAndTheOthersAreStopped() throws Exception {
        CompletableFuture<StaggeredRace.Win> outcome = race().start();
        clock.fireNext(STAGGER);
        Await.until("both connect", () -> connector.get(0).connecting && connector.get(1).connecting);

        SocketChannel channel = connector.get(1).succeed();

        StaggeredRace.Win win = won(outcome);
        assertSame(HOSTS.get(1), win.streamhost());
        assertSame(channel, win.channel());
        assertTrue(connector.get(0).cancelled);
        assertFalse(connector.get(1).cancelled);
        assertEquals(2, connector.attempts().size(), "the third streamhost is never tried");
        assertTrue(clock.pending(STAGGER).isEmpty() && clock.pending(DEADLINE).isEmpty(), "timers left");
        channel.close();
    }

    @Test
    void earlierStreamhostThatCompletesFirstWins() throws Exception {
        CompletableFuture<StaggeredRace.Win> outcome = race().start();
        clock.fireNext(STAGGER);
        SocketChannel channel = connector.get(0).succeed();
        assertSame(HOSTS.get(0), won(outcome).streamhost());
        assertTrue(connector.get(1).cancelled);
        channel.close();
    }

    @Test
    void failedAttemptStartsTheNextAtOnceWithoutWaitingForTheStagger() throws Exception {
        CompletableFuture<StaggeredRace.Win> outcome = race().start();
        connector.get(0).fail("connection refused");
        Await.until("the second is tried", () -> connector.attempts().size() == 2);
        // its own stagger was not fired: the failure started the second
        assertEquals(List.of("10.0.0.1", "10.0.0.2"), connector.hosts());

        // the stale stagger of the first attempt must not start the third early
        ManualScheduler.Task staleStagger = clock.all().get(1);
        assertEquals(STAGGER, staleStagger.delayMillis);
        staleStagger.fire();
        assertEquals(2, connector.attempts().size());

        SocketChannel channel = connector.get(1).succeed();
        assertSame(HOSTS.get(1), won(outcome).streamhost());
        channel.close();
    }

    @Test
    void whenEveryStreamhostFailsTheRaceIsRefusedNamingEach() throws Exception {
        CompletableFuture<StaggeredRace.Win> outcome = race().start();
        connector.get(0).fail("refused one");
        Await.until("second", () -> connector.attempts().size() == 2);
        connector.get(1).fail("refused two");
        Await.until("third", () -> connector.attempts().size() == 3);
        assertFalse(outcome.isDone());
        connector.get(2).fail("refused three");

        StreamException e = lost(outcome);
        assertEquals(StreamException.Kind.REFUSED, e.kind());
        assertTrue(e.getMessage().contains("refused one") && e.getMessage().contains("refused three"), e.getMessage());
    }

    @Test
    void attemptPastItsDeadlineCountsAsFailedAndItsLateConnectionIsClosed() throws Exception {
        CompletableFuture<StaggeredRace.Win> outcome = race().start();
        Await.until("connecting", () -> connector.get(0).connecting);
        connector.get(0).deafToCancel = true;
        clock.fireNext(DEADLINE);
        assertTrue(connector.get(0).cancelled);
        assertEquals(2, connector.attempts().size(), "the deadline started the next streamhost");

        // the stuck attempt completes after all: its connection is not used
        SocketChannel late = connector.get(0).succeed();
        Await.until("the late connection is closed", () -> !late.isOpen());
        assertFalse(outcome.isDone());

        SocketChannel channel = connector.get(1).succeed();
        assertSame(HOSTS.get(1), won(outcome).streamhost());
        channel.close();
    }

    @Test
    void cancelStopsEveryAttemptAndFailsWithTheReason() throws Exception {
        StaggeredRace race = race();
        CompletableFuture<StaggeredRace.Win> outcome = race.start();
        clock.fireNext(STAGGER);
        race.cancel(new StreamException(StreamException.Kind.TIMEOUT, "gave up"));
        assertEquals(StreamException.Kind.TIMEOUT, lost(outcome).kind());
        assertTrue(connector.get(0).cancelled && connector.get(1).cancelled);
        assertTrue(clock.pending(STAGGER).isEmpty() && clock.pending(DEADLINE).isEmpty());
    }

    @Test
    void connectionThatCompletesAfterTheDecisionIsClosed() throws Exception {
        StaggeredRace race = race();
        CompletableFuture<StaggeredRace.Win> outcome = race.start();
        Await.until("connecting", () -> connector.get(0).connecting);
        connector.get(0).deafToCancel = true;
        race.cancel(new StreamException(StreamException.Kind.REFUSED, "cancelled"));
        lost(outcome);
        SocketChannel late = connector.get(0).succeed();
        Await.until("the late connection is closed", () -> !late.isOpen());
    }

    @Test
    void noFreeThreadCountsAsAFailedAttempt() throws Exception {
        StaggeredRace race = new StaggeredRace(HOSTS.subList(0, 1), Bytes.HASH, connector, task -> {
            throw new RejectedExecutionException("full");
        }, clock, STAGGER, DEADLINE);
        assertEquals(StreamException.Kind.REFUSED, lost(race.start()).kind());
    }

    @Test
    void emptyOfferCannotBeRaced() {
        assertThrows(IllegalArgumentException.class,
                () -> new StaggeredRace(List.of(), Bytes.HASH, connector, threads, clock, STAGGER, DEADLINE));
    }
}
