package io.sift.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.sift.api.OfferDecision;

class PendingOffersTest {

    private static final Duration LONG = Duration.ofSeconds(30);

    private final PendingOffers offers = new PendingOffers();

    @Test
    void acceptAnswersTheWaitingHandler() throws Exception {
        CompletableFuture<OfferDecision> decision = awaitAsync(new StubOffer("t1", "a.txt"), LONG);
        awaitPending("t1");
        assertEquals(List.of("t1"), offers.pending().stream().map(p -> p.offer().transferId()).toList());
        assertTrue(offers.accept("t1", Path.of("/srv/in")));
        OfferDecision result = decision.get(10, TimeUnit.SECONDS);
        assertTrue(result.isAccept());
        assertEquals(Path.of("/srv/in"), result.directory().orElseThrow());
        awaitGone("t1");
        assertFalse(offers.accept("t1", Path.of("/srv/in")), "answered already");
    }

    @Test
    void declineAnswersWithAReason() throws Exception {
        CompletableFuture<OfferDecision> decision = awaitAsync(new StubOffer("t2", "b.txt"), LONG);
        awaitPending("t2");
        assertTrue(offers.decline(" t2 "), "ids are trimmed like typed input");
        OfferDecision result = decision.get(10, TimeUnit.SECONDS);
        assertTrue(result.isDecline());
        assertEquals("declined by the administrator", result.reason().orElseThrow());
    }

    @Test
    void unknownIdsAreRefused() {
        assertFalse(offers.accept("nope", Path.of("/tmp")));
        assertFalse(offers.decline("nope"));
        assertFalse(offers.decline(null));
        assertTrue(offers.get("nope").isEmpty());
    }

    @Test
    void timeoutGivesTheConfiguredDecision() {
        OfferDecision onTimeout = OfferDecision.decline("no answer in time");
        OfferDecision result = offers.await(new StubOffer("t3", "c.txt"), Duration.ofMillis(50), onTimeout);
        assertTrue(result == onTimeout);
        assertTrue(offers.pending().isEmpty(), "a timed-out offer no longer waits");
    }

    @Test
    void closingPassesWaitingOffersAndRefusesNewOnes() throws Exception {
        CompletableFuture<OfferDecision> decision = awaitAsync(new StubOffer("t4", "d.txt"), LONG);
        awaitPending("t4");
        offers.close();
        assertTrue(decision.get(10, TimeUnit.SECONDS).isPass());
        assertTrue(offers.await(new StubOffer("t5", "e.txt"), LONG, OfferDecision.decline()).isPass());
    }

    @Test
    void theSameTransferAskedTwiceIsNotHeldTwice() throws Exception {
        CompletableFuture<OfferDecision> first = awaitAsync(new StubOffer("t6", "f.txt"), LONG);
        awaitPending("t6");
        assertTrue(offers.await(new StubOffer("t6", "f.txt"), LONG, OfferDecision.decline()).isPass());
        assertTrue(offers.accept("t6", Path.of("/x")));
        assertTrue(first.get(10, TimeUnit.SECONDS).isAccept());
    }

    @Test
    void interruptedHandlerPassesAndKeepsTheInterrupt() throws Exception {
        CompletableFuture<Boolean> stillInterrupted = new CompletableFuture<>();
        CompletableFuture<OfferDecision> decision = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            decision.complete(offers.await(new StubOffer("t7", "g.txt"), LONG, OfferDecision.decline()));
            stillInterrupted.complete(Thread.currentThread().isInterrupted());
        });
        thread.start();
        awaitPending("t7");
        thread.interrupt();
        assertTrue(decision.get(10, TimeUnit.SECONDS).isPass());
        assertTrue(stillInterrupted.get(10, TimeUnit.SECONDS));
    }

    private CompletableFuture<OfferDecision> awaitAsync(StubOffer offer, Duration timeout) {
        CompletableFuture<OfferDecision> result = new CompletableFuture<>();
        Thread thread = new Thread(() -> result.complete(offers.await(offer, timeout, OfferDecision.decline())));
        thread.setDaemon(true);
        thread.start();
        return result;
    }

    private void awaitPending(String id) throws InterruptedException {
        Await.until(Duration.ofSeconds(10), "offer " + id + " waiting", () -> offers.get(id).isPresent());
    }

    private void awaitGone(String id) throws InterruptedException {
        Await.until(Duration.ofSeconds(10), "offer " + id + " gone", () -> offers.get(id).isEmpty());
    }
}
